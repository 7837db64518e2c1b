"""The dashboard and a notebook on one database file, in two real processes.

DuckDB lets one process at a time hold a file. The app opens it for one script run and the
workbench for one call, each waiting (with backoff) while the other holds it; these tests run
both at once and check what a user would notice: no error, no lost update, and each side seeing
the other's writes within seconds.

Run as a script, this file is one of the two sides (`app` or `notebook`), printing one JSON line
per event; the tests start those processes.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from menuplanner import workbench
from menuplanner.domain.clients import Client, Sex
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.store import DuckDBStore

PROJECT_DIR = Path(__file__).resolve().parents[2]
BANANA, APPLE = 9040, 9003
A_DAY, B_DAY = 0, 1  # the app adds to the demo week's first day, the notebook to its second
APP_ACTIONS = 8  # bananas the app adds
NOTEBOOK_ACTIONS = 12  # alternately a client and an apple
NOTEBOOK_CLIENTS = (NOTEBOOK_ACTIONS + 1) // 2
GIVE_UP_S = 90.0  # a side stops looking for the other's writes after this (a hang, not speed)
HOLDER = (
    "import duckdb, sys, time\n"
    "conn = duckdb.connect(sys.argv[1])\n"
    "print('holding', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "conn.close()\n"
)


# ------------------------------------------------------------------------------- the two sides


def emit(kind: str, **fields) -> None:
    print(json.dumps({"t": time.time(), "kind": kind, **fields}), flush=True)


def ready_then_wait_for_go() -> None:
    """Starting up (imports, the app's first run) takes seconds; both sides begin together."""
    emit("ready")
    go = Path(os.environ["GO_FILE"])
    while not go.exists():
        time.sleep(0.01)


def app_side() -> None:
    """The dashboard: the real app.py (its database access included) in Streamlit's AppTest,
    adding a banana to Monday's breakfast in the menu builder, as fast as a hurried user, then
    redrawing until it shows every client the notebook made."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=60)
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"  # only the open tab is drawn
    app.run()
    app.text_input(key="builder_add_query").input("bananas raw").run()
    ready_then_wait_for_go()
    added, clients, give_up = 0, 0, time.monotonic() + GIVE_UP_S
    while (added < APP_ACTIONS or clients < NOTEBOOK_CLIENTS) and time.monotonic() < give_up:
        adding, started = added < APP_ACTIONS, time.time()
        if adding:
            app.button(key="builder_add_food_go").click().run()
        else:
            app.run()
        problems = [e.message for e in app.exception] + [e.value for e in app.error]
        if problems:
            emit("error", problems=problems)
            raise SystemExit(1)
        refused = [w.value for w in app.warning if "Someone else changed this menu" in w.value]
        if adding and refused:  # the notebook's apple made this screen stale: click again
            emit("refused")
        elif adding:
            added += 1
            emit("added", started=started)
        options = app.selectbox(key="current_client_id").options
        clients = sum("Notebook client" in c for c in options)
        emit("seen", clients=clients)
        time.sleep(random.uniform(0.05, 0.2))


def notebook_side(menu_id: int, bananas_at_end: int) -> None:
    """A notebook: workbench calls that write (a client, an apple on Tuesday: the same menu the
    app is changing) and read (the menu's items), with a cell's pause between them, then reading
    until it sees every banana the app added."""
    wb = workbench.open()
    ready_then_wait_for_go()
    number, bananas, give_up = 0, 0, time.monotonic() + GIVE_UP_S
    while (number < NOTEBOOK_ACTIONS or bananas < bananas_at_end) and time.monotonic() < give_up:
        if number < NOTEBOOK_ACTIONS:
            number, started = number + 1, time.time()
            if number % 2:
                wb.save_client(Client(f"Notebook client {number}", Sex.FEMALE))
                emit("added", what="client", started=started)
            else:
                wb.add_food(menu_id, B_DAY, "Lunch", APPLE, 100, "g")
                emit("added", what="apple", started=started)
        items = wb.menu_report(menu_id).items
        bananas = items.filter((items["day"] == A_DAY) & (items["food_id"] == BANANA)).height
        emit("seen", bananas=bananas)
        time.sleep(random.uniform(0.02, 0.1))


# ---------------------------------------------------------------------------------- helpers


def start(side: str, db: Path, go: Path, *args: object) -> subprocess.Popen:
    env = {
        **os.environ,
        database.ENV_VAR: str(db),
        "PYTHONPATH": str(PROJECT_DIR),
        "GO_FILE": str(go),
    }
    return subprocess.Popen(
        [sys.executable, __file__, side, *map(str, args)],
        cwd=PROJECT_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_ready(process: subprocess.Popen) -> list[str]:
    lines = []
    for line in process.stdout:  # blocks until the side says it is ready (or ends)
        lines.append(line)
        if '"ready"' in line:
            return lines
    _, err = process.communicate(timeout=30)
    pytest.fail(f"a side ended before it was ready (exit {process.returncode}):\n{err[-3000:]}")


def events(process: subprocess.Popen, before: list[str], timeout: float) -> tuple[list[dict], str]:
    out, err = process.communicate(timeout=timeout)
    out = "".join(before) + out
    assert process.returncode == 0, f"exit {process.returncode}\n{out[-3000:]}\n{err[-3000:]}"
    found = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [e for e in found if e["kind"] != "ready"], err


def hold(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the file read-write, as an app in a script run does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "holding"
    return holder


def count(db: Path, sql: str, params: list) -> int:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def items_of(db: Path, menu_id: int, day: int, food_id: int) -> int:
    return count(
        db,
        "SELECT count(*) FROM menu_items WHERE menu_id = ? AND day = ? AND "
        "ref_id = ? AND kind = 'food'",
        [menu_id, day, food_id],
    )


def first_seen(observations: list[tuple[float, int]], at_least: int, after: float) -> float | None:
    return next((t for t, n in observations if n >= at_least and t >= after), None)


# ------------------------------------------------------------------------------------ tests


@pytest.mark.slow
def test_the_app_and_a_notebook_write_and_read_at_the_same_time(
    database_copy: Path, tmp_path: Path
):
    menu_id = count(database_copy, "SELECT min(menu_id) FROM menus", [])
    bananas_before = items_of(database_copy, menu_id, A_DAY, BANANA)
    apples_before = items_of(database_copy, menu_id, B_DAY, APPLE)

    go = tmp_path / "go"
    app = start("app", database_copy, go)
    notebook = start("notebook", database_copy, go, menu_id, bananas_before + APP_ACTIONS)
    app_start, nb_start = wait_until_ready(app), wait_until_ready(notebook)
    started = time.time()
    go.touch()
    app_events, app_err = events(app, app_start, timeout=GIVE_UP_S + 120)
    nb_events, nb_err = events(notebook, nb_start, timeout=GIVE_UP_S + 120)
    ended = time.time()

    # Nobody saw an error, least of all DuckDB's "could not set lock".
    assert not [e for e in app_events + nb_events if e["kind"] == "error"]
    for stderr in (app_err, nb_err):
        assert "lock" not in stderr.lower() and "Traceback" not in stderr, stderr[-3000:]

    # Both sides did all their writes in turn.
    # When each write began: the other side may see it before its writer prints that it is done.
    banana_times = [e["started"] for e in app_events if e["kind"] == "added"]
    client_times = [e["started"] for e in nb_events if e.get("what") == "client"]
    apples = sum(e.get("what") == "apple" for e in nb_events)
    assert (len(banana_times), len(client_times), apples) == (
        APP_ACTIONS,
        NOTEBOOK_CLIENTS,
        NOTEBOOK_ACTIONS - NOTEBOOK_CLIENTS,
    )

    # No lost update: both changed the same menu, every write is there.
    assert items_of(database_copy, menu_id, A_DAY, BANANA) == bananas_before + len(banana_times)
    assert items_of(database_copy, menu_id, B_DAY, APPLE) == apples_before + apples
    assert count(
        database_copy, "SELECT count(*) FROM clients WHERE name LIKE 'Notebook client%'", []
    ) == len(client_times)

    # Each side saw every write of the other's (how soon is printed, not asserted).
    seen_by_notebook = [(e["t"], e["bananas"]) for e in nb_events if e["kind"] == "seen"]
    seen_by_app = [(e["t"], e["clients"]) for e in app_events if e["kind"] == "seen"]
    checks = [(seen_by_notebook, bananas_before + k + 1, t) for k, t in enumerate(banana_times)]
    checks += [(seen_by_app, k + 1, t) for k, t in enumerate(client_times)]
    delays = []
    for observations, wanted, written in checks:
        seen = first_seen(observations, wanted, written)
        assert seen is not None, f"write at +{written - started:.1f} s never seen"
        delays.append(seen - written)
    refusals = sum(e["kind"] == "refused" for e in app_events)
    print(
        f"\napp and notebook: {len(checks)} writes each seen by the other side after "
        f"{min(delays):.2f}–{max(delays):.2f} s; the app's screen was stale {refusals} times "
        f"(refused, then added on the current menu); run {ended - started:.1f} s"
    )


def test_a_notebook_call_waits_while_the_app_holds_the_file(database_copy: Path):
    holder = hold(database_copy, 1.0)
    try:
        started = time.monotonic()
        names = workbench.open(database_copy).clients()["name"].to_list()
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert names == ["Maya Jensen (demo)", "Nora Lind (demo)"]
    assert 0.5 < waited < 5


def test_a_database_busy_for_longer_than_the_wait_is_one_sentence(database_copy: Path):
    holder = hold(database_copy, 5.0)
    try:
        wb = workbench.Workbench(DuckDBStore(database.Database(database_copy, wait=0.5)))
        with pytest.raises(database.DatabaseBusy) as raised:
            wb.menus()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    message = str(raised.value)
    assert "is in use by another program" in message and "stayed busy for 0.5 s" in message
    assert "lock" not in message.lower()


def test_the_app_waits_for_a_notebook_instead_of_showing_an_error(
    database_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv(database.ENV_VAR, str(database_copy))
    app = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=60)
    app.switch_page("pages/menu_builder.py")
    holder = hold(database_copy, 1.5)
    try:
        started = time.monotonic()
        app.run()
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert not app.exception and not app.error
    assert app.title[0].value == "Menu builder"
    assert waited > 1.0


def test_backup_and_restore_wait_for_the_other_process(database_copy: Path, tmp_path: Path):
    holder = hold(database_copy, 1.0)
    try:
        made = database.backup(database_copy, tmp_path / "backup.duckdb")
    finally:
        holder.wait(timeout=30)
    workbench.open(database_copy).save_client(Client("Added after the backup", Sex.MALE))
    holder = hold(database_copy, 1.0)
    try:
        restored = database.restore(made.backup, database_copy)
    finally:
        holder.wait(timeout=30)
    assert restored.fingerprint == made.fingerprint
    names = workbench.open(database_copy).clients()["name"].to_list()
    assert names == ["Maya Jensen (demo)", "Nora Lind (demo)"]


if __name__ == "__main__":
    side, *rest = sys.argv[1:]
    if side == "app":
        app_side()
    else:
        notebook_side(int(rest[0]), int(rest[1]))
