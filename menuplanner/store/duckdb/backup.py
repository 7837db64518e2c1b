"""Backups are consistent copies checked against the original; a restore checks the backup
first and swaps the file while holding DuckDB's lock itself."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import re
import shutil
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from menuplanner.store.duckdb.opening import (
    FIRST_PAUSE,
    LONGEST_PAUSE,
    WAIT_SECONDS,
    DatabaseBusy,
    DatabaseError,
    ask_for_a_turn,
    done_waiting,
    layout_problem,
)
from menuplanner.store.duckdb.sharing import Database

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
        problem = layout_problem(conn)
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
        deadline, pause = time.monotonic() + wait, FIRST_PAUSE
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"The database {path} is in use by another program and stayed busy for "
                    f"{wait:g} s; nothing was changed. Try again when it has finished."
                )
            ask_for_a_turn(path)
            time.sleep(pause * random.uniform(0.5, 1.0))
            pause = min(pause * 2, LONGEST_PAUSE)
        done_waiting(path)
        yield
        # A program that opened the old file just before the swap is refused by this lock and
        # opens the path again; hold it a moment longer so that such a late try still sees it.
        time.sleep(0.05)
    finally:
        done_waiting(path)
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
