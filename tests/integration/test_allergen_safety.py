"""Allergies and diets hold for processed and branded foods on the real database: the foods a
dietitian found in generated weeks are never candidates for the clients they would harm, a week
generated for each allergy and each diet has nothing unsafe or unverified on it, nor does Swap
offer such a food, a dietitian's confirmation lifts the mark in their workspace only, and an
imported Branded food is judged by its ingredient list (issue 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.composition import food_composition
from menuplanner.domain.constraints import problems
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.domain.tags import Allergen, Diet, Tag
from menuplanner.planning import candidates
from menuplanner.planning.settings import GenerateSettings
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import foods as food_service
from menuplanner.services import generate as generate_service
from menuplanner.services import imports
from menuplanner.services import menus as menu_service
from menuplanner.services import substitutes as substitute_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
A, D = Allergen, Diet


@pytest.fixture(scope="module")
def conn(built_database: Path, tmp_path_factory: pytest.TempPathFactory):
    import shutil

    path = tmp_path_factory.mktemp("allergens") / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    connection = database.connect(path)
    yield connection
    connection.close()


def candidate_names(conn, client: Client) -> set[str]:
    store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
    rows = candidates.food_verdicts(store.food_rows(), {}, allow_restaurant=True)
    allowed = set(candidates.allowed_food_ids(rows, client, {}))
    return set(rows.filter(rows["food_id"].is_in(list(allowed)))["name"])


def test_the_named_foods_are_candidates_for_someone_but_not_for_the_clients_they_harm(conn):
    omnivore = candidate_names(conn, Client("Omnivore", Sex.FEMALE))
    vegan_soy = candidate_names(
        conn,
        Client("Vegan", Sex.FEMALE, diets=frozenset({D.VEGAN}), allergies=frozenset({A.SOY})),
    )
    wheat = candidate_names(conn, Client("Wheat", Sex.FEMALE, allergies=frozenset({A.WHEAT})))
    gluten_free = candidate_names(
        conn, Client("Coeliac", Sex.FEMALE, diets=frozenset({D.GLUTEN_FREE}))
    )
    tree_nuts = candidate_names(
        conn, Client("Nuts", Sex.FEMALE, allergies=frozenset({A.TREE_NUTS}))
    )
    analogues = {
        "Chicken, meatless",
        "Vegetarian fillets",
        "Meatballs, meatless",
        "Fish sticks, meatless",
    }
    bars_and_breaded = {
        "Snacks, NUTRI-GRAIN FRUIT AND NUT BAR",
        "Fish, fish sticks, frozen, prepared",
    }
    nut_muesli_and_bars = {
        "Cereals ready-to-eat, MUESLI, dried fruit and nuts",
        "Snacks, granola bars, hard, plain",
    }
    assert bars_and_breaded | nut_muesli_and_bars <= omnivore  # the pool had them
    # meatless products only for a client whose diet asks for them (issue 16)
    vegetarian = candidate_names(
        conn, Client("Vegetarian", Sex.FEMALE, diets=frozenset({D.VEGETARIAN}))
    )
    assert analogues <= vegetarian and analogues.isdisjoint(omnivore)
    assert analogues.isdisjoint(vegan_soy)
    assert bars_and_breaded.isdisjoint(wheat) and bars_and_breaded.isdisjoint(gluten_free)
    assert nut_muesli_and_bars.isdisjoint(tree_nuts)
    assert "Tofu, raw, firm, prepared with calcium sulfate" in candidate_names(
        conn, Client("Vegan", Sex.FEMALE, diets=frozenset({D.VEGAN}))
    )


def generated_week(conn, name: str, **rules) -> int:
    """A new client with `rules` (allergies=…, diets=…) and a generated week: the menu's id."""
    with (unit := DuckDBUnitOfWork(conn, LOCAL_WORKSPACE)):
        client = Client(name, Sex.FEMALE, birth_year=1985, height_cm=168, weight_kg=64, **rules)
        client_id = unit.clients.add(client)
        menu_id = unit.menus.add(Menu(client_id, "Week", dt.date(2026, 1, 5), 7))
        unit.commit()
    store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
    days = list(generate_service.generate(DuckDBUnitOfWork(conn), store, menu_id))
    assert sum(d.added for d in days) >= 7 * 3  # the week was filled
    return menu_id


