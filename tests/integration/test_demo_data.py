"""The demo client, recipes and week a first build adds, and removing them in one action, on a
real database file (built once per session by tests/conftest.py, copied per test that writes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pytest

from menuplanner import demo, setup
from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.constraints import violations
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tagging import tags_for_food
from menuplanner.domain.tags import Diet
from menuplanner.domain.targets import Targets, client_targets
from menuplanner.nutrition.totals import day_totals
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

DEMO_TABLES = ("clients", "recipes", "menus")


@dataclass(frozen=True)
class FirstBuild:
    """The demo rows of a freshly built database, read once."""

    clients: list[Client]
    recipes: dict[int, Recipe]
    menus: list[Menu]
    foods: dict[int, Food]
    day_energy: list[float]  # kcal of each day of the demo menu, by the totals engine

    @property
    def client(self) -> Client:
        """Maya, the first demo client (the one the figures below are about)."""
        return next(c for c in self.clients if c.name == "Maya Jensen (demo)")

    @property
    def menu(self) -> Menu:
        return next(m for m in self.menus if m.name == "Demo week")

    @property
    def targets(self) -> Targets:
        return client_targets(self.client, dt.date.today())[0]


@pytest.fixture(scope="module")
def first_build(built_database: Path) -> FirstBuild:
    conn = database.connect(built_database, read_only=True)
    try:
        with DuckDBUnitOfWork(conn) as uow:
            clients = [c for c in uow.clients.list() if c.is_demo]
            recipes = {r.recipe_id: r for r in uow.recipes.list() if r.is_demo}
            menus = [m for m in uow.menus.list() if m.is_demo]
            food_ids = [i.food_id for r in recipes.values() for i in r.ingredients]
            food_ids += [i.ref_id for m in menus for i in m.items if i.kind == ItemKind.FOOD]
            foods = uow.foods.get_many(food_ids)
            maya = next(m for m in menus if m.name == "Demo week")
            days = day_totals(maya, recipes, uow.foods.nutrients_per_100g(food_ids))
    finally:
        conn.close()
    return FirstBuild(clients, recipes, menus, foods, days.get_column("energy_kcal").to_list())


@pytest.fixture
def conn(database_copy: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(database_copy)
    try:
        yield connection
    finally:
        connection.close()


def demo_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        table: conn.execute(f"SELECT count(*) FROM {table} WHERE is_demo").fetchone()[0]
        for table in DEMO_TABLES
    }


def all_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = (*DEMO_TABLES, "recipe_ingredients", "menu_items")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def add_user_menu(conn, client_id: int | None, name: str, recipe_name: str) -> int:
    """A user's own (non-demo) menu with one demo recipe in it; a new client when no id."""
    with DuckDBUnitOfWork(conn) as uow:
        if client_id is None:
            client_id = uow.clients.add(Client("Ana", Sex.FEMALE))
        recipe = next(r for r in uow.recipes.list() if r.name == recipe_name)
        item = MenuItem(
            0, "Lunch", ItemKind.RECIPE, recipe.recipe_id, 1, "serving", label=recipe.name
        )
        menu_id = uow.menus.add(Menu(client_id, name, dt.date(2026, 1, 5), 7, items=[item]))
        uow.commit()
    return menu_id


# --- what a first build holds ------------------------------------------------------------------


def test_a_first_build_has_two_demo_clients_maya_with_a_week_of_demo_recipes(first_build):
    assert [c.name for c in first_build.clients] == ["Maya Jensen (demo)", "Nora Lind (demo)"]
    assert len(first_build.recipes) >= 18
    assert sorted(m.name for m in first_build.menus) == ["Demo week", "Vegan week"]
    menu = first_build.menu
    assert menu.client_id == first_build.client.client_id
    assert menu.days == 7
    assert menu.start_date.weekday() == 0  # a Monday
    items_per_day = [sum(1 for i in menu.items if i.day == day) for day in range(7)]
    assert min(items_per_day) >= 4, items_per_day


