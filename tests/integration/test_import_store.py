"""Imports written to a real database file: one transaction, upserts by source id, provenance,
where-used refusals, and imported foods used like the bundled ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from menuplanner.domain.errors import InUse
from menuplanner.domain.recipes import Recipe
from menuplanner.imports.errors import ImportRefused
from menuplanner.services import imports
from menuplanner.services import menus as menu_service
from menuplanner.services import recipes as recipe_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def conn(database_copy: Path):
    connection = database.connect(database_copy)
    yield connection
    connection.close()


@pytest.fixture
def store(conn) -> DuckDBDatasetStore:
    return DuckDBDatasetStore(conn)


def do_import(store, path: Path, skip_invalid: bool = False, **options):
    prepared = imports.prepare(imports.open_file(path), **options)
    return imports.commit(store, prepared, skip_invalid=skip_invalid)


def snapshot(conn) -> dict[str, object]:
    """Everything an import may touch, to compare before and after."""
    cursor = conn.cursor()
    try:
        tables = ["datasets", "foods", "food_nutrients", "portions", "food_groups", "meta"]
        state = {t: cursor.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
        for extra in ("dataset_imports", "food_nutrient_notes"):
            exists = cursor.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [extra]
            ).fetchall()[0][0]
            state[extra] = (
                cursor.execute(f"SELECT * FROM {extra} ORDER BY ALL").fetchall() if exists else []
            )
        return state
    finally:
        cursor.close()


def food_id(conn, dataset: str, source_id: str) -> int:
    return (
        conn.cursor()
        .execute(
            "SELECT food_id FROM foods JOIN datasets USING (dataset_id) "
            "WHERE datasets.name = ? AND source_id = ?",
            [dataset, source_id],
        )
        .fetchall()[0][0]
    )


SR_LEGACY = "USDA FoodData Central SR Legacy"


def test_imported_foods_are_found_and_shown_like_bundled_ones(conn, store):
    outcome = do_import(store, FIXTURES / "fdc_foundation")
    assert outcome.written.created and outcome.written.foods_added == 4
    catalog = DuckDBFoodCatalog(conn.cursor(), "local")
    hits = catalog.search("grape tomatoes raw").hits
    imported = next(h for h in hits if h.dataset == "USDA FoodData Central Foundation")
    assert imported.name == "Tomatoes, grape, raw" and imported.food_id >= 1_000_000
    assert imported.group_name == "Vegetables and Vegetable Products"  # the bundled group
    food = catalog.get(imported.food_id)
    assert food.dataset == "USDA FoodData Central Foundation" and food.source_id == "321360"
    assert [p.label for p in food.portions] == ["1 piece"]
    per_100g = catalog.nutrients_per_100g([imported.food_id]).row(0, named=True)
    assert per_100g["energy_kcal"] == 27.1 and per_100g["sodium_mg"] is None
    assert store.notes(imported.food_id) == {
        "energy_kcal": "FoodData Central nutrient 2048, Energy (Atwater specific factors)"
    }


def test_imported_foods_go_into_recipes_and_menus(conn, store):
    do_import(store, FIXTURES / "fdc_sr_legacy")
    butter = food_id(conn, SR_LEGACY, "173430")
    with DuckDBUnitOfWork(conn) as uow:
        ingredient = recipe_service.ingredient(uow.foods, butter, 2, "tbsp")
    assert ingredient.grams == pytest.approx(28.4)
    recipe_id = recipe_service.save(
        DuckDBUnitOfWork(conn), Recipe("Buttered toast", 2, [ingredient])
    )
    whole, _ = recipe_service.nutrition(_catalog(conn), _recipe(conn, recipe_id))
    assert whole["energy_kcal"] == pytest.approx(717 * 0.284)
    with DuckDBUnitOfWork(conn) as uow:
        menu = uow.menus.list()[0]
    menu_service.add_food(
        DuckDBUnitOfWork(conn), menu.menu_id, 0, menu.slots[0], butter, 1, 'pat (1" sq, 1/3" high)'
    )
    report = menu_service.report(DuckDBUnitOfWork(conn), menu.menu_id)
    assert butter in report.items["food_id"].to_list()


def _catalog(conn):
    return DuckDBFoodCatalog(conn.cursor(), "local")


def _recipe(conn, recipe_id):
    with DuckDBUnitOfWork(conn) as uow:
        return uow.recipes.get(recipe_id)


def test_the_dataset_records_its_provenance(store):
    do_import(
        store,
        FIXTURES / "table_dutch_per_serving.csv",
        skip_invalid=True,
        dataset_name="NEVO excerpt",
        version="2023",
        licence="© RIVM, for testing",
    )
    record = store.find("nevo excerpt")
    assert (record.name, record.version, record.licence, record.source_file) == (
        "NEVO excerpt",
        "2023",
        "© RIVM, for testing",
        "table_dutch_per_serving.csv",
    )
    assert record.source_hash == imports.open_file(FIXTURES / "table_dutch_per_serving.csv").sha256
    # suggested per serving ("Portie (g)"): the row without a serving size is left out
    assert (record.food_count, record.rows_imported, record.foods_skipped, record.rows_skipped) == (
        3,
        3,
        1,
        1,
    )
    assert record.format == "table" and record.energy_sources == {"from column “Energie (kcal)”": 3}
    assert record.settings["mapping"]["name_column"] == "Productomschrijving"


def test_problems_import_nothing_unless_the_valid_rows_are_chosen(conn, store):
    before = snapshot(conn)
    with pytest.raises(ImportRefused, match="has 7 problems .*so nothing was imported"):
        do_import(store, FIXTURES / "table_bad_values.csv")
    assert snapshot(conn) == before
    outcome = do_import(store, FIXTURES / "table_bad_values.csv", skip_invalid=True)
    assert outcome.written.foods_added == 2 and outcome.foods_skipped == 6
    record = store.find("table_bad_values")
    assert (record.food_count, record.foods_skipped, record.rows_skipped) == (2, 6, 6)


def test_importing_the_same_file_again_changes_nothing(conn, store):
    do_import(store, FIXTURES / "fdc_sr_legacy")
    before = snapshot(conn)
    outcome = do_import(store, FIXTURES / "fdc_sr_legacy")
    assert outcome.written is None and "nothing changed" in outcome.message()
    assert snapshot(conn) == before


def test_a_newer_version_updates_foods_in_place_so_recipes_and_menus_keep_working(
    conn, store, tmp_path
):
    do_import(store, FIXTURES / "fdc_sr_legacy")
    butter, apple, egg = (food_id(conn, SR_LEGACY, s) for s in ("173430", "171688", "171287"))
    with DuckDBUnitOfWork(conn) as uow:
        apple_ingredient = recipe_service.ingredient(
            uow.foods, apple, 1, "cup, quartered or chopped"
        )
    recipe_service.save(DuckDBUnitOfWork(conn), Recipe("Apple snack", 1, [apple_ingredient]))
    newer = tmp_path / "FoodData_Central_sr_legacy_food_csv_2019-04"
    shutil.copytree(FIXTURES / "fdc_sr_legacy", newer)
    food = (newer / "food.csv").read_text().splitlines()
    kept = [
        line for line in food if '"171287"' not in line and '"171688"' not in line
    ]  # egg and apple gone
    (newer / "food.csv").write_text(
        "\n".join(kept + ['"999001","sr_legacy_food","Butter, whipped","1","2019-04-01"']) + "\n"
    )
    (newer / "food_nutrient.csv").write_text(
        (newer / "food_nutrient.csv")
        .read_text()
        .replace('"173430","1008","717"', '"173430","1008","720"')
        + '"99","999001","1008","718","","1","","","","",""\n'
    )
    text = (
        "\n".join(
            line
            for line in (newer / "food_nutrient.csv").read_text().splitlines()
            if '"171287"' not in line and '"171688"' not in line
        )
        + "\n"
    )
    (newer / "food_nutrient.csv").write_text(text)
    portions = (
        "\n".join(
            line
            for line in (newer / "food_portion.csv").read_text().splitlines()
            if '"171287"' not in line and '"171688"' not in line
        )
        + "\n"
    )
    (newer / "food_portion.csv").write_text(portions)
    outcome = do_import(store, newer)
    w = outcome.written
    assert (w.created, w.foods_updated, w.foods_added, w.foods_removed, w.foods_kept) == (
        False,
        2,
        1,
        1,
        1,
    )
    assert (
        "1 food of the previous version is not in this file but is used in recipes or menus, "
        "so it was kept" in outcome.message()
    )
    assert food_id(conn, SR_LEGACY, "173430") == butter  # same id, new values
    assert _catalog(conn).nutrients_per_100g([butter])["energy_kcal"].item() == 720.0
    assert (
        conn.cursor()
        .execute("SELECT count(*) FROM foods WHERE food_id = ?", [egg])
        .fetchall()[0][0]
        == 0
    )
    assert food_id(conn, SR_LEGACY, "171688") == apple  # used by a recipe: kept
    whole, _ = recipe_service.nutrition(
        _catalog(conn), _recipe(conn, _recipe_id(conn, "Apple snack"))
    )
    assert whole["energy_kcal"] == pytest.approx(52 * 1.25)
    record = store.find(SR_LEGACY)
    assert record.version == "2019-04" and record.food_count == 4  # butter, chicken, whipped, apple


def _recipe_id(conn, name: str) -> int:
    return (
        conn.cursor()
        .execute("SELECT recipe_id FROM recipes WHERE name = ?", [name])
        .fetchall()[0][0]
    )


def test_new_food_ids_never_reuse_those_of_removed_datasets(conn, store):
    do_import(store, FIXTURES / "fdc_foundation")
    first = store.find("USDA FoodData Central Foundation")
    highest = conn.cursor().execute("SELECT max(food_id) FROM foods").fetchall()[0][0]
    store.remove(first.dataset_id)
    do_import(store, FIXTURES / "fdc_sr_legacy")
    lowest_new = (
        conn.cursor()
        .execute("SELECT min(food_id) FROM foods WHERE dataset_id <> 1")
        .fetchall()[0][0]
    )
    assert lowest_new > highest


def test_removing_a_dataset_in_use_is_refused_with_where_it_is_used(conn, store):
    do_import(store, FIXTURES / "fdc_sr_legacy")
    butter = food_id(conn, SR_LEGACY, "173430")
    with DuckDBUnitOfWork(conn) as uow:
        toast = Recipe("Buttered toast", 1, [recipe_service.ingredient(uow.foods, butter, 10, "g")])
        menu = uow.menus.list()[0]
    recipe_id = recipe_service.save(DuckDBUnitOfWork(conn), toast)
    menu_service.add_food(DuckDBUnitOfWork(conn), menu.menu_id, 1, menu.slots[0], butter, 5, "g")
    record = store.find(SR_LEGACY)
    before = snapshot(conn)
    with pytest.raises(InUse) as refused:
        imports.remove(store, record.dataset_id)
    message = str(refused.value)
    assert message.startswith(
        f"“{SR_LEGACY}” cannot be removed: its foods are used in recipe “Buttered toast” "
        "(Butter, salted) and menu “"
    )
    assert "Remove them from those first." in message
    assert snapshot(conn) == before
    recipe_service.delete(DuckDBUnitOfWork(conn), recipe_id)
    with DuckDBUnitOfWork(conn) as uow:
        menu = uow.menus.get(menu.menu_id)
    for item in [i for i in menu.items if i.ref_id == butter]:
        menu_service.remove(DuckDBUnitOfWork(conn), menu.menu_id, item.item_id)
    assert imports.remove(store, record.dataset_id) == f"Removed “{SR_LEGACY}” and its 4 foods."
    assert store.find(SR_LEGACY) is None
    assert conn.cursor().execute(
        "SELECT count(*) FROM foods WHERE dataset_id = ?", [record.dataset_id]
    ).fetchall() == [(0,)]


def test_removing_a_dataset_takes_its_own_food_groups_and_tag_corrections_with_it(conn, store):
    do_import(store, FIXTURES / "table_german_bom.csv")
    record = store.find("table_german_bom")
    butter = food_id(conn, "table_german_bom", "B101")
    with DuckDBUnitOfWork(conn) as uow:
        uow.foods.set_tag_override(butter, frozenset())
        uow.commit()
    groups = lambda: conn.cursor().execute("SELECT count(*) FROM food_groups").fetchall()[0][0]  # noqa: E731
    with_import = groups()
    store.remove(record.dataset_id)
    assert groups() == with_import - 5
    assert conn.cursor().execute(
        "SELECT count(*) FROM food_tag_overrides WHERE food_id = ?", [butter]
    ).fetchall() == [(0,)]


def test_the_bundled_data_cannot_be_removed_or_overwritten(store):
    with pytest.raises(InUse, match="bundled USDA SR26 data cannot be removed"):
        store.remove(1)
    with pytest.raises(ImportRefused, match="“USDA SR26” is the bundled dataset"):
        do_import(store, FIXTURES / "table_english.csv", dataset_name="USDA SR26")


def test_a_failure_in_the_middle_of_writing_leaves_the_database_as_before(conn, store):
    do_import(store, FIXTURES / "fdc_sr_legacy")
    before = snapshot(conn)
    prepared = imports.prepare(imports.open_file(FIXTURES / "fdc_foundation"))

    def fail_after_foods(fraction: float, message: str) -> None:
        if message.startswith("Writing") and "household measures" in message:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        imports.commit(store, prepared, skip_invalid=False, progress=fail_after_foods)
    assert snapshot(conn) == before
    catalog = _catalog(conn)
    assert not [h for h in catalog.search("hummus commercial").hits if "Foundation" in h.dataset]


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_database_as_before(
    database_copy: Path,
):
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from menuplanner.services import imports
        from menuplanner.store.duckdb import database
        from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
        conn = database.connect(Path({str(database_copy)!r}))
        prepared = imports.prepare(imports.open_file(Path({str(FIXTURES / "fdc_sr_legacy")!r})))
        def die(fraction, message):
            if "household measures" in message:
                os._exit(9)  # like a crash or a killed process: no cleanup, no rollback
        imports.commit(DuckDBDatasetStore(conn), prepared, skip_invalid=False, progress=die)
    """)
    connection = database.connect(database_copy)
    before = snapshot(connection)
    connection.close()
    finished = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, timeout=120
    )
    assert finished.returncode == 9, finished.stderr.decode()
    connection = database.connect(database_copy)
    try:
        assert snapshot(connection) == before
    finally:
        connection.close()


def test_listing_datasets_works_on_a_read_only_database_built_before_imports(database_copy: Path):
    connection = duckdb.connect(str(database_copy))
    connection.execute("DROP TABLE IF EXISTS dataset_imports")
    connection.execute("DROP TABLE IF EXISTS food_nutrient_notes")
    connection.close()
    read_only = database.connect(database_copy, read_only=True)
    try:
        records = DuckDBDatasetStore(read_only).list()
    finally:
        read_only.close()
    assert [r.name for r in records] == ["USDA SR26"] and records[0].is_bundled
