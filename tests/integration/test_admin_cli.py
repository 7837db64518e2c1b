"""`menuplanner recalc`, `clients list`, `menus list`, `backup` and `restore`, run through the
installed entry point on real database files, as a script would: exit codes, one-line errors on
stderr, clean stdout for --json."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.services import clients as client_service
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb import database

ENTRY_POINT = Path(sys.executable).with_name("menuplanner")
DEMO_CLIENT = "Maya Jensen (demo)"
VEGAN_CLIENT = "Nora Lind (demo)"


def menuplanner(
    *args: str | Path, cwd: Path | None = None, max_file_bytes: int | None = None
) -> subprocess.CompletedProcess:
    """Run the command as cron would: no terminal, nothing on stdin. `max_file_bytes` caps the
    size of files it may write (RLIMIT_FSIZE), as a full disk would."""
    env = {k: v for k, v in os.environ.items() if k != database.ENV_VAR}

    def cap_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run(
        [ENTRY_POINT, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
        check=False,
        preexec_fn=cap_file_size if max_file_bytes is not None else None,
    )


def assert_fails(done: subprocess.CompletedProcess, *fragments: str) -> str:
    """Exit code 1, nothing on stdout, one `Error: ...` sentence last on stderr, no traceback."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ") and lines[-1].endswith("."), done.stderr
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in lines[-1], lines[-1]
    return lines[-1]


def fingerprint(path: Path) -> database.Fingerprint:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return database.fingerprint(conn)
    finally:
        conn.close()


def add_client(path: Path, name: str) -> int:
    return client_service.save_client(
        database.Database(path).unit_of_work(),
        Client(name, Sex.MALE, birth_year=1980, height_cm=180.0, weight_kg=80.0),
    )


# ------------------------------------------------------------------------------------- lists


