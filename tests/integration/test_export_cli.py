"""`menuplanner export` and `menuplanner import-menu` on real database files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from menuplanner import cli, demo
from menuplanner.export.pdftext import pdf_text
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

CLIENT, MENU = "Maya Jensen (demo)", "Demo week"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("format", "suffix", "starts"),
    [
        ("pdf", "pdf", b"%PDF-"),
        ("html", "html", b"<!doctype html>"),
        ("csv", "csv", b"\xef\xbb\xbfclient,"),
        ("xlsx", "xlsx", b"PK"),
        ("json", "menu.json", b"{"),
        ("shopping-list", "shopping.pdf", b"%PDF-"),
    ],
)
def test_each_format_is_written_where_asked(database_copy, tmp_path, format, suffix, starts):
    out = tmp_path / f"week.{suffix}"
    code, stdout, stderr = run(
        "export",
        "--client",
        CLIENT,
        "--menu",
        MENU,
        "--format",
        format,
        "--out",
        out,
        "--db",
        database_copy,
    )
    assert code == 0, stderr
    assert out.read_bytes().startswith(starts)
    assert stdout.startswith(f"Wrote {out} (") and stdout.strip().endswith("KB).")


def test_the_default_file_is_named_after_the_client_and_menu(database_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MENUPLANNER_PRACTICE", "Greenleaf Nutrition")
    code, stdout, _ = run(
        "export",
        "--client",
        "maya jensen (demo)",
        "--menu",
        "demo week",
        "--no-numbers",
        "--paper",
        "Letter",
        "--db",
        database_copy,
    )
    assert code == 0
    written = tmp_path / "Maya Jensen (demo) - Demo week.pdf"
    text = pdf_text(written.read_bytes())
    assert "Greenleaf Nutrition" in text and "kcal" not in text
    assert b"/MediaBox [0 0 612.00 792.00]" in written.read_bytes()


def test_a_shopping_list_for_some_days_as_csv(database_copy, tmp_path) -> None:
    out = tmp_path / "list.csv"
    code, _, _ = run(
        "export",
        "--client",
        CLIENT,
        "--menu",
        MENU,
        "-f",
        "shopping-list",
        "--days",
        "2-3",
        "--list-format",
        "csv",
        "-o",
        out,
        "--db",
        database_copy,
    )
    assert code == 0
    bananas = next(line for line in out.read_text("utf-8-sig").splitlines() if ",Banana," in line)
    # Tuesday's smoothie banana (118 g) and Wednesday's fruit salad, half a banana (59 g):
    # 177 g eaten, 177 / 0.64 = 276.6 g bought, rounded up to 280 g; 1.5 bananas → 2.
    assert ',2,"medium (7"" to 7-7/8"" long)",177.0,36,280,' in bananas


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--client", "Nobody", "--menu", MENU), "There is no client named 'Nobody'; there are: "),
        (("--client", CLIENT, "--menu", "Nothing"), "There is no menu of Maya Jensen (demo) named"),
        (
            ("--client", CLIENT, "--menu", MENU, "-f", "shopping-list", "--days", "5-2"),
            "Choose days from 1 to 7, the first no later than the last (got 5 to 2).",
        ),
        (("--client", CLIENT, "--menu", MENU, "--paper", "A5"), "Paper is A4 or Letter, not 'A5'."),
    ],
)
def test_mistakes_are_one_sentence_errors(database_copy, tmp_path, args, fragment) -> None:
    code, _, stderr = run("export", *args, "-o", tmp_path / "x", "--db", database_copy)
    assert code == 1
    assert stderr.startswith("Error: ") and fragment in stderr and "Traceback" not in stderr


def test_import_menu_adds_the_week_to_another_database(database_copy, built_database, tmp_path):
    exported = tmp_path / "week.menu.json"
    assert (
        run(
            "export",
            "--client",
            CLIENT,
            "--menu",
            MENU,
            "-f",
            "json",
            "-o",
            exported,
            "--db",
            database_copy,
        )[0]
        == 0
    )
    other = tmp_path / "other.duckdb"
    shutil.copy(built_database, other)
    conn = database.connect(other)
    try:
        demo.remove_demo(DuckDBUnitOfWork(conn))
    finally:
        conn.close()
    code, stdout, stderr = run("import-menu", exported, "--db", other)
    assert code == 0, stderr
    assert (
        stdout.splitlines()[0]
        == "Imported the menu 'Demo week' for Maya Jensen (demo) (a new client)."
    )
    assert "Every day's totals are the same as in the file." in stdout
    code, stdout, _ = run("import-menu", exported, "--client", CLIENT, "--db", other)
    assert "this one is called 'Demo week (imported)'" in stdout


def test_import_menu_refuses_a_file_that_is_not_a_menu(database_copy, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something else"}))
    code, _, stderr = run("import-menu", bad, "--db", database_copy)
    assert code == 1
    assert stderr.strip() == (
        "Error: The file is not a menuplanner menu file (its \"format\" is not 'menuplanner.menu')."
    )
