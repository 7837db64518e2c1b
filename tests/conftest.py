"""Shared fixtures: one database built per test session from the bundled data, copied per test
that writes to it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from menuplanner import setup
from tests.browser import chromium
from tests.pg import PgTestServer, admin_url_or_skip


@pytest.fixture(scope="session")
def built_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built database file; treat as read-only (copy it with `database_copy`)."""
    path = tmp_path_factory.mktemp("built") / "menuplanner.duckdb"
    setup.build_database(path)
    return path


@pytest.fixture
def database_copy(built_database: Path, tmp_path: Path) -> Path:
    path = tmp_path / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One chromium for the whole session: playwright's sync API allows one running at a time,
    and both the browser tests and the crash tests drive it."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgTestServer]:
    """The PostgreSQL server of MENUPLANNER_TEST_DATABASE_URL (skipped without it, failed in
    CI): databases for the tests, built once as templates (see tests/pg.py)."""
    server = PgTestServer(admin_url_or_skip())
    yield server
    server.close()


_SKIPPED_FOR = {  # a skip reason's start → what the summary says about such tests
    "browser tests need": (
        "browser tests were skipped: they need Debian's chromium at /usr/bin/chromium "
        "(apt-get install chromium); then `uv run pytest tests/e2e` runs them"
    ),
    "PostgreSQL tests need": (
        "PostgreSQL tests were skipped: set MENUPLANNER_TEST_DATABASE_URL to an admin's address "
        "of a PostgreSQL 15+ server (see README, Tests)"
    ),
}


def pytest_terminal_summary(terminalreporter) -> None:
    """Once, at the end: how many tests were skipped for want of chromium or a PostgreSQL
    server, and how to run them (each skip's own line is easy to miss among many)."""
    reasons = [
        str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        for report in terminalreporter.stats.get("skipped", [])
    ]
    for start, sentence in _SKIPPED_FOR.items():
        count = sum(start in reason for reason in reasons)
        if count:
            terminalreporter.write_line(f"{count} {sentence}.", yellow=True, bold=True)
