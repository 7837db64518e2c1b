"""The import path the Import page and the CLI take (open → read → suggest a mapping →
prepare → report → commit), and the checks every outcome must pass, for the import property
tests and the fuzz run."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from menuplanner.domain.errors import MenuplannerError
from menuplanner.imports import mapping as mappings
from menuplanner.imports.prepared import PreparedImport
from menuplanner.services import imports
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore

TABLES = (
    "datasets",
    "foods",
    "food_nutrients",
    "portions",
    "food_groups",
    "meta",
    "dataset_imports",
    "food_nutrient_notes",
)
BAD_AMOUNTS = (
    "SELECT count(*) FROM food_nutrients WHERE amount < 0 OR isnan(amount) OR isinf(amount)"
)


@dataclass
class Outcome:
    kind: str  # "refused" (file or mapping), "refused at commit", "imported"
    message: str = ""
    prepared: PreparedImport | None = None


def fingerprint(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Row count and a hash of every row of every table an import may touch."""
    cursor = conn.cursor()
    try:
        query = "SELECT count(*), sum(hash(x)) FROM {} x"  # table names from TABLES only
        return {t: cursor.execute(query.format(t)).fetchone() for t in TABLES}
    finally:
        cursor.close()


def bad_amounts(conn: duckdb.DuckDBPyConnection) -> int:
    return conn.cursor().execute(BAD_AMOUNTS).fetchone()[0]


def run(conn: duckdb.DuckDBPyConnection, path: Path, name: str, dataset: str) -> Outcome:
    """Everything a user can do with the file, in the page's order; the import uses the
    suggested mapping and imports the valid rows. Raises only what is a bug."""
    before = fingerprint(conn)
    try:
        source = imports.open_file(path, name)
        raw = None
        if source.kind == "table":
            raw = imports.read_table(source)
            raw.described()
            mapping = imports.suggest_mapping(raw)
            mappings.describe(mapping)
            assert mappings.loads(mappings.dumps(mapping)) == mapping
        imports.preview(source, raw)
        imports.default_name(source)
        prepared = imports.prepare(source, raw=raw, dataset_name=dataset)
    except MenuplannerError as error:
        _assert_sentence(str(error))
        assert fingerprint(conn) == before
        return Outcome("refused", str(error))
    report = prepared.report
    report.summary()
    report.table(limit=50)
    report.csv()
    store = DuckDBDatasetStore(conn)
    imports.status(store, prepared)
    try:
        outcome = imports.commit(store, prepared, skip_invalid=True)
    except MenuplannerError as error:
        _assert_sentence(str(error))
        assert fingerprint(conn) == before, "a refused import changed the database"
        return Outcome("refused at commit", str(error), prepared)
    outcome.message()
    assert_stored_as_checked(conn, prepared)
    return Outcome("imported", outcome.message(), prepared)


def _assert_sentence(message: str) -> None:
    assert len(message) > 10 and message.endswith((".", "?")), message
    assert "Traceback" not in message and "\n" not in message, message


def stored(conn: duckdb.DuckDBPyConnection, dataset: str) -> tuple[set, set]:
    """(source_id, name) of the dataset's foods; (source_id, nutrient, amount) of its values."""
    cursor = conn.cursor()
    try:
        foods = cursor.execute(
            "SELECT f.source_id, f.name FROM foods f JOIN datasets d USING (dataset_id) "
            "WHERE d.name = ?",
            [dataset],
        ).fetchall()
        values = cursor.execute(
            "SELECT f.source_id, n.nutrient, n.amount FROM food_nutrients n JOIN foods f "
            "USING (food_id) JOIN datasets d USING (dataset_id) WHERE d.name = ?",
            [dataset],
        ).fetchall()
    finally:
        cursor.close()
    return set(foods), set(values)


def assert_stored_as_checked(conn: duckdb.DuckDBPyConnection, prepared: PreparedImport) -> None:
    """The database holds exactly the report's valid rows, names literally, amounts finite and
    non-negative, and no bad amount anywhere."""
    valid = prepared.valid_only()
    foods, values = stored(conn, prepared.meta.name)
    assert foods == set(valid.foods.select("source_id", "name").iter_rows())
    expected = set(valid.nutrients.select("source_id", "nutrient", "amount").iter_rows())
    assert values == expected
    assert all(math.isfinite(amount) and amount >= 0 for _, _, amount in values)
    skipped = prepared.report.foods_skipped
    assert len(foods) == prepared.report.foods_valid
    assert skipped == prepared.foods_in_file - len(foods)
    assert bad_amounts(conn) == 0


def problem_lines(prepared: PreparedImport) -> set[int]:
    """Lines of the user's file with an error that keeps their food out."""
    errors = prepared.problems.filter(pl.col("severity") == "error")
    return set(errors.get_column("line").drop_nulls().to_list())
