"""The dashboard on a PostgreSQL database (MENUPLANNER_DATABASE_URL set, as a practice's app
processes run): every page draws without an exception or an error, and the main flows work as
on the DuckDB file: a new menu with three foods totalling the hand-computed energy, a new client,
a search on the Foods page."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from menuplanner.bench.processes import free_port
from menuplanner.store.factory import URL_ENV
from menuplanner.store.postgres.connection import shown
from menuplanner.store.postgres.migrations import LATEST
from tests.app.conftest import APP, new_menu
from tests.app.test_hostile_text_pages import PAGES
from tests.app.test_menu_builder import BANANA, BUTTER, EGG, _add_food, _energy_line

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_app(pg_server, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[AppTest]:
    with pg_server.database(demo=True) as (app_url, _owner_url):
        monkeypatch.setenv(URL_ENV, app_url)
        monkeypatch.setenv("MENUPLANNER_DB", str(tmp_path / "unused.duckdb"))
        yield AppTest.from_file(APP, default_timeout=90)
    assert not (tmp_path / "unused.duckdb").exists()  # the file was never touched


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_on_postgresql(pg_app: AppTest, page: str) -> None:
    pg_app.switch_page(page)
    pg_app.run()
    assert not pg_app.exception, pg_app.exception
    assert [error.value for error in pg_app.error] == []


def test_a_menu_built_on_postgresql_totals_what_the_domain_computes(pg_app: AppTest) -> None:
    pg_app.switch_page("pages/menu_builder.py")
    pg_app.session_state["builder_tab"] = "Day by day"
    pg_app.run()
    new_menu(pg_app, "Server week")
    _add_food(pg_app, "butter salted", BUTTER, "tbsp", 1)
    _add_food(pg_app, "egg whole raw fresh", EGG, "g", 50)
    _add_food(pg_app, "bananas raw", BANANA, "g", 118)
    # 14.2 g × 717 + 50 g × 143 + 118 g × 89 kcal per 100 g = 278.3 kcal
    assert _energy_line(pg_app) == ":red[●] Energy: 278 of 2,075 kcal (13 %)"


def test_the_foods_page_searches_on_postgresql(pg_app: AppTest) -> None:
    pg_app.switch_page("pages/foods.py")
    pg_app.run()
    pg_app.text_input(key="foods_query").input("butter salted").run()
    assert not pg_app.exception
    assert "Butter, salted" in pg_app.dataframe[0].value["Food"].to_list()[:3]


def test_the_app_on_a_newer_layout_says_so_and_draws_nothing_else(
    pg_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pg_server.database() as (app_url, owner_url):
        with psycopg.connect(owner_url, autocommit=True) as owner:
            owner.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", [LATEST + 1])
        monkeypatch.setenv(URL_ENV, app_url)
        app = AppTest.from_file(APP, default_timeout=90).run()
    assert not app.exception, app.exception
    assert [error.value for error in app.error] == [
        f"The database {shown(app_url)} has layout version {LATEST + 1}, written by a newer "
        f"menuplanner; this one works with version {LATEST}: upgrade menuplanner."
    ]


def test_the_app_with_its_server_down_says_so_on_every_page(monkeypatch: pytest.MonkeyPatch):
    address = f"postgresql://practice:secret@127.0.0.1:{free_port()}/menus"
    monkeypatch.setenv(URL_ENV, address)
    for page in PAGES:
        app = AppTest.from_file(APP, default_timeout=90)
        app.switch_page(page)
        app.run()
        assert not app.exception, (page, app.exception)
        [error] = [error.value for error in app.error]
        assert error.startswith(f"The database server at {shown(address)} cannot be reached ("), (
            page,
            error,
        )
        assert error.endswith("); is it running?") and "secret" not in error
