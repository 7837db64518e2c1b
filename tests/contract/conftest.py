"""One contract suite, three adapters: every test here runs against the in-memory fakes, the
DuckDB adapter on a real database file and the PostgreSQL adapter on a fresh database of a real
server (as the app's own role, so row-level security binds it), and all must answer alike.

The database is built once per session from the bundled USDA SR26 data and copied per test
(~35 ms), so tests can commit freely. The memory fake is loaded with the same foods, read out of
that database, so searches, totals and nutrient values can be compared number for number.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.ports import LOCAL_WORKSPACE, UnitOfWork
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.menu_exchange import DuckDBExchangeUnitOfWork
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork
from menuplanner.store.memory.exchange import MemoryExchangeUnitOfWork
from menuplanner.store.postgres.connection import PostgresServer
from menuplanner.store.postgres.store import PostgresStore
from tests.hostile_text import CORPUS, LONG

MakeUow = Callable[..., UnitOfWork]
MakeExchangeUow = Callable[..., ExchangeUnitOfWork]


@pytest.fixture(scope="session")
def contract_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled foods and no user rows (no demo seed, unlike tests/conftest.py's)."""
    path = tmp_path_factory.mktemp("contract") / "menuplanner.duckdb"
    database.build(path)
    return path


@pytest.fixture(scope="session")
def memory_foods(contract_database: Path) -> MemoryFoodCatalog:
    conn = database.connect(contract_database, read_only=True)
    try:
        return load_memory_foods(conn)
    finally:
        conn.close()


def load_memory_foods(conn: duckdb.DuckDBPyConnection) -> MemoryFoodCatalog:
    """Every food of a built database, as the memory fake's reference data."""
    catalog = DuckDBFoodCatalog(conn, LOCAL_WORKSPACE)
    ids = [row[0] for row in conn.execute("SELECT food_id FROM foods").fetchall()]
    common = conn.execute("SELECT food_id FROM foods WHERE is_common").fetchall()
    names = "SELECT food_id, common_name FROM foods WHERE common_name <> ''"
    return MemoryFoodCatalog(
        catalog.get_many(ids),
        catalog.nutrients_per_100g(ids),
        catalog.groups(),
        common=[row[0] for row in common],
        common_names=dict(conn.execute(names).fetchall()),
    )


ADAPTERS = ["memory", "duckdb", "postgres"]


@contextmanager
def postgres_store(request: pytest.FixtureRequest) -> Iterator[PostgresStore]:
    """A fresh PostgreSQL database with the reference foods, as the app's own role."""
    with request.getfixturevalue("pg_server").database() as (app_url, _):
        store = PostgresStore(PostgresServer(app_url, size=4))
        try:
            yield store
        finally:
            store.close()


@pytest.fixture(params=ADAPTERS)
def make_uows(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[MakeUow, MakeExchangeUow]]:
    """Factories of units of work and of units of work that can also import foods (as a menu
    file does), all over one store that starts with the reference foods and no user rows."""
    if request.param == "postgres":
        with postgres_store(request) as store:
            yield (
                lambda workspace=LOCAL_WORKSPACE: store.unit_of_work(workspace),
                lambda workspace=LOCAL_WORKSPACE: store.exchange_unit_of_work(workspace),
            )
        return
    if request.param == "memory":
        store = MemoryDatabase(request.getfixturevalue("memory_foods"))
        yield (
            lambda workspace=LOCAL_WORKSPACE: MemoryUnitOfWork(store, workspace),
            lambda workspace=LOCAL_WORKSPACE: MemoryExchangeUnitOfWork(store, workspace),
        )
        return
    path = tmp_path / "menuplanner.duckdb"
    shutil.copyfile(request.getfixturevalue("contract_database"), path)
    conn = database.connect(path)
    try:
        yield (
            lambda workspace=LOCAL_WORKSPACE: DuckDBUnitOfWork(conn, workspace),
            lambda workspace=LOCAL_WORKSPACE: DuckDBExchangeUnitOfWork(conn, workspace),
        )
    finally:
        conn.close()
        # Deleted at once, the copy never has to be written out to disk: keeps the suite fast.
        path.unlink()
        path.with_name(path.name + ".wal").unlink(missing_ok=True)


@pytest.fixture
def make_uow(make_uows: tuple[MakeUow, MakeExchangeUow]) -> MakeUow:
    """A factory of units of work (`make_uow()` or `make_uow("other-workspace")`)."""
    return make_uows[0]


@pytest.fixture
def make_exchange_uow(make_uows: tuple[MakeUow, MakeExchangeUow]) -> MakeExchangeUow:
    return make_uows[1]


@pytest.fixture
def uow(make_uow: MakeUow) -> Iterator[UnitOfWork]:
    """An open unit of work on the local workspace."""
    with make_uow() as unit:
        yield unit


HOSTILE_TEXT = {
    "html": "<script>alert(1)</script>",
    "sql": "Robert'); DROP TABLE clients;--",
    "emoji": "Zoë 🥑🍌 Smith",
    "right-to-left": "\u200fنادية\u200f",  # right-to-left marks around an Arabic name
    "wildcards": '50% off_under_score \\ backslash "quoted" ?',
    # and the shared corpus (tests/hostile_text.py), the 100 KB string included
    **{f"corpus-{index}": text for index, text in enumerate(CORPUS)},
    "100 KB": LONG,
}


@pytest.fixture(params=list(HOSTILE_TEXT.values()), ids=list(HOSTILE_TEXT))
def hostile_text(request: pytest.FixtureRequest) -> str:
    """Text users may type that must come back exactly as typed."""
    return request.param


@pytest.fixture(params=ADAPTERS)
def dataset_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple]:
    """(make_store(workspace), make_uow(workspace)) over one store with the reference foods:
    the dataset store and the units of work that use its foods see the same data."""
    from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
    from menuplanner.store.memory.datasets import MemoryDatasetStore

    if request.param == "postgres":
        from menuplanner.store.postgres.datasets import PgDatasetStore

        with postgres_store(request) as store, store.server.connection() as conn:
            yield (
                lambda workspace=LOCAL_WORKSPACE: PgDatasetStore(conn, workspace),
                lambda workspace=LOCAL_WORKSPACE: store.unit_of_work(workspace),
            )
        return
    if request.param == "memory":
        store = MemoryDatabase(request.getfixturevalue("memory_foods"))
        yield (
            lambda workspace=LOCAL_WORKSPACE: MemoryDatasetStore(store, workspace),
            lambda workspace=LOCAL_WORKSPACE: MemoryUnitOfWork(store, workspace),
        )
        return
    path = tmp_path / "menuplanner.duckdb"
    shutil.copyfile(request.getfixturevalue("contract_database"), path)
    conn = database.connect(path)
    try:
        yield (
            lambda workspace=LOCAL_WORKSPACE: DuckDBDatasetStore(conn, workspace),
            lambda workspace=LOCAL_WORKSPACE: DuckDBUnitOfWork(conn, workspace),
        )
    finally:
        conn.close()
        path.unlink()
        path.with_name(path.name + ".wal").unlink(missing_ok=True)