def test_the_demo_week_mixes_recipes_and_single_foods_and_varies_by_day(first_build):
    menu = first_build.menu
    kinds = {i.kind for i in menu.items}
    assert kinds == {ItemKind.RECIPE, ItemKind.FOOD}
    assert all(i.ref_id in first_build.recipes for i in menu.items if i.kind == ItemKind.RECIPE)
    days = {tuple(sorted(i.label for i in menu.items if i.day == day)) for day in range(7)}
    assert len(days) == 7  # no two days alike
    used = {i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE}
    assert used == set(first_build.recipes)  # every demo recipe is on the menu


def test_the_demo_clients_targets_come_from_her_profile(first_build):
    client = first_build.client
    assert client.manual_targets is None
    assert 1950 <= first_build.targets.energy_kcal <= 2200


@pytest.mark.parametrize("day", range(7))
def test_each_demo_day_is_within_ten_percent_of_the_energy_target(first_build, day):
    target = first_build.targets.energy_kcal
    energy = first_build.day_energy[day]
    assert abs(energy - target) <= 0.10 * target, f"{energy:.0f} kcal of {target:.0f}"


def test_no_demo_item_or_ingredient_is_peanut_or_liver(first_build):
    names = [i.label for i in first_build.menu.items]
    names += [i.food_name for r in first_build.recipes.values() for i in r.ingredients]
    names += [r.name for r in first_build.recipes.values()]
    assert names and all(names)
    assert [n for n in names if "peanut" in n.lower() or "liver" in n.lower()] == []


def test_no_demo_food_breaks_the_demo_clients_allergy_diet_or_dislikes(first_build):
    broken = {
        food.name: found
        for food in first_build.foods.values()
        if (
            found := violations(
                tags_for_food(food.name, food.group_code), [food.name], first_build.client
            )
        )
    }
    assert broken == {}


def test_every_demo_recipe_has_a_short_method_and_ingredients_in_grams(first_build):
    for recipe in first_build.recipes.values():
        assert 2 <= recipe.method.count(".") <= 4, recipe.name  # 2 to 4 sentences
        assert recipe.ingredients and all(i.grams > 0 for i in recipe.ingredients), recipe.name


# --- seeding and removing ----------------------------------------------------------------------


def test_seeding_twice_adds_nothing(conn):
    before = all_counts(conn)
    setup.seed_demo(conn)
    assert all_counts(conn) == before


def test_remove_demo_deletes_every_demo_row_and_keeps_the_users_client(conn):
    with DuckDBUnitOfWork(conn) as uow:
        uow.clients.add(Client("Ana", Sex.FEMALE))
        uow.commit()
    recipes = demo_counts(conn)["recipes"]

    removed = demo.remove_demo(DuckDBUnitOfWork(conn))

    assert removed == demo.DemoRemoval(menus=2, clients=2, recipes=recipes, kept=[])
    assert demo_counts(conn) == {"clients": 0, "recipes": 0, "menus": 0}
    counts = all_counts(conn)
    assert counts == {
        "clients": 1,
        "recipes": 0,
        "menus": 0,
        "recipe_ingredients": 0,
        "menu_items": 0,
    }
    with DuckDBUnitOfWork(conn) as uow:
        assert [c.name for c in uow.clients.list()] == ["Ana"]


def test_a_demo_recipe_in_a_users_menu_is_kept_and_named(conn):
    menu_id = add_user_menu(conn, None, "Week 2", "Lentil soup")

    removed = demo.remove_demo(DuckDBUnitOfWork(conn))

    assert removed.kept == ["Lentil soup (used by menu 'Week 2 (Ana)')"]
    with DuckDBUnitOfWork(conn) as uow:
        assert [r.name for r in uow.recipes.list()] == ["Lentil soup"]
        assert [i.label for i in uow.menus.get(menu_id).items] == ["Lentil soup"]
    assert demo_counts(conn) == {"clients": 0, "recipes": 1, "menus": 0}


def test_a_demo_client_with_a_users_menu_is_kept_and_named(conn):
    with DuckDBUnitOfWork(conn) as uow:
        maya = next(c for c in uow.clients.list() if c.name == "Maya Jensen (demo)")
    add_user_menu(conn, maya.client_id, "My plan", "Bean chili")

    removed = demo.remove_demo(DuckDBUnitOfWork(conn))

    assert removed.menus == 2 and removed.clients == 1  # Nora goes, Maya stays
    assert removed.kept == [
        "Maya Jensen (demo) (has menu 'My plan')",
        "Bean chili (used by menu 'My plan (Maya Jensen (demo))')",
    ]
    with DuckDBUnitOfWork(conn) as uow:
        assert [m.name for m in uow.menus.list()] == ["My plan"]


