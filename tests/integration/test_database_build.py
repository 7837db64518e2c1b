"""Building the DuckDB database from the bundled USDA SR26 files, on a real file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from menuplanner import setup
from menuplanner.domain.units import to_grams
from menuplanner.nutrition.totals import nutrients_of_lines
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.sr26 import files
from menuplanner.sr26.errors import DataFileError
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import DatabaseError
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog

BUTTER = 1001  # NDB 01001, Butter, salted
COUNTED_TABLES = ("foods", "food_groups", "food_nutrients", "portions", "nutrients", "datasets")


@pytest.fixture
def catalog(built_database: Path):
    conn = database.connect(built_database, read_only=True)
    yield DuckDBFoodCatalog(conn, LOCAL_WORKSPACE)
    conn.close()


def row_counts(path: Path) -> dict[str, int]:
    conn = database.connect(path, read_only=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}
    finally:
        conn.close()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled SR26 files, to damage."""
    return Path(shutil.copytree(files.BUNDLED_DIR, tmp_path / "usda-sr26"))


def test_holds_8463_foods_in_25_groups(catalog):
    assert catalog.count() == 8463
    assert len(catalog.groups()) == 25


def test_records_the_dataset_with_its_counts_and_licence(built_database: Path):
    conn = database.connect(built_database, read_only=True)
    try:
        name, food_count, portion_count, licence = conn.execute(
            "SELECT name, food_count, portion_count, licence FROM datasets"
        ).fetchone()
    finally:
        conn.close()
    assert (name, food_count, portion_count) == ("USDA SR26", 8463, 15137)
    assert "public domain" in licence.lower()


def test_salted_butter_per_100_g(catalog):
    butter = catalog.get(BUTTER)
    assert (butter.name, butter.source_id) == ("Butter, salted", "01001")
    per_100g = catalog.nutrients_per_100g([BUTTER]).row(0, named=True)
    assert per_100g["energy_kcal"] == pytest.approx(717)
    assert per_100g["fat_g"] == pytest.approx(81.11)
    assert per_100g["protein_g"] == pytest.approx(0.85)


def test_a_tablespoon_of_butter_weighs_14_2_g_and_gives_101_8_kcal(catalog):
    butter = catalog.get(BUTTER)
    tbsp = next(p for p in butter.portions if p.description == "tbsp")
    assert (tbsp.amount, tbsp.gram_weight) == (1, pytest.approx(14.2))
    grams = to_grams(1, "tbsp", butter.portions)
    lines = pl.DataFrame({"food_id": [BUTTER], "grams": [grams]})
    kcal = nutrients_of_lines(lines, catalog.nutrients_per_100g([BUTTER]))["energy_kcal"][0]
    assert kcal == pytest.approx(717 * 14.2 / 100)  # 101.814
    assert round(kcal, 1) == 101.8


def test_keeps_double_quotes_in_portion_names(catalog):
    assert catalog.get(BUTTER).portions[0].description == 'pat (1" sq, 1/3" high)'


def test_building_twice_gives_the_same_counts(built_database: Path, tmp_path: Path):
    again = tmp_path / "again.duckdb"
    setup.build_database(again)
    assert row_counts(again) == row_counts(built_database)
    assert row_counts(again)["foods"] == 8463


def test_first_open_builds_with_a_progress_message_then_reuses(tmp_path: Path):
    path = tmp_path / "first-run.duckdb"
    said: list[str] = []
    setup.open_database(path, progress=said.append).close()
    assert said and "USDA SR26" in said[0]
    said.clear()
    conn = setup.open_database(path, progress=said.append)
    try:
        assert conn.execute("SELECT count(*) FROM foods").fetchone()[0] == 8463
    finally:
        conn.close()
    assert said == []


def test_a_damaged_weight_file_is_refused_naming_file_line_and_column(data_copy, tmp_path):
    weight = data_copy / "WEIGHT.txt"
    lines = weight.read_bytes().split(b"\r\n")
    assert lines[1] == b"~01001~^2^1^~tbsp~^14.2^^"
    lines[1] = b"~01001~^2^1^~tbsp~^-14.2^^"  # line 2: negative grams
    lines[2] = b"~01001~^3^1^~cup~^lots^^"  # line 3: not a number
    weight.write_bytes(b"\r\n".join(lines))
    target = tmp_path / "db" / "menuplanner.duckdb"

    with pytest.raises(DataFileError) as raised:
        setup.build_database(target, data_dir=data_copy)

    message = str(raised.value)
    assert "WEIGHT.txt, line 2, column gram_weight: must be more than 0" in message
    assert "WEIGHT.txt, line 3, column gram_weight: is not a number (value 'lots')" in message
    found = {(p.file, p.line, p.column) for p in raised.value.problems}
    assert {("WEIGHT.txt", 2, "gram_weight"), ("WEIGHT.txt", 3, "gram_weight")} <= found
    assert not target.exists()
    assert not target.with_name(target.name + ".building").exists()


def test_a_missing_bundled_file_is_named(data_copy, tmp_path):
    (data_copy / "FD_GROUP.txt").unlink()
    target = tmp_path / "menuplanner.duckdb"
    with pytest.raises(DataFileError, match=r"missing: FD_GROUP.txt: cannot be opened"):
        setup.build_database(target, data_dir=data_copy)
    assert not target.exists()


def test_a_food_in_an_unknown_group_is_refused(data_copy, tmp_path):
    groups = data_copy / "FD_GROUP.txt"
    kept = [line for line in groups.read_bytes().split(b"\r\n") if not line.startswith(b"~0100~")]
    groups.write_bytes(b"\r\n".join(kept))
    with pytest.raises(
        DataFileError,
        match="FOOD_DES.txt, line 1, column group_code: points to a food group that does not exist",
    ):
        setup.build_database(tmp_path / "menuplanner.duckdb", data_dir=data_copy)


def test_opening_a_file_that_is_not_duckdb_says_what_to_do(tmp_path: Path):
    path = tmp_path / "menuplanner.duckdb"
    path.write_bytes(b"not a database\n" * 70)
    with pytest.raises(
        DatabaseError,
        match=r"is not a DuckDB database; run `uv run menuplanner "
        r"init --force`",
    ):
        setup.open_database(path)
    assert path.read_bytes() == b"not a database\n" * 70  # left for the user, never replaced


def test_opening_a_database_left_by_a_crash_says_what_to_do(database_copy: Path):
    conn = duckdb.connect(str(database_copy))
    conn.execute("DELETE FROM meta WHERE key = 'build_complete'")
    conn.close()
    with pytest.raises(
        DatabaseError,
        match=r"left incomplete by an interrupted build; run "
        r"`uv run menuplanner init --force`",
    ):
        setup.open_database(database_copy)


def test_opening_another_duckdb_database_says_what_to_do(tmp_path: Path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(DatabaseError, match=r"not a menuplanner one; run `uv run menuplanner init"):
        setup.open_database(path)


def test_move_aside_keeps_the_old_file(database_copy: Path):
    aside = database.move_aside(database_copy)
    assert not database_copy.exists()
    assert aside.name.startswith("menuplanner.duckdb.replaced-")
    assert row_counts(aside)["foods"] == 8463
