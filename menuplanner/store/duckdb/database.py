"""The database file: where it lives, building it from the bundled data, opening it safely,
sharing it between programs, and backing it up.

A first build writes to a temporary file that replaces the target only when complete, so an
interrupted build never leaves half a database behind. Opening checks that the file is a
DuckDB database built by us and complete; each failure is one sentence saying what to do.

Sharing: DuckDB lets one process at a time open a file read-write (and none read-only while it
does). So no program keeps the file open between actions: the dashboard opens it for one script
run, a notebook for one call, the command line for one command, and each releases it after
(`Database`; the dashboard keeps it a quarter second longer unless someone is waiting). When
another program holds it, `connect` tries again with a short backoff for up to `WAIT_SECONDS`,
leaving a note so that the holder lets go and others let it in first, before saying the
database is busy. Every unit of work happens inside one opening, so one program's
read-modify-write cannot interleave with another's (no lost update), and the next opening sees
everything committed before it.

Backups are consistent copies checked against the original; a restore checks the backup first
and swaps the file while holding DuckDB's lock itself.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import random
import re
import shutil
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import duckdb

from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import LOCAL_WORKSPACE, FoodCatalog, UnitOfWork
from menuplanner.sr26 import files
from menuplanner.sr26.errors import Problem
from menuplanner.store.duckdb import upgrade
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.schema import (
    ALL_TABLES,
    SCHEMA_VERSION,
    SR26_DATASET_ID,
    USER_DATA_TABLES,
)
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

ENV_VAR = "MENUPLANNER_DB"
DEFAULT_PATH = files.BUNDLED_DIR.parent / "menuplanner.duckdb"
FIX = "run `uv run menuplanner init --force` to move it aside and build a fresh one"
NOT_OURS = "is a DuckDB database but not a menuplanner one"

Progress = Callable[[str], None]
Seeder = Callable[[duckdb.DuckDBPyConnection], None]
Waiting = Callable[[], AbstractContextManager]  # entered while waiting for another program

# How long an opening waits for another program to let go of the file, and how often it looks.
WAIT_SECONDS = 10.0
_FIRST_PAUSE, _LONGEST_PAUSE = 0.005, 0.05
# Taking turns: a program refused by the lock leaves a note beside the file ("<name>.waiting",
# holding its process id). Another program about to open the file lets it go first (for up to
# _MAX_YIELD_S), and one keeping the file open a while longer (Database.linger) closes it at
# once. A note not renewed for _NOTE_FRESH_S is stale: its writer got in, gave up or died.
_NOTE_FRESH_S, _MAX_YIELD_S, _NOTE_POLL_S = 0.5, 1.0, 0.02


class DatabaseError(MenuplannerError):
    pass


class DatabaseBusy(DatabaseError):
    """Another program kept the file open for longer than we wait."""


@dataclass
class BuildReport:
    path: Path
    foods: int
    groups: int
    nutrient_values: int
    portions: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)


def default_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH).expanduser()


def _say(progress: Progress | None, message: str) -> None:
    if progress:
        progress(message)


def build(
    path: Path,
    *,
    data_dir: Path = files.BUNDLED_DIR,
    seed: Seeder | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build a new database file at `path` (which must not exist) from the bundled SR26 data."""
    # Imported here: Pandera (and the pandas it brings) takes seconds to import, and an app
    # start that only opens an existing database must not pay for it.
    from menuplanner.sr26.load import load_sr26
    from menuplanner.store.duckdb import reference

    started = time.perf_counter()
    _say(progress, "Reading and checking the bundled USDA SR26 tables…")
    tables = load_sr26(data_dir)  # raises before anything is written
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)
    _say(progress, f"Writing {tables.foods.height:,} foods to {path.name}…")
    conn = duckdb.connect(str(partial))
    try:
        create_tables(conn)
        conn.execute("BEGIN TRANSACTION")
        reference.write_sr26(conn, tables)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        conn.execute("INSERT INTO meta VALUES ('built_at', ?)", [dt.datetime.now().isoformat()])
        conn.execute("COMMIT")
        if seed:
            _say(progress, "Adding the demo client and menu…")
            seed(conn)
        conn.execute("INSERT INTO meta VALUES ('build_complete', 'true')")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()
    os.replace(partial, path)
    return BuildReport(
        path,
        tables.foods.height,
        tables.groups.height,
        tables.nutrients.height,
        tables.portions.height,
        time.perf_counter() - started,
        tables.warnings,
    )


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for statement in ALL_TABLES:
        conn.execute(statement)


