"""One DuckDB connection per app process (cached); each rerun takes its own cursor."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import streamlit as st

from menuplanner import setup
from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import LOCAL_WORKSPACE, FoodCatalog, UnitOfWork
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog

_build_lock = threading.Lock()


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return database.connect(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """The shared connection; builds the database on first run with a visible progress message,
    and stops the page with a one-sentence error when the database cannot be used."""
    path = database.default_path()
    try:
        if not path.exists():
            with _build_lock:
                if not path.exists():
                    _build_with_progress(path)
        return _connection(str(path))
    except MenuplannerError as error:
        st.error(str(error))
        st.stop()


def _build_with_progress(path: Path) -> None:
    label = "First run: building the nutrition database from the bundled USDA SR26 tables…"
    with st.status(label, expanded=True) as status:
        setup.build_database(path, progress=status.write)
        status.update(label="Nutrition database ready.", state="complete", expanded=False)


def workspace() -> str:
    return LOCAL_WORKSPACE


def catalog() -> FoodCatalog:
    return DuckDBFoodCatalog(connection().cursor(), workspace())


def unit_of_work() -> UnitOfWork:
    from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

    return DuckDBUnitOfWork(connection(), workspace())
