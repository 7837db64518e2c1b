"""A database file the app cannot use: one sentence saying what to do, never a traceback,
never an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP


def test_a_file_that_is_not_duckdb_gets_a_sentence_and_no_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "menuplanner.duckdb"
    path.write_bytes(b"this is a spreadsheet, not a database\n" * 100)
    monkeypatch.setenv("MENUPLANNER_DB", str(path))
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert app.error[0].value == (
        f"The file {path} is not a DuckDB database; run `uv run menuplanner init --force` to "
        "move it aside and build a fresh one."
    )
    assert path.read_bytes().startswith(b"this is a spreadsheet")  # left as it was