def test_seeding_after_removal_adds_the_demo_again_from_the_monday_of_that_week(conn):
    before = all_counts(conn)
    demo.remove_demo(DuckDBUnitOfWork(conn))

    setup.seed_demo(conn, today=dt.date(2026, 11, 27))  # a Friday

    assert all_counts(conn) == before
    with DuckDBUnitOfWork(conn) as uow:
        starts = {menu.start_date for menu in uow.menus.list()}
    assert starts == {dt.date(2026, 11, 23)}


def test_seeding_is_all_or_nothing(conn):
    demo.remove_demo(DuckDBUnitOfWork(conn))
    with DuckDBUnitOfWork(conn) as uow:  # a user's recipe takes the name of a demo recipe
        oats = uow.foods.get(8120)
        uow.recipes.add(Recipe("Lentil soup", 1, [Ingredient(8120, 40, "g", 40, oats.name)]))
        uow.commit()

    with pytest.raises(ValidationFailed, match="Lentil soup"):
        setup.seed_demo(conn)

    assert demo_counts(conn) == {"clients": 0, "recipes": 0, "menus": 0}


def test_a_new_workspace_gets_its_own_copy_of_the_demo_once_and_the_local_one_is_untouched(conn):
    local = all_counts(conn)
    friday = dt.date(2026, 11, 27)

    added = demo.add_demo_once(DuckDBUnitOfWork(conn, "user:ana@example.org"), friday)
    again = demo.add_demo_once(DuckDBUnitOfWork(conn, "user:ana@example.org"), friday)

    assert (added, again) == (True, False)
    with DuckDBUnitOfWork(conn, "user:ana@example.org") as uow:
        assert [c.name for c in uow.clients.list()] == ["Maya Jensen (demo)", "Nora Lind (demo)"]
        assert sorted((m.name, m.start_date) for m in uow.menus.list()) == [
            ("Demo week", dt.date(2026, 11, 23)),
            ("Vegan week", dt.date(2026, 11, 23)),
        ]
        assert len(uow.recipes.list()) == len(demo.demo_data().recipes)
    assert {t: n - local[t] for t, n in all_counts(conn).items()} == {
        "clients": 2,
        "recipes": len(demo.demo_data().recipes),
        "menus": 2,
        "recipe_ingredients": local["recipe_ingredients"],
        "menu_items": local["menu_items"],
    }


# --- the vegan demo client ---------------------------------------------------------------------


def test_noras_vegan_week_is_on_target_and_low_in_b12_and_vitamin_d(built_database: Path):
    """Nora's week: every day within ±5 % of her energy target and ±10 % of each macro, fibre
    reached, sodium kept, nothing breaking her vegan diet; and, like a real vegan week without
    fortified foods or a supplement, low in vitamin B12 and vitamin D (and calcium)."""
    from menuplanner.services import adequacy, menus

    conn = database.connect(built_database, read_only=True)
    try:
        with DuckDBUnitOfWork(conn) as uow:
            nora = next(c for c in uow.clients.list() if c.name == "Nora Lind (demo)")
            [menu] = uow.menus.list(nora.client_id)
            report = menus.report_in(uow, menu.menu_id)
            week = adequacy.adequacy_in(uow, report)
    finally:
        conn.close()
    assert nora.diets == frozenset({Diet.VEGAN}) and menu.name == "Vegan week"
    assert report.violations == {}
    limits = {"energy_kcal": 5.0, "protein_g": 10.0, "carbohydrate_g": 10.0, "fat_g": 10.0}
    for row in report.adherence.iter_rows(named=True):
        if row["measure"] in limits:
            assert abs(row["diff_pct"]) <= limits[row["measure"]], row
        else:
            assert row["status"] == "ok", row  # fibre reached, sodium kept
    assert week.with_status("low") == ["Calcium", "Vitamin D", "Vitamin B12"]
    b12 = week.week.filter(pl.col("nutrient") == "vitamin_b12_ug").row(0, named=True)
    assert b12["pct"] < 5  # tempeh and mushrooms bring a trace