def connect(
    path: Path,
    *,
    read_only: bool = False,
    wait: float = WAIT_SECONDS,
    waiting: Waiting | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open an existing database and check it is complete; raises DatabaseError.

    While another program holds the file (the dashboard during a script run, a notebook during
    a call), tries again with a growing pause for up to `wait` seconds, inside `waiting()` (the
    dashboard's spinner) from the first refusal on; then raises DatabaseBusy.
    Close the connection soon: while it is open no other program can use the file.
    """
    if not path.exists():
        raise DatabaseError(f"There is no database at {path}; run `uv run menuplanner init`.")
    conn = _open(path, read_only, wait, waiting)
    try:
        _check_built(conn, path)
        if upgrade.needed(conn):  # built by an earlier version: see store/duckdb/upgrade.py
            if read_only:  # upgraded through a short read-write opening, then opened again
                conn.close()
                conn = _open(path, False, wait, waiting)
                upgrade.upgrade(conn)
                conn.close()
                conn = _open(path, True, wait, waiting)
            else:
                upgrade.upgrade(conn)
    except duckdb.Error as error:  # a damaged file can fail at its first read
        conn.close()
        raise _explain(path, error) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _open(
    path: Path, read_only: bool, wait: float, waiting: Waiting | None
) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    pause = _FIRST_PAUSE
    _let_a_waiting_program_go_first(path)
    with contextlib.ExitStack() as stack:
        stack.callback(_done_waiting, path)
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only)
            except duckdb.Error as error:
                if not is_lock_conflict(error):
                    raise _explain(path, error) from None
            left = deadline - time.monotonic()
            if left <= 0:
                raise DatabaseBusy(
                    f"The database {path} is in use by another program (the dashboard, a "
                    f"notebook or the command line) and stayed busy for {wait:g} s; try again "
                    "when it has finished."
                )
            _ask_for_a_turn(path)
            if waiting is not None and pause == _FIRST_PAUSE:
                stack.enter_context(waiting())
            # Random pauses keep two waiting programs from retrying in step.
            time.sleep(min(left, pause * random.uniform(0.5, 1.0)))
            pause = min(pause * 2, _LONGEST_PAUSE)


def _waiting_note(path: Path) -> Path:
    return path.with_name(path.name + ".waiting")


def another_program_is_waiting(path: Path) -> bool:
    """Another process was refused the file moments ago and is trying again."""
    note = _waiting_note(path)
    try:
        if time.time() - note.stat().st_mtime > _NOTE_FRESH_S:
            return False
        return note.read_text().strip() != str(os.getpid())
    except (OSError, ValueError):
        return False


def _ask_for_a_turn(path: Path) -> None:
    if another_program_is_waiting(path):
        return  # first come, first served: that one's note stays
    with contextlib.suppress(OSError):  # a read-only folder: no turns, only retries
        _waiting_note(path).write_text(str(os.getpid()))


def _done_waiting(path: Path) -> None:
    note = _waiting_note(path)
    with contextlib.suppress(OSError):
        if note.read_text().strip() == str(os.getpid()):
            note.unlink()


def _let_a_waiting_program_go_first(path: Path) -> None:
    deadline = time.monotonic() + _MAX_YIELD_S
    while another_program_is_waiting(path) and time.monotonic() < deadline:
        time.sleep(_NOTE_POLL_S)


def is_lock_conflict(error: BaseException) -> bool:
    """DuckDB refused the file because another process holds its lock."""
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def _explain(path: Path, error: duckdb.Error) -> DatabaseError:
    text = str(error)
    if "different configuration" in text:  # read-only and read-write in one process
        return DatabaseError(
            f"The database {path} is already open in this program in another mode; close "
            "that connection first."
        )
    if "not a valid DuckDB database" in text or "not a DuckDB" in text or "magic" in text.lower():
        return DatabaseError(f"The file {path} is not a DuckDB database; {FIX}.")
    return DatabaseError(f"The database {path} cannot be opened ({text.splitlines()[0]}); {FIX}.")


def _check_built(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    problem = _layout_problem(conn)
    if problem is not None:
        what = "file" if problem.startswith(NOT_OURS) else "database"
        raise DatabaseError(f"The {what} {path} {problem}; {FIX}.")


def _layout_problem(conn: duckdb.DuckDBPyConnection) -> str | None:
    """What makes an open DuckDB file unusable as our database, as the end of a sentence."""
    try:
        meta = dict(conn.sql("SELECT key, value FROM meta").fetchall())
    except duckdb.CatalogException:  # no `meta` table (damage is another error)
        return NOT_OURS
    if meta.get("build_complete") != "true":
        return "was left incomplete by an interrupted build"
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return (
            f"has layout version {meta.get('schema_version')}, this version of menuplanner "
            f"needs {SCHEMA_VERSION}"
        )
    return None


def open_or_build(
    path: Path | None = None, *, seed: Seeder | None = None, progress: Progress | None = None
) -> duckdb.DuckDBPyConnection:
    """The app's and CLI's entry point: build on first run, then open (never an empty database)."""
    path = path or default_path()
    if not path.exists():
        build(path, seed=seed, progress=progress)
    return connect(path)


def user_row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows a user made (demo rows excluded), per table, and the nutrition datasets they
    imported (a rebuild from the bundled files would lose those too)."""
    counts = {
        table: conn.execute("SELECT count(*) FROM " + table + " WHERE NOT is_demo").fetchone()[0]
        for table in USER_DATA_TABLES  # identifiers from a fixed list
    }
    counts["imported datasets"] = conn.execute(
        "SELECT count(*) FROM datasets WHERE dataset_id <> ?", [SR26_DATASET_ID]
    ).fetchone()[0]
    return counts


def move_aside(path: Path) -> Path:
    """Rename a database (and its WAL) out of the way, keeping it for the user to inspect."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.replaced-{stamp}")
    os.replace(path, target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + ".wal"))
    return target


# ------------------------------------------------------------------------------ shared access


@dataclass(frozen=True)
class Database:
    """A database file that is opened only while it is used, so that the dashboard, notebooks
    and the command line can take turns on it. Each `session`, `unit_of_work` and catalog call
    opens the file (politely: see _open), works, and releases it.

    Opening costs about 15 ms when no connection to the file is open in this process, and its
    first queries then read from a cold cache; while one is open, DuckDB shares that instance
    and opening costs ~0.1 ms. With `linger`, the process keeps one released connection open
    that many seconds after the last release, so a burst of actions (the units of work of one
    dashboard run, a click's callback and the run after it) shares one warm opening; another
    program asking for the file cuts the wait short.
    """

    path: Path
    wait: float = WAIT_SECONDS
    waiting: Waiting | None = None
    linger: float = 0.0

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """A connection the caller must `release` (or close)."""
        return connect(self.path, read_only=read_only, wait=self.wait, waiting=self.waiting)

    def release(self, conn: duckdb.DuckDBPyConnection) -> None:
        """Close `conn`, or keep it open `linger` seconds longer (see the class)."""
        if self.linger <= 0 or another_program_is_waiting(self.path):
            conn.close()
            return
        _Keeper.keep(self.path, conn, self.linger)

    @contextlib.contextmanager
    def session(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """The file, open for the `with` block and released after it."""
        conn = self.connect(read_only)
        try:
            yield conn
        finally:
            self.release(conn)

    def unit_of_work(self, workspace: str = LOCAL_WORKSPACE) -> UnitOfWork:
        """A unit of work that opens the file when its block starts and releases it at the end."""
        return SessionUnitOfWork(self, workspace)

    def catalog(self, workspace: str = LOCAL_WORKSPACE) -> FoodCatalog:
        """A food catalog whose every call opens the file and releases it again."""
        return SessionFoodCatalog(self, workspace)


class _Keeper:
    """At most one lingering connection per file and process, closed by its own thread when
    `linger` has passed since the last release, or as soon as another program waits."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _by_path: ClassVar[dict[str, _Keeper]] = {}

    def __init__(self, path: Path, conn: duckdb.DuckDBPyConnection, linger: float) -> None:
        self.path, self.conn, self.until = path, conn, time.monotonic() + linger

    @classmethod
    def keep(cls, path: Path, conn: duckdb.DuckDBPyConnection, linger: float) -> None:
        with cls._lock:
            keeper = cls._by_path.get(str(path))
            if keeper is not None:  # one is lingering already: it keeps the instance open
                keeper.until = max(keeper.until, time.monotonic() + linger)
            else:
                keeper = cls._by_path[str(path)] = _Keeper(path, conn, linger)
                # Not a daemon: Python waits for it at exit (at most the linger time) instead
                # of freezing it inside DuckDB's close, which aborts the process.
                threading.Thread(target=keeper._linger, daemon=False).start()
                return
        conn.close()

    def _linger(self) -> None:
        while True:
            time.sleep(_NOTE_POLL_S)
            with self._lock:
                if self._by_path.get(str(self.path)) is not self:  # closed by close_all
                    return
                if time.monotonic() >= self.until or another_program_is_waiting(self.path):
                    del self._by_path[str(self.path)]
                    break
        self.conn.close()

    @classmethod
    def close_all(cls) -> None:
        """At exit: close lingering connections, so the file is checkpointed (no WAL left)."""
        with cls._lock:
            keepers, cls._by_path = list(cls._by_path.values()), {}
        for keeper in keepers:
            with contextlib.suppress(duckdb.Error):
                keeper.conn.close()


atexit.register(_Keeper.close_all)


class SessionUnitOfWork(UnitOfWork):
    """DuckDBUnitOfWork on a connection of its own, open only inside the `with` block."""

    def __init__(self, database: Database, workspace: str = LOCAL_WORKSPACE) -> None:
        super().__init__(workspace)
        self._database = database
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._inner: DuckDBUnitOfWork | None = None

    def _begin(self) -> None:
        if self._inner is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        conn = self._database.connect()
        inner = DuckDBUnitOfWork(conn, self.workspace)
        try:
            inner.__enter__()
        except BaseException:
            conn.close()
            raise
        self._conn, self._inner = conn, inner
        self.foods, self.clients = inner.foods, inner.clients
        self.recipes, self.menus = inner.recipes, inner.menus

    def __exit__(self, *exc_info: object) -> None:
        inner, conn = self._inner, self._conn
        self._inner = self._conn = None
        try:
            if inner is not None:
                inner.__exit__(*exc_info)
        finally:
            if conn is not None:
                self._database.release(conn)

    def commit(self) -> None:
        if self._inner is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        self._inner.commit()

    def rollback(self) -> None:
        if self._inner is not None:
            self._inner.rollback()


class SessionFoodCatalog(FoodCatalog):
    """DuckDBFoodCatalog whose every call has the file open only for that call."""

    def __init__(self, database: Database, workspace: str = LOCAL_WORKSPACE) -> None:
        self._database = database
        self._workspace = workspace

    def _call(self, method: str, *args, **kwargs):
        with self._database.session() as conn:
            return getattr(DuckDBFoodCatalog(conn, self._workspace), method)(*args, **kwargs)

    def search(self, query, group_code=None, limit=25, offset=0):
        return self._call("search", query, group_code, limit, offset)

    def get(self, food_id):
        return self._call("get", food_id)

    def get_many(self, food_ids):
        return self._call("get_many", food_ids)

    def groups(self):
        return self._call("groups")

    def count(self):
        return self._call("count")

    def nutrients_per_100g(self, food_ids):
        return self._call("nutrients_per_100g", food_ids)

    def tag_overrides(self, food_ids=None):
        return self._call("tag_overrides", food_ids)

    def set_tag_override(self, food_id, tags):
        # Its own transaction: a correction made outside a unit of work is committed at once.
        with self._database.session() as conn:
            conn.execute("BEGIN TRANSACTION")
            try:
                DuckDBFoodCatalog(conn, self._workspace).set_tag_override(food_id, tags)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


# ---------------------------------------------------------------------------- backup, restore

BACKUP_SUFFIX = ".duckdb"


@dataclass(frozen=True)
class Fingerprint:
    """Row count and content hash of every table, and the id sequence: two databases with the
    same fingerprint hold the same rows. Computing it reads every stored value, so DuckDB checks
    every used block's checksum on the way."""

    tables: dict[str, tuple[int, int | None]]
    sequences: dict[str, int | None]

    def rows(self, table: str) -> int:
        return self.tables.get(table, (0, None))[0]


def fingerprint(conn: duckdb.DuckDBPyConnection) -> Fingerprint:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "ORDER BY table_name"
        ).fetchall()
    ]
    tables = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        count, digest = conn.execute(
            f"SELECT count(*), bit_xor(hash(t)) FROM {quoted} t"
        ).fetchone()
        tables[name] = (count, digest)
    sequences = dict(
        conn.execute(
            "SELECT sequence_name, last_value FROM duckdb_sequences() "
            "WHERE database_name = current_database()"
        ).fetchall()
    )
    return Fingerprint(tables, sequences)


@dataclass(frozen=True)
class BackupReport:
    source: Path
    backup: Path
    fingerprint: Fingerprint
    removed: list[Path] = field(default_factory=list)  # older backups pruned by `keep`


def backup_name(path: Path, when: dt.datetime | None = None) -> str:
    """`menuplanner-backup-20261127-104501.duckdb` for `menuplanner.duckdb`."""
    return f"{path.stem}-backup-{(when or dt.datetime.now()):%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def backup(
    path: Path, to: Path | None = None, *, keep: int | None = None, wait: float = WAIT_SECONDS
) -> BackupReport:
    """A consistent copy of the database at `path`.

    `to` is a folder (the copy gets a dated name, see backup_name) or a file ending in .duckdb;
    by default the folder of the database. The file is held open while it is checkpointed and
    copied, so no other program changes it half-way; the copy is checked (same fingerprint as
    the original) before it takes its final name. With `keep`, only the newest `keep` dated
    backups of this database stay in that folder (files of other names are left alone). A
    folder that cannot be written (read-only, full, missing) is one DatabaseError sentence.
    """
    if keep is not None and keep < 1:
        raise DatabaseError("Keep at least 1 backup.")
    target = _backup_target(path, to)
    if target.exists():
        raise DatabaseError(f"There is already a file at {target}; choose another name.")
    partial = target.with_name(target.name + ".partial")
    with Database(path, wait).session() as conn:
        conn.execute("CHECKPOINT")  # everything committed is now in the main file
        expected = fingerprint(conn)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy(path, partial)
        except OSError as error:
            with contextlib.suppress(OSError):  # the folder may not be one
                partial.unlink(missing_ok=True)
            raise DatabaseError(
                f"The backup cannot be written to {target.parent} ({error.strerror or error}); "
                "nothing was kept."
            ) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    try:
        found = check_backup(partial)
        if found != expected:
            raise DatabaseError(f"The copy of {path} came out different; nothing was kept.")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    removed = _prune(path, target.parent, keep) if keep is not None else []
    return BackupReport(path, target, expected, removed)


