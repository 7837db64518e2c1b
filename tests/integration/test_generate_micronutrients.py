"""Generating with micronutrient goals on the bundled database: a goal the foods can reach is
met on every day, and one no food can reach is named with the shortfall and the reason."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from menuplanner.domain.clients import Client, NutrientGoal, Sex
from menuplanner.domain.menus import Menu
from menuplanner.domain.targets import Targets
from menuplanner.planning.settings import GenerateSettings
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import adequacy, generate
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

TARGETS = Targets(2000.0, 90.0, 250.0, 67.0, 28.0, 2300.0)


@pytest.fixture
def conn(built_database: Path, tmp_path: Path):
    path = tmp_path / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    connection = database.connect(path)
    yield connection
    connection.close()


def plan(conn, client: Client, days: int, **settings) -> tuple[int, list[generate.DayResult]]:
    with DuckDBUnitOfWork(conn) as uow:
        client_id = uow.clients.add(client)
        menu_id = uow.menus.add(Menu(client_id, "Plan", dt.date(2026, 1, 5), days))
        uow.commit()
    store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
    results = generate.generate(
        DuckDBUnitOfWork(conn), store, menu_id, settings=GenerateSettings(**settings)
    )
    return menu_id, list(results)


def test_vitamin_c_and_calcium_as_daily_minimums_are_met_every_day(conn):
    client = Client("Ana", Sex.FEMALE, birth_year=1990, manual_targets=TARGETS)
    menu_id, results = plan(
        conn,
        client,
        2,
        micronutrients=("vitamin_c_mg", "calcium_mg"),
        micronutrient_span="day",
        time_limit_s=20.0,
    )
    assert [r.micro_gaps for r in results] == [[], []]
    days = adequacy.menu_adequacy(DuckDBUnitOfWork(conn), menu_id).days
    met = days.filter(pl.col("nutrient").is_in(["vitamin_c_mg", "calcium_mg"]))
    assert met["pct"].min() >= 100.0  # 75 mg of vitamin C, 1,000 mg of calcium, each day


def test_a_goal_no_food_can_reach_is_named_with_its_shortfall(conn):
    client = Client(
        "Ana",
        Sex.FEMALE,
        birth_year=1990,
        manual_targets=TARGETS,
        nutrient_goals=(NutrientGoal("vitamin_d_ug", minimum=500.0, reason="a test"),),
    )
    _, [result] = plan(conn, client, 1, micronutrients=("vitamin_d_ug",), micronutrient_span="day")
    [gap] = result.micro_gaps
    assert (gap.nutrient, gap.limit, gap.is_minimum) == ("vitamin_d_ug", 500.0, True)
    shortfall = next(r for r in result.reasons if r.startswith("Vitamin D:"))
    assert shortfall.endswith("under the minimum of 500.0 µg for this day.")
    reach = next(r for r in result.reasons if r.startswith("With the day's energy"))
    assert "of vitamin d, so 500.0 µg cannot be reached: add a fortified food" in reach
    assert result.within  # energy and macros are still kept


def test_the_command_line_reaches_a_micronutrient_goal(
    database_copy: Path,
):
    import json

    from typer.testing import CliRunner

    from menuplanner import cli
    from menuplanner.services import menus as menu_service

    db = database.Database(database_copy)
    with db.unit_of_work() as uow:
        maya = next(c for c in uow.clients.list() if c.name == "Maya Jensen (demo)")
    menu_service.create_menu(db.unit_of_work(), maya.client_id, "Iron day", dt.date(2026, 1, 5), 1)
    args = ["generate", "--client", maya.name, "--menu", "Iron day", "--json", "--db"]
    args += [str(database_copy), "--micronutrient", "iron_mg", "--micronutrients-over", "day"]
    done = CliRunner().invoke(cli.app, args)
    assert done.exit_code == 0, done.output
    [day] = json.loads(done.stdout)
    assert (day["within"], day["micronutrient_gaps"]) == (True, [])
    menu_id = export_menu_id(db, maya.name, "Iron day")
    days = adequacy.menu_adequacy(db.unit_of_work(), menu_id).days
    iron = days.filter(pl.col("nutrient") == "iron_mg").row(0, named=True)
    assert iron["amount"] >= 18.0  # her RDA (a woman of 31–50), reached in one day


def export_menu_id(db, client: str, menu: str) -> int:
    from menuplanner.services import export

    return export.find_menu(db.unit_of_work(), client, menu)
