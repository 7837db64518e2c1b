"""`menuplanner import` and `menuplanner datasets` on real database files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from menuplanner import cli
from menuplanner.store.duckdb import database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def foods_of(path: Path, dataset: str) -> int:
    conn = database.connect(path, read_only=True)
    try:
        return conn.execute(
            "SELECT count(*) FROM foods JOIN datasets USING (dataset_id) WHERE datasets.name = ?",
            [dataset],
        ).fetchall()[0][0]
    finally:
        conn.close()


def test_an_fdc_download_imports_and_a_second_run_changes_nothing(
    database_copy, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("import", FIXTURES / "fdc_sr_legacy", "--db", database_copy)
    assert code == 0, err
    assert "FoodData Central download: 4 foods (SR Legacy)" in err
    assert out.startswith(
        "Imported “USDA FoodData Central SR Legacy”: 4 foods, 34 nutrient values "
        "and 9 household measures"
    )
    code, out, _ = run("import", FIXTURES / "fdc_sr_legacy", "--db", database_copy)
    assert code == 0 and "nothing changed" in out
    assert not list(tmp_path.glob("*report*"))  # no problems, no report


def test_problems_refuse_the_import_write_the_report_and_exit_non_zero(database_copy, tmp_path):
    report = tmp_path / "problems.csv"
    code, out, err = run(
        "import", FIXTURES / "table_bad_values.csv", "--db", database_copy, "--report", report
    )
    assert code == 1 and out == ""
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith(
            "Error: The file has 7 problems (6 of 8 foods affected), so nothing was imported."
        )
    )
    assert "Traceback" not in err
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Severity,File,Line,Column,Value,Problem,What happens"
    assert (
        "Error,table_bad_values.csv,3,protein (g),-5,must not be negative,food not imported"
        in lines
    )
    assert foods_of(database_copy, "table_bad_values") == 0


def test_skip_invalid_imports_the_valid_rows(database_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        "import",
        FIXTURES / "table_bad_values.csv",
        "--db",
        database_copy,
        "--skip-invalid",
        "--dataset",
        "Test table",
    )
    assert code == 0, err
    assert "6 foods with problems left out" in out
    assert (tmp_path / "table_bad_values-import-report.csv").exists()
    assert foods_of(database_copy, "Test table") == 2


def test_a_mapping_can_be_written_edited_and_reused(database_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the report of the row with problems is written here
    saved = tmp_path / "mapping.json"
    code, _, err = run(
        "import",
        FIXTURES / "table_dutch_per_serving.csv",
        "--db",
        database_copy,
        "--write-mapping",
        saved,
        "--skip-invalid",
        "--dataset",
        "per serving",
    )
    assert code == 0, err
    assert "Suggested mapping" in err and "Serving size (g): Portie (g)" in err
    assert "Values are per serving (the serving size column)" in err
    assert foods_of(database_copy, "per serving") == 3  # the row without a serving is left out
    mapping = json.loads(saved.read_text())
    assert mapping["basis"] == "per_serving"
    mapping["basis"] = "per_100g"
    saved.write_text(json.dumps(mapping))
    code, out, err = run(
        "import",
        FIXTURES / "table_dutch_per_serving.csv",
        "--db",
        database_copy,
        "--mapping",
        saved,
        "--skip-invalid",
        "--dataset",
        "per 100 g",
    )
    assert code == 0, err
    assert foods_of(database_copy, "per 100 g") == 4


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("empty.csv", "empty.csv is empty"),
        ("garbage.csv", "not a text table"),
        ("header_only.csv", "has a header line but no rows"),
    ],
)
def test_unusable_files_give_one_sentence_and_exit_1(database_copy, name, fragment):
    code, out, err = run("import", FIXTURES / name, "--db", database_copy)
    assert code == 1 and fragment in err and "Traceback" not in err


def test_a_file_over_the_limit_is_refused(database_copy, tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"name,kcal\n" + b"apple,52\n" * 150_000)
    code, _, err = run("import", big, "--db", database_copy, "--max-size-mb", "1")
    assert code == 1 and "files over 1 MB are refused" in err


def test_a_table_over_the_column_limit_is_refused_and_nothing_is_imported(database_copy, tmp_path):
    wide = tmp_path / "wide.csv"
    header = ",".join(["name", *(f"extra {i}" for i in range(611))])
    wide.write_text(header + "\n" + ",".join(["apple"] + ["1"] * 611) + "\n", encoding="utf-8")
    code, _, err = run("import", wide, "--db", database_copy, "--dataset", "Wide")
    assert code == 1
    assert (
        err.strip()
        .splitlines()[-1]
        .endswith(
            "wide.csv has 612 columns; at most 500 can be imported (set "
            "MENUPLANNER_IMPORT_MAX_COLUMNS to allow more)."
        )
    )
    assert foods_of(database_copy, "Wide") == 0


def test_a_table_over_the_row_limit_is_refused(database_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MENUPLANNER_IMPORT_MAX_ROWS", "100")
    long = tmp_path / "long.csv"
    long.write_text("name,energy (kcal)\n" + "".join(f"food {i},{i}\n" for i in range(101)))
    code, _, err = run("import", long, "--db", database_copy)
    assert code == 1 and "long.csv has 101 rows of foods; at most 100 can be imported" in err


def test_the_wrong_format_is_refused(database_copy):
    code, _, err = run(
        "import", FIXTURES / "table_english.csv", "--format", "fdc", "--db", database_copy
    )
    assert code == 1 and "is a table, not --format fdc" in err


def test_datasets_are_listed_with_provenance_and_removed_by_name(database_copy):
    run("import", FIXTURES / "fdc_foundation", "--db", database_copy)
    code, out, _ = run("datasets", "list", "--db", database_copy)
    assert code == 0
    assert "1  USDA SR26  (bundled)" in out and "USDA FoodData Central Foundation" in out
    assert "Energy: 2 foods: FoodData Central nutrient 2048" in out
    code, out, _ = run(
        "datasets", "remove", "USDA FoodData Central Foundation", "--db", database_copy
    )
    assert (
        code == 0 and out.strip() == "Removed “USDA FoodData Central Foundation” and its 4 foods."
    )
    code, _, err = run("datasets", "remove", "USDA SR26", "--db", database_copy)
    assert code == 1 and "cannot be removed" in err
