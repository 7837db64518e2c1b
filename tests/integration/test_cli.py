"""The `menuplanner` command on real database files: init, foods search, and bad input."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from menuplanner import bench, cli, setup
from menuplanner.cli import admin as cli_admin
from menuplanner.domain.clients import Client, Sex
from menuplanner.sr26 import files
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

CHICKEN_BREAST = "Chicken, broilers or fryers, breast, meat only, cooked, roasted"
ENTRY_POINT = Path(sys.executable).with_name("menuplanner")


def run(*args: str | Path) -> tuple[int, str, str]:
    """Invoke the CLI in-process; an exception escaping the CLI fails the test (a traceback)."""
    result = CliRunner().invoke(cli.app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_one_sentence_error(stderr: str, *fragments: str) -> None:
    """One `Error: ...` line, last on stderr (after any progress lines), and no traceback."""
    lines = stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert errors == lines[-1:], stderr
    assert errors[0].endswith("."), stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in errors[0]


def food_count(path: Path) -> int:
    conn = database.connect(path, read_only=True)
    try:
        return conn.execute("SELECT count(*) FROM foods").fetchone()[0]
    finally:
        conn.close()


def add_clients(path: Path, *names: str) -> None:
    conn = database.connect(path)
    try:
        with DuckDBUnitOfWork(conn) as uow:
            for name in names:
                uow.clients.add(Client(name, Sex.FEMALE))
            uow.commit()
    finally:
        conn.close()


def replaced(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".replaced-*"))


# ------------------------------------------------------------------------------------------ init


def test_init_builds_the_database_and_init_twice_gives_the_same_counts(tmp_path: Path):
    path = tmp_path / "menuplanner.duckdb"
    code, out, err = run("init", "--db", path)
    assert code == 0, err
    assert "8,463 foods in 25 groups" in out
    assert "Reading and checking the bundled USDA SR26 tables" in err  # progress on stderr
    first = food_count(path)

    code, out, err = run("init", "--db", path)
    assert code == 0, err
    assert food_count(path) == first == 8463
    assert replaced(path) == []  # nothing of the user's to keep


def test_init_uses_the_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "from-env.duckdb"
    monkeypatch.setenv(database.ENV_VAR, str(path))
    code, _, err = run("init")
    assert code == 0, err
    assert food_count(path) == 8463


def test_init_refuses_to_replace_user_data_then_force_keeps_it_aside(database_copy: Path):
    add_clients(database_copy, "Ada", "Grace")

    code, out, err = run("init", "--db", database_copy)
    assert code == 1
    assert_one_sentence_error(
        err, "holds 2 clients of your own", "run `uv run menuplanner init --force`"
    )
    assert replaced(database_copy) == []

    code, out, err = run("init", "--force", "--db", database_copy)
    assert code == 0, err
    [aside] = replaced(database_copy)
    assert f"kept as {aside}" in out or aside.name in out
    conn = database.connect(aside, read_only=True)
    try:
        assert database.user_row_counts(conn)["clients"] == 2
    finally:
        conn.close()
    conn = database.connect(database_copy, read_only=True)
    try:
        assert database.user_row_counts(conn)["clients"] == 0
    finally:
        conn.close()


def test_init_refuses_to_drop_an_imported_dataset(database_copy: Path, tmp_path: Path):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "table_english.csv"
    report = tmp_path / "report.csv"
    code, _, err = run(
        "import",
        str(fixture),
        "--db",
        database_copy,
        "--dataset",
        "My table",
        "--report",
        str(report),
    )
    assert code == 0, err
    code, _, err = run("init", "--db", database_copy)
    assert code == 1
    assert_one_sentence_error(
        err, "holds 1 imported dataset of your own", "run `uv run menuplanner init --force`"
    )


def test_the_refusal_counts_each_kind_of_row_in_words():
    assert cli_admin._own_rows({"clients": 3, "recipes": 2, "menus": 1}) == (
        "3 clients, 2 recipes and 1 menu"
    )
    assert cli_admin._own_rows({"clients": 1, "recipes": 0, "menus": 0}) == "1 client"


def test_init_on_damaged_bundled_data_keeps_the_existing_database(
    database_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    damaged = Path(shutil.copytree(files.BUNDLED_DIR, tmp_path / "usda-sr26"))
    weight = damaged / "WEIGHT.txt"
    weight.write_bytes(weight.read_bytes().replace(b"~tbsp~^14.2^", b"~tbsp~^-14.2^", 1))
    monkeypatch.setattr(
        setup, "build_database", functools.partial(setup.build_database, data_dir=damaged)
    )
    code, _, err = run("init", "--db", database_copy)
    assert code == 1
    assert_one_sentence_error(
        err,
        "WEIGHT.txt, line 2, column gram_weight: must be more than 0",
        "git checkout -- data/usda-sr26",
    )
    assert food_count(database_copy) == 8463
    assert replaced(database_copy) == []


# ------------------------------------------------------------------------------ damaged databases


def not_duckdb(tmp_path: Path) -> Path:
    path = tmp_path / "menuplanner.duckdb"
    path.write_bytes(bytes(range(256)) * 4)  # 1 KB of bytes that are no database
    return path


@pytest.mark.parametrize("command", [["init"], ["foods", "search", "egg"]])
def test_a_file_that_is_not_duckdb_is_reported_not_replaced(tmp_path: Path, command):
    path = not_duckdb(tmp_path)
    code, out, err = run(*command, "--db", path)
    assert code == 1
    assert_one_sentence_error(
        err, str(path), "is not a DuckDB database", "`uv run menuplanner init --force`"
    )
    assert path.read_bytes() == bytes(range(256)) * 4
    assert out == ""


def test_init_force_moves_a_file_that_is_not_duckdb_aside_and_builds(tmp_path: Path):
    path = not_duckdb(tmp_path)
    code, out, err = run("init", "--force", "--db", path)
    assert code == 0, err
    assert food_count(path) == 8463
    [aside] = replaced(path)
    assert aside.read_bytes() == bytes(range(256)) * 4
    assert "kept as" in out


def test_a_database_left_by_a_crash_asks_for_init_force(database_copy: Path):
    conn = duckdb.connect(str(database_copy))
    conn.execute("DELETE FROM meta WHERE key = 'build_complete'")
    conn.close()
    for command in (["foods", "search", "egg"], ["init"]):
        code, _, err = run(*command, "--db", database_copy)
        assert code == 1
        assert_one_sentence_error(
            err, "left incomplete by an interrupted build", "`uv run menuplanner init --force`"
        )

    code, _, err = run("init", "--force", "--db", database_copy)
    assert code == 0, err
    assert food_count(database_copy) == 8463


def test_a_database_path_that_cannot_be_created_is_reported(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    code, _, err = run("init", "--db", blocker / "menuplanner.duckdb")
    assert code == 1
    assert_one_sentence_error(err, "cannot use", "check the path given with --db")


def test_the_installed_command_prints_one_line_and_no_traceback(tmp_path: Path):
    path = not_duckdb(tmp_path)
    done = subprocess.run(
        [ENTRY_POINT, "foods", "search", "egg", "--db", path],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert_one_sentence_error(done.stderr, "is not a DuckDB database", "init --force")


# ---------------------------------------------------------------------------------- foods search


def test_search_lists_roasted_chicken_breast_first(built_database: Path):
    code, out, err = run("foods", "search", "roasted chicken breast", "--db", built_database)
    assert code == 0, err
    header, first, *_ = out.splitlines()
    assert header.split() == ["id", "group", "food"]
    assert first.split(None, 1)[0] == "5064"
    assert first.endswith(CHICKEN_BREAST)


def test_search_json_parses_and_honours_limit_and_group(built_database: Path):
    code, out, err = run(
        "foods",
        "search",
        "chicken",
        "--json",
        "--limit",
        "3",
        "--group",
        "0500",
        "--db",
        built_database,
    )
    assert code == 0, err
    found = json.loads(out)
    assert found["query"] == "chicken"
    assert found["total"] > 3
    assert len(found["foods"]) == 3
    assert {food["group_code"] for food in found["foods"]} == {"0500"}
    assert set(found["foods"][0]) >= {"food_id", "name", "group_name", "dataset"}


def test_search_says_how_many_more_there_are(built_database: Path):
    code, out, _ = run("foods", "search", "butter", "--limit", "2", "--db", built_database)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4  # header, 2 foods, summary
    assert "Butter, salted" in lines[1]
    assert lines[-1].startswith("2 of ") and "--limit" in lines[-1]


def test_search_with_no_match_says_so(built_database: Path):
    code, out, _ = run("foods", "search", "zzyzx", "--db", built_database)
    assert (code, out.strip()) == (0, "No food matches 'zzyzx'.")


def test_search_with_an_unknown_group_lists_the_groups(built_database: Path):
    code, _, err = run("foods", "search", "egg", "--group", "9999", "--db", built_database)
    assert code == 1
    assert_one_sentence_error(err, "There is no food group '9999'", "0100 Dairy and Egg Products")


def test_search_refuses_a_query_without_words(built_database: Path):
    code, _, err = run("foods", "search", " ,; ", "--db", built_database)
    assert code == 1
    assert_one_sentence_error(err, "Type at least one word")


def test_search_builds_the_database_on_first_run(tmp_path: Path):
    path = tmp_path / "new.duckdb"
    code, out, err = run("foods", "search", "butter", "--limit", "1", "--db", path)
    assert code == 0, err
    assert "Reading and checking the bundled USDA SR26 tables" in err
    assert "Butter, salted" in out
    assert food_count(path) == 8463


# ----------------------------------------------------------------------------------------- bench


def test_bench_prints_each_figure_next_to_its_target():
    def skipped(_: bench.Bench) -> bench.Figure:
        return bench.Figure("Something needing a browser", None, "s", 3.0, "skipped (no chromium)")

    figures = bench.run([bench.data.measure_search, skipped])
    search = figures[0]
    assert search.measure == "Food search p95, 20 queries over 8,463 foods"
    assert search.unit == "ms" and search.value is not None and search.value > 0
    lines = bench.table(figures).splitlines()
    header = [cell.strip() for cell in lines[0].split("|")]
    assert header == ["measure", "result", "target", "ok", "note"]
    search_row = [cell.strip() for cell in lines[2].split("|")]
    assert search_row[2] == "< 20 ms" and search_row[3] in ("yes", "NO")
    skipped_row = [cell.strip() for cell in lines[3].split("|")]
    assert skipped_row == [
        "Something needing a browser",
        "-",
        "< 3 s",
        "-",
        "skipped (no chromium)",
    ]


def test_percentile_is_nearest_rank():
    assert bench.percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert bench.percentile([3.0], 95) == 3.0


def test_the_menu_builder_figure_comes_back_from_its_own_process(tmp_path: Path):
    figure = bench.app.measure_builder_rerun(bench.Bench(tmp_path))
    assert figure.value is not None and figure.value > 0, figure.note
    assert re.fullmatch(r"AppTest's round trip for the same clicks: \d+ ms", figure.note)
    assert figure.measure == "Menu builder: add one item (save + rerun), server side, median"