def _backup_target(path: Path, to: Path | None) -> Path:
    if to is not None and to.suffix == BACKUP_SUFFIX and not to.is_dir():
        return to
    if to is not None and to.exists() and not to.is_dir():
        raise DatabaseError(
            f"{to} is a file; give a folder, or a file name ending in {BACKUP_SUFFIX}."
        )
    folder = path.parent if to is None else to
    stem = backup_name(path).removesuffix(BACKUP_SUFFIX)
    target, number = folder / (stem + BACKUP_SUFFIX), 2
    while target.exists():  # two backups within one second
        target, number = folder / f"{stem}-{number}{BACKUP_SUFFIX}", number + 1
    return target


def _copy(source: Path, target: Path) -> None:
    with source.open("rb") as reading, target.open("wb") as writing:
        shutil.copyfileobj(reading, writing, 1 << 20)
        writing.flush()
        os.fsync(writing.fileno())


def _prune(path: Path, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups named as backup_name names them, newest by the
    date in the name (a file's time changes when it is copied)."""
    named = re.compile(
        re.escape(path.stem) + r"-backup-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(BACKUP_SUFFIX)
    )
    dated = []
    for candidate in folder.iterdir():
        found = named.fullmatch(candidate.name)
        if found and candidate.is_file():
            dated.append(((found[1], int(found[2] or 1)), candidate))
    removed = [file for _, file in sorted(dated, reverse=True)[keep:]]
    for old in removed:
        old.unlink()
    return removed


def check_backup(path: Path) -> Fingerprint:
    """Refuse (DatabaseError, one sentence) a file that is not a complete menuplanner database
    of this version, or that has damaged blocks; its fingerprint otherwise."""
    if not path.is_file():
        raise DatabaseError(f"There is no backup file at {path}.")
    unusable = f"The file {path} is not a usable backup"
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise DatabaseError(f"{unusable}: {_damage(error)}; nothing was changed.") from None
    try:
        problem = _layout_problem(conn)
        if problem is not None:
            raise DatabaseError(f"{unusable}: it {problem}; nothing was changed.")
        return fingerprint(conn)
    except duckdb.Error as error:
        raise DatabaseError(f"{unusable}: {_damage(error)}; nothing was changed.") from None
    finally:
        conn.close()


def _damage(error: duckdb.Error) -> str:
    """Why DuckDB could not read a file, in words."""
    text = str(error)
    if "not a valid DuckDB database" in text:
        return "it is not a DuckDB database"
    if "checksum" in text or "Corrupt" in text:
        return "it is damaged (a stored block fails its checksum)"
    if "Could not read enough bytes" in text:
        return "it is cut short (the file is incomplete)"
    return f"it cannot be read ({_first_line(error)})"


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0].rstrip(".")


@dataclass(frozen=True)
class RestoreReport:
    path: Path
    backup: Path
    fingerprint: Fingerprint
    previous: Path | None  # the database as it was before, kept next to it


def restore(backup_path: Path, path: Path, *, wait: float = WAIT_SECONDS) -> RestoreReport:
    """Replace the database at `path` with the backup, exactly; the replaced file is kept next
    to it (as `<name>.replaced-<date>-<time>`).

    The backup is checked first (check_backup) and nothing changes when it fails. The switch
    waits until no program has the database open and fences it meanwhile, so a dashboard or
    notebook that opens it next gets the restored database, never the old one half-way.
    """
    expected = check_backup(backup_path)
    staging = path.with_name(path.name + ".restoring")
    try:
        _copy(backup_path, staging)
        if check_backup(staging) != expected:
            raise DatabaseError(
                f"The copy of {backup_path} came out different; nothing was changed."
            )
        with _fenced(path, wait):
            previous = _keep_previous(path)
            os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    return RestoreReport(path, backup_path, expected, previous)


def _keep_previous(path: Path) -> Path | None:
    """Keep the current file under a dated name without ever leaving `path` missing (a program
    opening it meanwhile must not find nothing): a hard link, or a copy where links fail.

    A WAL left by a crash belongs to the old file, not to the restored one: it goes with the
    kept copy, which is then a copy of its own, never a link. Should this process die before
    the swap, `path` is used again without that WAL; a link would let that use change the kept
    file under its WAL, and DuckDB would refuse to open it (the commits in the WAL lost)."""
    if not path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    previous = path.with_name(f"{path.name}.replaced-{stamp}")
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.copy2(path, previous)
        os.replace(wal, previous.with_name(previous.name + ".wal"))
        return previous
    try:
        os.link(path, previous)
    except OSError:
        shutil.copy2(path, previous)
    return previous


@contextlib.contextmanager
def _fenced(path: Path, wait: float) -> Iterator[None]:
    """Hold the file's lock ourselves (the lock DuckDB takes) while it is swapped: wait until no
    program has it open, and keep others out until the new file is in place. A program trying
    meanwhile is refused as by any other user of the file, and tries again."""
    if not path.exists():
        yield
        return
    fd = os.open(path, os.O_RDWR)
    try:
        deadline, pause = time.monotonic() + wait, _FIRST_PAUSE
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"The database {path} is in use by another program and stayed busy for "
                    f"{wait:g} s; nothing was changed. Try again when it has finished."
                )
            _ask_for_a_turn(path)
            time.sleep(pause * random.uniform(0.5, 1.0))
            pause = min(pause * 2, _LONGEST_PAUSE)
        _done_waiting(path)
        yield
        # A program that opened the old file just before the swap is refused by this lock and
        # opens the path again; hold it a moment longer so that such a late try still sees it.
        time.sleep(0.05)
    finally:
        _done_waiting(path)
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """A write lock on the whole file, without waiting. Linux's open-file-description lock
    (it conflicts with DuckDB's locks even in this process); plain POSIX lockf elsewhere."""
    import fcntl  # POSIX only: Linux and macOS

    try:
        if hasattr(fcntl, "F_OFD_SETLK"):
            # struct flock: l_type, l_whence (short); l_start, l_len (off_t); l_pid (int)
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0))
        else:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