@pytest.mark.slow
@pytest.mark.parametrize(
    "rule", [*Allergen, *Diet], ids=lambda r: f"{type(r).__name__.lower()}-{r.value}"
)
def test_a_week_generated_for_each_allergy_and_diet_has_nothing_unsafe_or_unverified(conn, rule):
    if isinstance(rule, Allergen):
        menu_id = generated_week(conn, f"Allergic to {rule.value}", allergies=frozenset({rule}))
    else:
        menu_id = generated_week(conn, f"Diet {rule.value}", diets=frozenset({rule}))
    report = menu_service.report(DuckDBUnitOfWork(conn), menu_id)
    unsafe = {
        item.label: [v.reason for v in report.violations[item.item_id]]
        for item in report.menu.items
        if item.item_id in report.violations
    }
    assert unsafe == {}


@pytest.mark.slow
def test_swap_offers_a_soy_allergic_vegan_nothing_unsafe_or_unverified(conn):
    vegan_soy = {"diets": frozenset({D.VEGAN}), "allergies": frozenset({A.SOY})}
    menu_id = generated_week(conn, "Vegan, allergic to soy", **vegan_soy)
    with (unit := DuckDBUnitOfWork(conn)):
        menu = unit.menus.get(menu_id)
        client = unit.clients.get(menu.client_id)
    store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
    offered = []
    for item in [i for i in menu.items if i.day in (0, 1)]:
        listed = substitute_service.substitutes(
            DuckDBUnitOfWork(conn), store, menu_id, item.item_id
        )
        offered += [o for o in listed.options if o.kind == ItemKind.FOOD]
    assert len(offered) >= 20
    with (unit := DuckDBUnitOfWork(conn)):
        foods = unit.foods.get_many([o.ref_id for o in offered])
    unsafe = {
        food.name: [v.reason for v in found]
        for food in foods.values()
        if (found := problems(food_composition(food, {}), [food.name], client))
    }
    assert unsafe == {}


def test_a_confirmation_lifts_the_mark_in_its_workspace_only(conn):
    """The dietitian of workspace "clinic" read the label of a meatless chicken: soy and wheat,
    no egg. For her egg-allergic vegetarian client (meatless products are offered only to a
    client whose diet asks for them) it becomes a candidate; elsewhere it stays unverified."""
    egg_allergy = Client(
        "Egg", Sex.FEMALE, allergies=frozenset({A.EGG}), diets=frozenset({D.VEGETARIAN})
    )
    with (clinic := DuckDBUnitOfWork(conn, "clinic")):
        chicken = clinic.foods.get(43128)
    assert chicken.name == "Chicken, meatless"

    def candidates_of(workspace: str) -> set[str]:
        store = DuckDBPlanningStore(conn.cursor(), workspace)
        with (unit := DuckDBUnitOfWork(conn, workspace)):
            context = generate_service.load_context(unit, store, egg_allergy, GenerateSettings())
        return {c.label for c in context.pool.candidates}

    assert chicken.name not in candidates_of("clinic")
    food_service.correct_tags(
        DuckDBUnitOfWork(conn, "clinic"), chicken.food_id, frozenset({Tag.SOY, Tag.WHEAT})
    )
    assert chicken.name in candidates_of("clinic")
    assert chicken.name not in candidates_of(LOCAL_WORKSPACE)
    catalog = DuckDBFoodCatalog(conn.cursor(), "clinic")
    tags = food_service.food_tags(catalog, chicken.food_id)
    assert tags.corrected and tags.unverified == frozenset() and tags.note == ""


def test_an_imported_branded_food_is_judged_by_its_ingredient_list(conn):
    store = DuckDBDatasetStore(conn)
    prepared = imports.prepare(imports.open_file(FIXTURES / "fdc_branded"))
    imports.commit(store, prepared, skip_invalid=True)
    catalog = DuckDBFoodCatalog(conn.cursor(), LOCAL_WORKSPACE)
    trail_mix = catalog.search("trail mix sweet salty").hits[0]
    tags = food_service.food_tags(catalog, trail_mix.food_id)
    assert tags.from_ingredients
    assert tags.effective == {Tag.PEANUTS, Tag.MILK, Tag.SOY}
    assert tags.unverified == {Tag.TREE_NUTS}
    assert tags.note == (
        "Allergens unverified: may contain tree nuts (the label says it may contain them); "
        "check the label"
    )
    juice = catalog.search("orange juice not from concentrate").hits[0]
    assert food_service.food_tags(catalog, juice.food_id).unverified == frozenset()