def test_clients_list_prints_a_table_with_targets_and_menus(database_copy: Path):
    done = menuplanner("clients", "list", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    header, row, vegan, total = done.stdout.strip().splitlines()
    assert header.split() == ["id", "name", "age", "daily", "targets", "menus"]
    assert DEMO_CLIENT in row and "kcal, P" in row and row.endswith("1")
    assert VEGAN_CLIENT in vegan
    assert total == "2 clients."


def test_clients_list_json_gives_every_client_with_its_targets(database_copy: Path):
    add_client(database_copy, "Tom Berg")
    done = menuplanner("clients", "list", "--json", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    clients = json.loads(done.stdout)["clients"]
    assert [c["name"] for c in clients] == [DEMO_CLIENT, VEGAN_CLIENT, "Tom Berg"]
    assert clients[2]["menus"] == 0 and clients[2]["energy_kcal"] > 1500
    assert clients[0]["allergies"] == ["peanuts"]


def test_menus_list_for_one_client_by_name_or_id(database_copy: Path):
    tom = add_client(database_copy, "Tom Berg")
    menu_service.create_menu(
        database.Database(database_copy).unit_of_work(), tom, "Cut week", dt.date(2026, 1, 5)
    )
    everyone = json.loads(menuplanner("menus", "list", "--json", "--db", database_copy).stdout)
    assert {m["menu"] for m in everyone["menus"]} == {"Demo week", "Vegan week", "Cut week"}
    for who in ("tom berg", str(tom)):
        done = menuplanner("menus", "list", "--client", who, "--json", "--db", database_copy)
        assert done.returncode == 0, done.stderr
        [menu] = json.loads(done.stdout)["menus"]
        assert (menu["menu"], menu["first_day"], menu["items"]) == ("Cut week", "2026-01-05", 0)
    table = menuplanner("menus", "list", "--client", DEMO_CLIENT, "--db", database_copy).stdout
    assert "Demo week" in table and "7 of 7" in table and "Cut week" not in table


def test_an_unknown_client_is_refused_with_the_names_there_are(database_copy: Path):
    done = menuplanner("menus", "list", "--client", "Bob", "--db", database_copy)
    assert_fails(done, "There is no client named 'Bob'", DEMO_CLIENT)


def test_a_database_path_that_does_not_exist_is_refused_not_created(tmp_path: Path):
    missing = tmp_path / "typo" / "menuplanner.duckdb"
    assert_fails(menuplanner("clients", "list", "--db", missing), "There is no database at")
    assert not missing.parent.exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path):
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database")
    assert_fails(menuplanner("menus", "list", "--db", text), "is not a DuckDB database")


def test_a_wrong_option_is_a_usage_error_with_exit_code_2(database_copy: Path):
    done = menuplanner("menus", "list", "--colour", "red", "--db", database_copy)
    assert done.returncode == 2
    assert "--colour" in done.stderr


# ------------------------------------------------------------------------------------ recalc


def _household_item(path: Path) -> tuple[int, int, str, float]:
    """A demo menu item measured in a household unit: (item_id, food_id, unit, grams)."""
    conn = duckdb.connect(str(path))
    try:
        return conn.execute(
            "SELECT item_id, ref_id, unit, grams FROM menu_items WHERE kind = 'food' "
            "AND unit NOT IN ('g', 'oz', 'kg', 'mg', 'lb') ORDER BY item_id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()


def _scale_measure(path: Path, food_id: int, unit: str, factor: float) -> None:
    """What an import that re-weighed a household measure does to the foods' data."""
    conn = duckdb.connect(str(path))
    try:
        conn.execute(
            "UPDATE portions SET gram_weight = gram_weight * ? WHERE food_id = ? "
            "AND description = ?",
            [factor, food_id, unit],
        )
    finally:
        conn.close()


def _grams(path: Path, item_id: int) -> float:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        row = conn.execute("SELECT grams FROM menu_items WHERE item_id = ?", [item_id]).fetchone()
        return row[0]
    finally:
        conn.close()


def test_recalc_updates_grams_after_a_household_measure_changed(database_copy: Path):
    item_id, food_id, unit, grams = _household_item(database_copy)
    _scale_measure(database_copy, food_id, unit, 2.0)

    dry = menuplanner("recalc", "--dry-run", "--db", database_copy)
    assert dry.returncode == 0, dry.stderr
    assert "would change" in dry.stdout
    assert _grams(database_copy, item_id) == pytest.approx(grams)

    done = menuplanner("recalc", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Checked ") and ": changed " in done.stdout
    assert _grams(database_copy, item_id) == pytest.approx(2 * grams)
    again = menuplanner("recalc", "--db", database_copy)
    assert again.stdout.strip().endswith("changed 0 and 0.")


def test_recalc_on_an_unchanged_database_changes_nothing(database_copy: Path):
    before = fingerprint(database_copy)
    done = menuplanner("recalc", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("changed 0 and 0.")
    assert fingerprint(database_copy) == before


# ---------------------------------------------------------------------------- backup, restore


def test_backup_then_change_then_restore_returns_the_exact_previous_state(
    database_copy: Path, tmp_path: Path
):
    before = fingerprint(database_copy)
    made = menuplanner("backup", "--to", tmp_path / "backups", "--db", database_copy)
    assert made.returncode == 0, made.stderr
    [backup] = (tmp_path / "backups").glob("menuplanner-backup-*.duckdb")
    assert str(backup.name) in made.stdout and "2 clients, 2 menus, 22 recipes" in made.stdout

    add_client(database_copy, "Tom Berg")
    listed = menuplanner("menus", "list", "--json", "--db", database_copy).stdout
    menu_id = json.loads(listed)["menus"][0]["menu_id"]
    menu_service.add_food(
        database.Database(database_copy).unit_of_work(), menu_id, 0, "Breakfast", 9040, 118, "g"
    )
    changed = fingerprint(database_copy)
    assert changed != before and changed.rows("clients") == 3

    done = menuplanner("restore", backup, "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert fingerprint(database_copy) == before  # every row of every table, and the id sequence
    [kept] = tmp_path.glob("menuplanner.duckdb.replaced-*")
    assert str(kept.name) in done.stdout
    assert fingerprint(kept) == changed  # the replaced state is kept, not lost
    listed = menuplanner("clients", "list", "--json", "--db", database_copy).stdout
    names = [c["name"] for c in json.loads(listed)["clients"]]
    assert names == [DEMO_CLIENT, VEGAN_CLIENT]


def test_backup_keeps_only_the_newest_n(database_copy: Path, tmp_path: Path):
    folder = tmp_path / "backups"
    for _ in range(3):
        done = menuplanner("backup", "--to", folder, "--keep", "2", "--db", database_copy)
        assert done.returncode == 0, done.stderr
    kept = sorted(folder.glob("*.duckdb"))
    assert len(kept) == 2
    assert "Removed the older backup" in done.stdout


def test_backup_keep_n_deletes_only_older_dated_backups_of_this_database(
    database_copy: Path, tmp_path: Path
):
    folder = tmp_path / "backups"
    folder.mkdir()
    dated = [folder / f"menuplanner-backup-2026010{day}-230000.duckdb" for day in (1, 2, 3)]
    dated.append(folder / "menuplanner-backup-20260103-230000-2.duckdb")  # same second
    others = [
        folder / name
        for name in (
            "menuplanner-backup-before-upgrade.duckdb",  # named by hand
            "other-backup-20250101-000000.duckdb",  # another database's
            "menuplanner-backup-20250101-000000.duckdb.partial",  # a backup cut off
            "notes.txt",
        )
    ]
    for file in dated + others:
        shutil.copy(database_copy, file)
    os.utime(dated[0], (2e9, 2e9))  # the oldest by name was copied last: names decide

    done = menuplanner("backup", "--to", folder, "--keep", "3", "--db", database_copy)
    assert done.returncode == 0, done.stderr
    [new] = set(folder.glob(f"menuplanner-backup-{dt.date.today():%Y%m%d}-*.duckdb"))
    assert sorted(folder.iterdir()) == sorted([new, dated[2], dated[3], *others])
    assert done.stdout.splitlines()[1:] == [
        f"Removed the older backup {dated[1]}.",
        f"Removed the older backup {dated[0]}.",
    ]


def test_a_backup_opens_as_a_database_of_its_own(database_copy: Path, tmp_path: Path):
    add_client(database_copy, "Tom Berg")
    target = tmp_path / "copy.duckdb"
    assert menuplanner("backup", "--to", target, "--db", database_copy).returncode == 0
    database.Database(target).connect().close()  # complete, of this version: no error
    listed = menuplanner("clients", "list", "--json", "--db", target)
    assert [c["name"] for c in json.loads(listed.stdout)["clients"]] == [
        DEMO_CLIENT,
        VEGAN_CLIENT,
        "Tom Berg",
    ]
    assert not list(tmp_path.glob("copy.duckdb.*"))  # no WAL, no partial file beside it


def test_a_backup_into_a_folder_that_cannot_be_made_says_so(database_copy: Path, tmp_path: Path):
    (tmp_path / "afile").write_text("")
    before = fingerprint(database_copy)
    done = menuplanner("backup", "--to", tmp_path / "afile" / "backups", "--db", database_copy)
    assert_fails(
        done,
        f"The backup cannot be written to {tmp_path / 'afile' / 'backups'} "
        "(Not a directory); nothing was kept.",
    )
    assert fingerprint(database_copy) == before


def test_a_backup_onto_a_full_disk_says_so_and_leaves_no_partial_file(
    database_copy: Path, tmp_path: Path
):
    folder = tmp_path / "backups"
    before = fingerprint(database_copy)
    done = menuplanner(
        "backup",
        "--to",
        folder,
        "--db",
        database_copy,
        max_file_bytes=database_copy.stat().st_size // 2,
    )
    assert_fails(
        done, f"The backup cannot be written to {folder} (File too large); nothing was kept."
    )
    assert list(folder.iterdir()) == []
    assert fingerprint(database_copy) == before


def test_backup_to_a_file_name_and_refuses_to_overwrite_it(database_copy: Path, tmp_path: Path):
    target = tmp_path / "monday.duckdb"
    assert menuplanner("backup", "--to", target, "--db", database_copy).returncode == 0
    assert fingerprint(target) == fingerprint(database_copy)
    assert_fails(menuplanner("backup", "--to", target, "--db", database_copy), "already a file")


def _damaged_blocks(backup: Path) -> None:
    size = backup.stat().st_size
    with backup.open("r+b") as file:
        for tenth in range(1, 10):
            file.seek(size * tenth // 10)
            file.write(b"\xde\xad\xbe\xef" * 1024)


def _cut_short(backup: Path) -> None:
    os.truncate(backup, backup.stat().st_size // 2)


def _not_duckdb(backup: Path) -> None:
    backup.write_bytes(b"PK\x03\x04 this is a zip file, not a database")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_damaged_blocks, "it is damaged"),
        (_cut_short, "it is cut short"),
        (_not_duckdb, "it is not a DuckDB database"),
    ],
)
def test_a_corrupt_backup_is_refused_and_the_database_is_left_as_it_was(
    database_copy: Path, tmp_path: Path, damage, reason: str
):
    backup = tmp_path / "backup.duckdb"
    assert menuplanner("backup", "--to", backup, "--db", database_copy).returncode == 0
    damage(backup)
    add_client(database_copy, "Tom Berg")
    before = fingerprint(database_copy)

    done = menuplanner("restore", backup, "--db", database_copy)
    assert_fails(done, "is not a usable backup", reason, "nothing was changed")
    assert fingerprint(database_copy) == before
    assert not list(tmp_path.glob("*.replaced-*")) and not list(tmp_path.glob("*.restoring"))


def test_a_duckdb_file_that_is_not_ours_is_refused_as_a_backup(database_copy: Path, tmp_path: Path):
    other = tmp_path / "other.duckdb"
    conn = duckdb.connect(str(other))
    conn.execute("CREATE TABLE t AS SELECT 1 AS x")
    conn.close()
    done = menuplanner("restore", other, "--db", database_copy)
    assert_fails(done, "is not a usable backup", "not a menuplanner one")


def test_restoring_a_backup_that_does_not_exist_says_so(database_copy: Path, tmp_path: Path):
    done = menuplanner("restore", tmp_path / "nowhere.duckdb", "--db", database_copy)
    assert_fails(done, "There is no backup file at")


def test_backing_up_a_database_that_does_not_exist_says_so(tmp_path: Path):
    done = menuplanner("backup", "--db", tmp_path / "none.duckdb")
    assert_fails(done, "There is no database at")
