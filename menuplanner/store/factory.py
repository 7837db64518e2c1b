"""Which store the entry points use: the one place that chooses and builds it.

`open_store()` is the DuckDB file at `path` (default: $MENUPLANNER_DB, else
data/menuplanner.duckdb), built from the bundled data on first use unless `build=False` (then a
missing file is an error at the first session: a mistyped --db path should not quietly become a
new database).
"""

from __future__ import annotations

from pathlib import Path

from menuplanner.ports_store import Store
from menuplanner.store.duckdb.database import (
    WAIT_SECONDS,
    Database,
    Progress,
    Waiting,
    default_path,
)
from menuplanner.store.duckdb.store import DuckDBStore


def open_store(
    path: Path | None = None,
    *,
    build: bool = True,
    progress: Progress | None = None,
    wait: float = WAIT_SECONDS,
    waiting: Waiting | None = None,
    linger: float = 0.0,
) -> Store:
    from menuplanner import setup  # the demo data and the bundled files: only when building

    path = Path(path).expanduser() if path is not None else default_path()
    if build and not path.exists():
        setup.build_database(path, progress=progress)
    return DuckDBStore(Database(path, wait, waiting, linger))
