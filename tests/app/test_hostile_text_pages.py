"""Every page, with the hostile corpus (tests/hostile_text.py) stored as a client, her notes
and dislikes, a recipe, a menu with hostile meal names, and an imported dataset of hostile
food names: no exception, no Markdown/HTML from that text comes alive anywhere, and the text
reads exactly as typed."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, new_menu
from tests.app.shown import as_read, live_markup, markdown_texts
from tests.hostile_data import (
    CLIENT_NAME,
    DATASET_NAME,
    FOOD_NAMES,
    MENU_NAME,
    RECIPE_NAME,
    SLOTS,
    HostileRows,
    seed,
)
from tests.hostile_text import IMG, MARKUP, notes

PAGES = [
    "pages/home.py",
    "pages/menu_builder.py",
    "pages/clients.py",
    "pages/recipes.py",
    "pages/generate.py",
    "pages/export.py",
    "pages/foods.py",
    "pages/imports.py",
    "pages/api_keys.py",
]


@pytest.fixture
def hostile(database_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HostileRows:
    rows = seed(database_copy, tmp_path)
    monkeypatch.setenv("MENUPLANNER_DB", str(database_copy))
    return rows


def open_page(rows: HostileRows, page: str, builder_tab: str = "Week") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    app.session_state["builder_tab"] = builder_tab  # the Menu builder draws only its open tab
    searched = [rows.food_ids[name] for name in FOOD_NAMES if "alert" in name]
    app.session_state["current_client_id"] = rows.client_id
    app.session_state["builder_menu"] = rows.menu_id
    app.session_state["clients_selected"] = rows.client_id
    app.session_state["recipes_selected"] = rows.recipe_id
    app.session_state["gen_menu"] = rows.menu_id
    app.session_state["export_menu"] = rows.menu_id
    app.session_state["foods_query"] = "alert"
    app.session_state["foods_selected"] = rows.food_ids[FOOD_NAMES[1]]  # the <img> food
    app.session_state["foods_compared"] = [(food_id, 100.0, "g") for food_id in searched]
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def shown(app: AppTest) -> str:
    """Every Markdown text of the page as a reader sees it, one per line."""
    return "\n".join(as_read(text) for _, text in markdown_texts(app))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "builder_tab"),
    [(page, "Week") for page in PAGES] + [("pages/menu_builder.py", "Day by day")],
)
def test_no_hostile_text_comes_alive_on_any_page(hostile: HostileRows, page: str, builder_tab: str):
    app = open_page(hostile, page, builder_tab)
    assert live_markup(app, MARKUP) == []


@pytest.mark.slow
def test_the_dashboard_shows_the_names_as_typed(hostile: HostileRows):
    app = open_page(hostile, "pages/home.py")
    table = app.dataframe[0].value
    row = table[table["Menu"] == MENU_NAME]
    assert row["Client"].to_list() == [CLIENT_NAME]
    assert f"{CLIENT_NAME} · {MENU_NAME}" in app.selectbox(key="home_open_menu").options


@pytest.mark.slow
def test_the_clients_page_shows_name_notes_and_dislikes_as_typed(hostile: HostileRows):
    app = open_page(hostile, "pages/clients.py")
    form = f"clients_{hostile.client_id}"
    assert as_read(app.subheader[0].value) == CLIENT_NAME
    assert app.text_input(key=f"{form}_name").value == CLIENT_NAME
    assert app.text_area(key=f"{form}_notes").value == notes()
    assert app.text_input(key=f"{form}_dislikes").value == (
        "[click](javascript:alert(1)), Robert'); DELETE FROM menus;--, {{7*7}}"
    )
    assert CLIENT_NAME in app.dataframe[0].value["Client"].to_list()
    assert app.sidebar.selectbox[0].options[app.sidebar.selectbox[0].index] == CLIENT_NAME


@pytest.mark.slow
def test_the_menu_builder_shows_menu_meal_and_food_names_as_typed(hostile: HostileRows):
    app = open_page(hostile, "pages/menu_builder.py")
    assert app.selectbox(key="builder_menu").options == [MENU_NAME]
    assert shown(app).count(CLIENT_NAME + " · ") == 1
    grid = app.html[0].value  # the week: an HTML table, every text escaped
    for text in (*SLOTS, *FOOD_NAMES[0::2], RECIPE_NAME):
        assert escape(text) in grid, text  # a meal's name, a food's full name on hover
    assert "<img" not in grid and "<script" not in grid

    app.session_state["builder_tab"] = "Day by day"
    app.run()
    for slot in SLOTS:
        assert f"**{slot}** · " in shown(app)  # the meal heading, in bold


@pytest.mark.slow
def test_the_recipes_page_shows_name_and_method_as_typed(hostile: HostileRows):
    app = open_page(hostile, "pages/recipes.py")
    assert app.selectbox(key="recipes_selected").value == hostile.recipe_id
    editor = next(t for t in app.text_area if t.key.endswith("_method"))
    assert editor.value == notes()
    assert FOOD_NAMES[0] in shown(app) and FOOD_NAMES[3] in shown(app)


@pytest.mark.slow
def test_the_foods_page_shows_imported_names_and_dataset_as_typed(hostile: HostileRows):
    app = open_page(hostile, "pages/foods.py")
    assert as_read(app.subheader[0].value) == FOOD_NAMES[1]
    assert any(DATASET_NAME in as_read(c.value) for c in app.caption)
    assert sorted(app.dataframe[0].value["Food"]) == sorted(FOOD_NAMES[:3])  # the "alert" ones
    assert sorted(t.value for t in app.text) == sorted(f"{n} (100 g)" for n in FOOD_NAMES[:3])


@pytest.mark.slow
def test_the_import_page_lists_the_dataset_under_its_name(hostile: HostileRows):
    app = open_page(hostile, "pages/imports.py")
    labels = [as_read(e.label) for e in app.expander]
    assert any(label.startswith(DATASET_NAME + " · Robert'); DELETE") for label in labels)
    assert IMG not in [e.label for e in app.expander]


@pytest.mark.slow
def test_a_refusal_naming_the_menu_and_client_shows_them_as_typed(hostile: HostileRows):
    app = open_page(hostile, "pages/menu_builder.py")
    new_menu(app, MENU_NAME)
    assert as_read(app.error[0].value) == (
        f"A menu named '{MENU_NAME}' already exists for {CLIENT_NAME}."
    )
    assert live_markup(app, MARKUP) == []
