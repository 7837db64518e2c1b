"""Shared fixtures: one database built per test session from the bundled data, copied per test
that writes to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from menuplanner import setup


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
