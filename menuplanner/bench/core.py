"""The bench's frame: a `Figure` (a measured value next to its target), the `Bench` each measure
gets (a scratch folder with a database built on first use), and running and printing them."""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from menuplanner import setup
from menuplanner.ports_store import Store
from menuplanner.store.factory import open_store


@dataclass(frozen=True)
class Figure:
    measure: str
    value: float | None  # in `unit`; None when skipped or failed
    unit: str  # "s" or "ms"
    target: float  # value must be below this
    note: str = ""  # why there is no value, or how it was measured

    @property
    def ok(self) -> bool | None:
        return None if self.value is None else self.value < self.target


@dataclass
class Bench:
    """Scratch space shared by the measures: a database is built once, on first use. With
    `url`, the measures that can run on a server use that PostgreSQL database instead (see
    server.py: it is the bench's own, rebuilt before and after)."""

    workdir: Path
    progress: Callable[[str], None] = lambda message: None
    url: str | None = None
    # results measured once and read by several figures (the per-page reruns)
    shared: dict[str, object] = field(default_factory=dict, init=False)
    _db: Path | None = field(default=None, init=False)
    _server_store: Store | None = field(default=None, init=False)

    @property
    def db_path(self) -> Path:
        if self._db is None:
            self._db = self.workdir / "bench.duckdb"
            setup.build_database(self._db)
        return self._db

    def store(self) -> Store:
        """The bench database's store, to read from."""
        return self.server_store() if self.url else open_store(self.db_path, build=False)

    def server_store(self) -> Store:
        if self._server_store is None:
            self._server_store = open_store(url=self.url)
        return self._server_store

    def close(self) -> None:
        if self._server_store is not None:
            self._server_store.close()
            self._server_store = None

    def scratch_store(self, name: str) -> Store:
        """A store of its own for one measure: a copy of the bench database, made once (on a
        server: the bench's database itself)."""
        if self.url:
            return self.server_store()
        path = self.workdir / f"{name}.duckdb"
        if not path.exists():
            shutil.copy(self.db_path, path)
        return open_store(path, build=False)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def run(
    measures: list[Callable[[Bench], Figure]],
    progress: Callable[[str], None] = lambda message: None,
) -> list[Figure]:
    workdir = Path(tempfile.mkdtemp(prefix="menuplanner-bench-"))
    try:
        bench = Bench(workdir, progress)
        return [measure(bench) for measure in measures]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def table(figures: list[Figure]) -> str:
    rows = [("measure", "result", "target", "ok", "note")]
    for f in figures:
        digits = 2 if f.unit == "s" else 1
        result = "-" if f.value is None else f"{f.value:.{digits}f} {f.unit}"
        ok = {True: "yes", False: "NO", None: "-"}[f.ok]
        rows.append((f.measure, result, f"< {f.target:g} {f.unit}", ok, f.note))
    return aligned(rows)


def aligned(rows: list[tuple[str, ...]]) -> str:
    """Rows as a plain-text table, the first as its header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
