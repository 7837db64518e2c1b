"""The demo client's week generated on the bundled database: every day on target, food a
person would eat, the CLI, and substitutions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from menuplanner import cli
from menuplanner.domain.menus import Menu
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.suitability import classify
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import generate, meal_check, menus, substitutes
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

FOUR = ("energy_kcal", "protein_g", "carbohydrate_g", "fat_g")


class Demo:
    def __init__(self, path: Path) -> None:
        self.conn = database.connect(path)
        self.store = DuckDBPlanningStore(self.conn.cursor(), LOCAL_WORKSPACE)
        with (uow := self.uow()):
            self.client = next(c for c in uow.clients.list() if c.is_demo)
            self.demo_week = next(m for m in uow.menus.list() if m.is_demo)
            self.menu_id = uow.menus.add(
                Menu(self.client.client_id, "Generated", dt.date(2026, 1, 5))
            )
            uow.commit()

    def uow(self) -> DuckDBUnitOfWork:
        return DuckDBUnitOfWork(self.conn, LOCAL_WORKSPACE)

    def generate(self, **settings) -> list[generate.DayResult]:
        return list(
            generate.generate(
                self.uow(), self.store, self.menu_id, settings=GenerateSettings(**settings)
            )
        )


@pytest.fixture(scope="module")
def demo(built_database: Path, tmp_path_factory: pytest.TempPathFactory):
    import shutil

    path = tmp_path_factory.mktemp("demo") / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    world = Demo(path)
    world.results = world.generate()
    yield world
    world.conn.close()


def test_every_day_of_the_week_is_within_five_percent_by_the_totals_engine(demo: Demo) -> None:
    assert [r.within for r in demo.results] == [True] * 7
    report = menus.report(demo.uow(), demo.menu_id)
    four = report.adherence.filter(pl.col("measure").is_in(FOUR))
    assert four["diff_pct"].abs().max() <= 5.0 + 1e-6
    assert report.violations == {}  # nothing with peanuts, nothing named liver


def test_every_item_is_a_suitable_food_or_a_recipe_in_a_realistic_amount(demo: Demo) -> None:
    report = menus.report(demo.uow(), demo.menu_id)
    with demo.uow() as uow:
        foods = uow.foods.get_many([i.ref_id for i in report.menu.items if i.kind == "food"])
    for item in report.menu.items:
        if item.kind == "recipe":
            assert item.quantity in (0.5, 1.0, 1.5)
            continue
        food = foods[item.ref_id]
        category = classify(food.name, food.group_code).category
        assert category is not None, food.name
        assert category.min_g - 1e-6 <= item.grams <= category.max_g + 1e-6, item


def test_every_generated_meal_passes_the_meal_check(demo: Demo) -> None:
    meals, findings = meal_check.check_menu(demo.uow(), demo.store, demo.menu_id)
    assert len([m for m in meals if m.items]) == 7 * 5
    assert findings == []


def test_the_hand_made_demo_week_is_judged_too(demo: Demo) -> None:
    meals, findings = meal_check.check_menu(demo.uow(), demo.store, demo.demo_week.menu_id)
    assert len([m for m in meals if m.items]) == 7 * 5
    assert all(f.sentence for f in findings)


def test_regenerating_a_day_with_another_seed_gives_another_valid_day(demo: Demo) -> None:
    before = {(i.slot, i.ref_id) for i in _menu(demo).items if i.day == 0}
    [result] = list(
        generate.generate(
            demo.uow(), demo.store, demo.menu_id, [0], GenerateSettings(seed=11, replace=True)
        )
    )
    after = {(i.slot, i.ref_id) for i in _menu(demo).items if i.day == 0}
    assert result.within and after != before


def test_a_substitute_list_for_a_demo_item_keeps_its_meal_and_explains_itself(demo: Demo) -> None:
    item = next(i for i in demo.demo_week.items if i.label == "Bananas, raw")
    found = substitutes.substitutes(demo.uow(), demo.store, demo.demo_week.menu_id, item.item_id)
    assert 3 <= len(found.options) <= 6
    for option in found.options:
        assert "mean deviation" in option.why
        assert option.ref_id != item.ref_id


def test_the_cli_generates_chosen_days_and_reports_them_as_json(demo: Demo, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "cli.duckdb"
    demo.conn.execute("CHECKPOINT")
    shutil.copy(demo.conn.execute("PRAGMA database_list").fetchall()[0][2], copy)
    result = CliRunner().invoke(
        cli.app,
        [
            "generate",
            "--client",
            "maya jensen (demo)",
            "--menu",
            "Generated",
            "--days",
            "2-3",
            "--replace",
            "--json",
            "--db",
            str(copy),
        ],
    )
    assert result.exit_code == 0, result.stderr
    days = json.loads(result.stdout)
    assert [d["day"] for d in days] == [2, 3] and all(d["within"] for d in days)


def test_the_cli_names_an_unknown_menu_in_one_sentence(demo: Demo, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "cli.duckdb"
    demo.conn.execute("CHECKPOINT")
    shutil.copy(demo.conn.execute("PRAGMA database_list").fetchall()[0][2], copy)
    result = CliRunner().invoke(
        cli.app, ["generate", "--client", "Maya Jensen (demo)", "--menu", "Nope", "--db", str(copy)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: Maya Jensen (demo) has no menu named 'Nope'; their menus are: Generated, Demo week."
    )


def _menu(demo: Demo) -> Menu:
    with demo.uow() as uow:
        return uow.menus.get(demo.menu_id)
