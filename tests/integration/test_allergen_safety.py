"""Allergies and diets hold for processed and branded foods on the real database: the foods a
dietitian found in generated weeks are never candidates for the clients they would harm, a week
generated for each allergy has nothing unsafe or unverified on it, and an imported Branded
food is judged by its ingredient list (issue 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.menus import Menu
from menuplanner.domain.tags import Allergen, Diet, Tag
from menuplanner.planning import candidates
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import foods as food_service
from menuplanner.services import generate as generate_service
from menuplanner.services import imports
from menuplanner.services import menus as menu_service
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


@pytest.mark.slow
@pytest.mark.parametrize("allergen", list(Allergen))
def test_a_week_generated_for_each_allergy_has_nothing_unsafe_or_unverified(conn, allergen):
    uow = lambda: DuckDBUnitOfWork(conn, LOCAL_WORKSPACE)  # noqa: E731
    with (unit := uow()):
        client_id = unit.clients.add(
            Client(
                f"Allergic to {allergen.value}",
                Sex.FEMALE,
                birth_year=1985,
                height_cm=168,
                weight_kg=64,
                allergies=frozenset({allergen}),
            )
        )
        menu_id = unit.menus.add(Menu(client_id, "Week", dt.date(2026, 1, 5), 7))
        unit.commit()
    store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
    days = list(generate_service.generate(uow(), store, menu_id))
    report = menu_service.report(uow(), menu_id)
    assert sum(d.added for d in days) >= 7 * 3  # the week was filled
    unsafe = {
        item.label: [v.reason for v in report.violations[item.item_id]]
        for item in report.menu.items
        if item.item_id in report.violations
    }
    assert unsafe == {}


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
