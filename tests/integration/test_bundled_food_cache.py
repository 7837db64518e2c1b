"""The bundled foods kept by the process between units of work (store/sql/bundled_foods.py):
what a later unit of work gets from them, and that only the same build of the bundled data
and no imported food is ever served from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.sql import DuckDBSql
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.store.sql.bundled_foods import BundledFoods
from menuplanner.store.sql.foods import SqlFoodCatalog

BUTTER, BANANA = 1001, 9040


@pytest.fixture
def conn(database_copy: Path):
    connection = database.connect(database_copy)
    yield connection
    connection.close()


def catalog(conn, kept: BundledFoods) -> SqlFoodCatalog:
    return SqlFoodCatalog(DuckDBSql(conn.cursor()), "local", kept)


def rename_butter(conn, name: str) -> None:
    conn.execute("UPDATE foods SET name = ? WHERE food_id = ?", [name, BUTTER])
    conn.execute(
        "UPDATE food_nutrients SET amount = 700 WHERE food_id = ? AND nutrient = 'energy_kcal'",
        [BUTTER],
    )


def test_a_later_unit_of_work_gets_the_same_foods_and_nutrients_without_reading_them(conn):
    kept = BundledFoods()
    first = catalog(conn, kept)
    butter = first.get_many([BUTTER, BANANA])[BUTTER]
    values = first.nutrients_per_100g([BANANA, BUTTER])
    assert (butter.name, values["energy_kcal"].to_list()) == ("Butter, salted", [89.0, 717.0])
    assert values["fat_g"].to_list() == [0.33, 81.11]
    # Changed behind the catalog's back (a build never does this): the same build's foods
    # now come from what the process kept.
    rename_butter(conn, "Changed behind its back")
    later = catalog(conn, kept)
    assert later.get_many([BUTTER])[BUTTER] == butter
    assert later.nutrients_per_100g([BUTTER, BANANA]).to_dicts() == values.reverse().to_dicts()


def test_another_build_of_the_bundled_data_is_read_afresh(conn):
    kept = BundledFoods()
    catalog(conn, kept).get_many([BUTTER])
    catalog(conn, kept).nutrients_per_100g([BUTTER])
    rename_butter(conn, "Butter, rebuilt")
    conn.execute(
        "UPDATE datasets SET imported_at = imported_at + INTERVAL 1 SECOND WHERE dataset_id = 1"
    )
    later = catalog(conn, kept)
    assert later.get_many([BUTTER])[BUTTER].name == "Butter, rebuilt"
    assert later.nutrients_per_100g([BUTTER])["energy_kcal"].to_list() == [700.0]


def test_imported_foods_are_never_kept(conn):
    conn.execute(
        "INSERT INTO datasets (dataset_id, name, version, licence, source_file, source_hash, "
        "imported_at, food_count, nutrient_value_count, portion_count, workspace_id) "
        "VALUES (7, 'Clinic table', '1', '', 'x.csv', 'h', now(), 1, 1, 0, 'local')"
    )
    conn.execute(
        "INSERT INTO foods (food_id, dataset_id, source_id, name, group_code, search_text) "
        "SELECT 990001, 7, 'A1', 'Clinic porridge', group_code, ' clinic porridge' "
        "FROM foods WHERE food_id = ?",
        [BUTTER],
    )
    conn.execute("INSERT INTO food_nutrients VALUES (990001, 'energy_kcal', 120)")
    kept = BundledFoods()
    catalog(conn, kept).get_many([990001])
    catalog(conn, kept).nutrients_per_100g([990001])
    conn.execute("UPDATE foods SET name = 'Clinic porridge, new' WHERE food_id = 990001")
    conn.execute("UPDATE food_nutrients SET amount = 130 WHERE food_id = 990001")
    later = catalog(conn, kept)
    assert later.get_many([990001])[990001].name == "Clinic porridge, new"
    assert later.nutrients_per_100g([990001])["energy_kcal"].to_list() == [130.0]


def test_units_of_work_share_the_process_wide_store(database_copy: Path):
    from menuplanner.store.sql import bundled_foods

    bundled_foods.KEPT.clear()
    with database.connect(database_copy) as conn:
        with DuckDBUnitOfWork(conn) as uow:
            uow.foods.get_many([BUTTER])
        assert bundled_foods.KEPT.foods.get(
            SqlFoodCatalog(DuckDBSql(conn.cursor()), "local")._bundled_stamp(), [BUTTER]
        )
