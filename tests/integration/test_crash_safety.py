"""Crash safety with real processes killed by SIGKILL (no cleanup, no rollback, no atexit):
after each kill the database opens (a `Database` opening and `menuplanner menus list`), and the
operation that was in flight is all there or not there at all.

- A menu save: a child process runs the menu builder's service calls (add, change the amount,
  move, remove, copy a day) on the demo menu in a loop, through `Database(linger=…)` as the
  dashboard does, and is killed at a random moment; then the next one, many times. An identical
  run without kills gives the menu after every save; after a kill the menu must equal the one
  before the save in flight or the one after it.
- An import and a week's generation: `streamlit run app.py` driven by chromium, killed while
  the page shows the import's progress bar or the generator's "n of 7 days done". An import is
  one transaction: the dataset is absent or has every row of the file. The generator saves each
  day as soon as it is planned (the page says so, and its Stop button keeps the days done): the
  operation is the day, so the generated days are the first k days, each with every meal
  filled, and the others are untouched.

Run as a script (`python test_crash_safety.py <db> <menu_id> <log>`) it starts the processes
the menu-save test kills. Figures (trials, outcomes, time to reopen) are printed;
run with `-s` to see them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import textwrap
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from menuplanner.bench import free_port, wait_for_health
from menuplanner.domain.menus import ItemKind
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb import database

PROJECT = Path(__file__).resolve().parents[2]
ENTRY_POINT = Path(sys.executable).with_name("menuplanner")
DEMO_MENU = "Demo week"
LINGER = 0.25  # pages/ui/database.LINGER: the dashboard's way of opening the file
FOODS = (9040, 1211, 20036, 11124, 9003, 1117, 18069, 15076)  # SR26 ids, all weighed in g
SAVE_STEPS = 10_000  # more than the trials get through
SAVE_TRIALS = 24
IMPORT_ROWS = 40_000  # a write of about 1 s (more on a busy machine)
# The progress bar's texts while the import writes, or (when it was quicker than the browser)
# the page saying it is done: the kill comes at the first of them.
IMPORT_IN_FLIGHT = re.compile(r"nutrient values…|household measures…|Tidying up|Saving…")
IMPORT_DONE = re.compile(r"Imported “crash_table”")
STARTUP_TIMEOUT_S = 60
STEP_TIMEOUT_MS = 120_000


# ----------------------------------------------------------------------------- a menu save


def save_step(db: database.Database, menu_id: int, step: int) -> str:
    """One menu-builder action on the menu, chosen from `step` and the menu as it is (the same
    menu gives the same action). Returns its name."""
    with db.unit_of_work() as uow:
        menu = uow.menus.get(menu_id)
    rng = random.Random(step)
    actions = ["amount", "move"]
    actions += ["add", "copy"] if len(menu.items) < 75 else []
    actions += ["remove"] if len(menu.items) > 40 else []
    action = rng.choice(actions)
    item = rng.choice(menu.items)
    day, slot = rng.randrange(menu.days), rng.choice(menu.slots)
    uow = db.unit_of_work()
    if action == "add":
        menu_service.add_food(uow, menu_id, day, slot, rng.choice(FOODS), rng.randint(10, 300), "g")
    elif action == "amount" and item.kind == ItemKind.RECIPE:
        menu_service.change_amount(uow, menu_id, item.item_id, rng.randint(1, 4), "serving")
    elif action == "amount":
        menu_service.change_amount(uow, menu_id, item.item_id, rng.randint(10, 300), "g")
    elif action == "move":
        menu_service.move(uow, menu_id, item.item_id, day, slot)
    elif action == "remove":
        menu_service.remove(uow, menu_id, item.item_id)
    else:
        source = rng.choice([d for d in range(menu.days) if d != day])
        menu_service.copy_day(uow, menu_id, source, day)
    return action


def menu_state(path: Path, menu_id: int) -> tuple:
    """The menu's items as the user sees them (ids left out: they are not the user's)."""
    with database.Database(path).unit_of_work() as uow:
        menu = uow.menus.get(menu_id)
    return tuple(
        (
            i.day,
            i.slot,
            i.position,
            str(i.kind),
            i.ref_id,
            i.quantity,
            i.unit,
            None if i.grams is None else round(i.grams, 6),
            i.label,
            i.locked,
        )
        for i in menu.items
    )


def demo_menu_id(path: Path) -> int:
    with database.Database(path).unit_of_work() as uow:
        return next(m.menu_id for m in uow.menus.list() if m.name == DEMO_MENU)


def serve_saves(path: Path, menu_id: int, log: Path) -> None:
    """The child's parent: imports once, then for each `first last` line on stdin forks a
    process that opens the database, prints `warm` and makes saves `first`..`last`; prints the
    process id, and how it ended. (A fresh Python per kill costs seconds on a busy machine, a
    fork milliseconds.)"""
    for line in sys.stdin:
        first, last = map(int, line.split())
        with warnings.catch_warnings():  # the threads are polars' and jemalloc's, idle here
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: log `begin k` before save k, `done k` once it returned
            db = database.Database(path, linger=LINGER)
            with db.unit_of_work() as uow:  # open the file: the kill is to hit saves, not this
                uow.menus.get(menu_id)
            print("warm", flush=True)
            with log.open("a") as out:
                for step in range(first, last + 1):
                    out.write(f"begin {step}\n")
                    out.flush()
                    save_step(db, menu_id, step)
                    out.write(f"done {step}\n")
                    out.flush()
            os._exit(0)
        print(pid, flush=True)
        print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)


def last_logged(log: Path) -> tuple[str, int]:
    lines = log.read_text().split()
    return (lines[-2], int(lines[-1])) if lines else ("done", 0)


def reopen(path: Path) -> float:
    """Seconds for the first opening after a kill (it replays the WAL the killed one left)."""
    started = time.perf_counter()
    database.Database(path).connect().close()
    return time.perf_counter() - started


def menus_list(path: Path) -> list[dict]:
    done = subprocess.run(
        [ENTRY_POINT, "menus", "list", "--json", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["menus"]


def print_figures(title: str, lines: list[str]) -> None:
    print(f"\n[crash safety] {title}")
    for line in lines:
        print(f"  {line}")


def test_a_menu_save_killed_at_random_moments_is_all_or_nothing(
    database_copy: Path, tmp_path: Path
):
    started = time.perf_counter()
    menu_id = demo_menu_id(database_copy)
    reference = tmp_path / "reference.duckdb"
    shutil.copy(database_copy, reference)
    reference_db = database.Database(reference, linger=LINGER)
    states = [menu_state(reference, menu_id)]

    def state_after(step: int) -> tuple:
        while len(states) <= step:
            save_step(reference_db, menu_id, len(states))
            states.append(menu_state(reference, menu_id))
        return states[step]

    log, rng = tmp_path / "saves.log", random.Random(8)
    outcomes: Counter[str] = Counter()
    reopening, wal_left = [], 0
    done = 0  # saves the database holds
    server = subprocess.Popen(
        [sys.executable, __file__, str(database_copy), str(menu_id), str(log)],
        cwd=PROJECT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(SAVE_TRIALS):
            server.stdin.write(f"{done + 1} {SAVE_STEPS}\n")
            server.stdin.flush()
            said = {server.stdout.readline().strip() for _ in range(2)}  # in either order
            said.remove("warm")
            child = int(said.pop())
            time.sleep(rng.uniform(0.0, 0.3))  # a save takes 30 ms on a quiet machine
            os.kill(child, signal.SIGKILL)
            assert int(server.stdout.readline()) == -signal.SIGKILL, "it ended before the kill"
            wal_left += database_copy.with_name(database_copy.name + ".wal").exists()
            opened = time.perf_counter()
            conn = database.Database(database_copy).connect()
            reopening.append(time.perf_counter() - opened)
            state = menu_state(database_copy, menu_id)  # on the instance `conn` keeps open
            conn.close()
            what, step = last_logged(log)
            if what == "done":
                assert state == state_after(step), f"the menu changed after save {step} returned"
                outcomes["killed between saves"] += 1
            elif state == state_after(step - 1):
                outcomes["killed during a save: not there"] += 1
            else:
                assert state == state_after(step), f"save {step} is there only in part"
                outcomes["killed during a save: all there"] += 1
            done = step if state == state_after(step) else step - 1
    finally:
        server.stdin.close()
        server.wait(timeout=30)

    assert len(set(states)) > done // 2  # the saves change the menu, visibly
    listed = menus_list(database_copy)
    assert DEMO_MENU in [m["menu"] for m in listed]
    assert outcomes["killed during a save: not there"] + outcomes["killed during a save: all there"]
    print_figures(
        "menu saves (child process, SIGKILL at random)",
        [
            f"{SAVE_TRIALS} kills over {done} saves: "
            + ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())),
            f"WAL left by the killed process: {wal_left} of {SAVE_TRIALS} kills",
            f"first opening after a kill: median {statistics.median(reopening) * 1000:.0f} ms, "
            f"longest {max(reopening) * 1000:.0f} ms",
            f"test time {time.perf_counter() - started:.1f} s",
        ],
    )


def test_what_killed_programs_leave_beside_the_file_does_not_block_the_next_opening(
    database_copy: Path,
):
    """A WAL (killed while writing) and a `.waiting` note (killed while waiting its turn)."""
    holder = database.Database(database_copy).connect()  # so the next program has to wait
    waiter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        from pathlib import Path
        from menuplanner.store.duckdb import database
        database.connect(Path({str(database_copy)!r}), wait=60)
    """),
        ],
        cwd=PROJECT,
    )
    note = database_copy.with_name(database_copy.name + ".waiting")
    try:
        while not note.exists() and waiter.poll() is None:
            time.sleep(0.01)
        assert note.read_text() == str(waiter.pid)
    finally:
        waiter.send_signal(signal.SIGKILL)
        waiter.wait(timeout=30)
        holder.close()
    run_killed(f"""
        import os, duckdb
        conn = duckdb.connect({str(database_copy)!r})
        conn.execute("UPDATE menus SET name = 'Renamed before the crash' WHERE name = 'Demo week'")
        os.kill(os.getpid(), 9)
    """)
    assert note.exists() and database_copy.with_name(database_copy.name + ".wal").exists()

    reopened = reopen(database_copy)
    assert "Renamed before the crash" in [m["menu"] for m in menus_list(database_copy)]
    print_figures(
        "files left by killed programs",
        [
            f"first opening beside a WAL and the waiting note of a killed program: "
            f"{reopened * 1000:.0f} ms (a note is obeyed for at most 1 s, and not once 0.5 s old)",
        ],
    )


# ------------------------------------------------------------------- a restore cut off


def run_killed(code: str) -> None:
    """Run Python `code` in a process of its own, which must end by SIGKILL."""
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def test_a_restore_cut_off_before_the_swap_keeps_the_previous_database_whole(
    database_copy: Path, built_database: Path, tmp_path: Path
):
    """A program killed while it held the database leaves its last commits in the WAL; a
    restore killed just before it swaps the files must keep that WAL with the copy it keeps of
    the previous database, and that copy must not change when the database is used again."""
    backup = database.backup(built_database, tmp_path / "backup.duckdb").backup
    run_killed(f"""
        import os, duckdb
        conn = duckdb.connect({str(database_copy)!r})
        conn.execute("UPDATE menus SET name = 'Renamed before the crash' WHERE name = 'Demo week'")
        os.kill(os.getpid(), 9)
    """)
    assert database_copy.with_name(database_copy.name + ".wal").exists()
    run_killed(f"""
        import os
        from pathlib import Path
        from menuplanner.store.duckdb import database
        swap = os.replace
        def die_at_the_swap(source, target):
            if str(source).endswith(".restoring"):
                os.kill(os.getpid(), 9)
            swap(source, target)
        os.replace = die_at_the_swap  # the module every store module uses
        database.restore(Path({str(backup)!r}), Path({str(database_copy)!r}))
    """)
    [previous] = tmp_path.glob("menuplanner.duckdb.replaced-*[0-9]")
    database.Database(database_copy).connect().close()  # the user carries on with the database
    menu_service.create_menu(
        database.Database(database_copy).unit_of_work(), 1, "After", dt.date(2026, 12, 7)
    )

    with database.Database(previous).unit_of_work() as uow:
        assert "Renamed before the crash" in [m.name for m in uow.menus.list()]


# ------------------------------------------------------------ the dashboard, killed mid-action


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    try:
        yield opened
    finally:
        context.close()


class Dashboard:
    """`streamlit run app.py` on one database file, started by the Python that runs the tests
    (not `uv run`, whose process would take the signal instead of the server)."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = path.with_name("streamlit.log")
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT,
                env={**os.environ, database.ENV_VAR: str(path)},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if not wait_for_health(self.url, STARTUP_TIMEOUT_S, self.process):
            self.kill()
            pytest.fail("the dashboard did not start:\n" + self.log.read_text()[-3000:])

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


@pytest.fixture
def dashboard(database_copy: Path) -> Iterator[Dashboard]:
    started = Dashboard(database_copy)
    try:
        yield started
    finally:
        if started.process.poll() is None:
            started.kill()


def write_food_table(path: Path, rows: int) -> None:
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "Food code",
                "Food name",
                "Food group",
                "Energy (kcal)",
                "Protein (g)",
                "Total fat (g)",
                "Carbohydrate (g)",
                "Dietary fibre (g)",
                "Sodium (mg)",
                "Vitamin C (mg)",
            ]
        )
        for n in range(rows):
            writer.writerow(
                [
                    f"X{n:06d}",
                    f"Crash test food {n}",
                    f"Group {n % 40}",
                    100 + n % 300,
                    5.5,
                    3.2,
                    12.1,
                    1.5,
                    120,
                    4,
                ]
            )


def dataset_rows(path: Path, name: str) -> tuple[int, int, int] | None:
    """(datasets, foods, nutrient values) of the dataset called `name`, or None when absent."""
    with database.Database(path).session() as conn:
        found = conn.execute("SELECT dataset_id FROM datasets WHERE name = ?", [name]).fetchall()
        if not found:
            return None
        foods, values = conn.execute(
            "SELECT count(DISTINCT f.food_id), count(v.food_id) FROM foods f "
            "LEFT JOIN food_nutrients v USING (food_id) WHERE f.dataset_id = ?",
            [found[0][0]],
        ).fetchone()
        return len(found), foods, values


@pytest.mark.e2e
def test_the_dashboard_killed_during_an_import_keeps_all_of_it_or_none(
    dashboard: Dashboard, page, tmp_path: Path
):
    table = tmp_path / "crash_table.csv"
    write_food_table(table, IMPORT_ROWS)
    page.goto(dashboard.url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Import data", exact=True).click()
    page.locator("h1").filter(has_text="Import data").first.wait_for()
    page.locator("input[type=file]").first.set_input_files(table)
    page.get_by_role("button", name="Check the file").click(timeout=STEP_TIMEOUT_MS)
    page.get_by_text(f"All {IMPORT_ROWS:,} foods passed every check.").wait_for(
        timeout=STEP_TIMEOUT_MS
    )
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text(IMPORT_IN_FLIGHT).or_(page.get_by_text(IMPORT_DONE)).first.wait_for(
        timeout=STEP_TIMEOUT_MS
    )
    dashboard.kill()

    reopened = reopen(dashboard.path)
    found = dataset_rows(dashboard.path, "crash_table")
    assert found in (None, (1, IMPORT_ROWS, IMPORT_ROWS * 7))  # 7 nutrients a row
    assert menus_list(dashboard.path)
    print_figures(
        "import killed in the dashboard",
        [
            f"{IMPORT_ROWS:,} foods; outcome: "
            + ("not there" if found is None else "all there (the commit ended before the kill)"),
            f"first opening after the kill: {reopened * 1000:.0f} ms",
        ],
    )


@pytest.mark.e2e
def test_the_dashboard_killed_while_generating_a_week_keeps_whole_days(
    database_copy: Path, tmp_path: Path, page
):
    with database.Database(database_copy).unit_of_work() as uow:
        client_id = uow.clients.list()[0].client_id
    menu_id = menu_service.create_menu(
        database.Database(database_copy).unit_of_work(),
        client_id,
        "Crash week",
        dt.date(2026, 11, 30),
    )
    dashboard = Dashboard(database_copy)
    try:
        page.goto(dashboard.url + "/generate")
        page.locator("h1").filter(has_text="Generate").first.wait_for()
        page.get_by_role("button", name="Generate", exact=True).click()
        # Killed once two days are saved; on a busy machine the browser may draw "3 of 7" before
        # it ever shows "2 of 7" (the bar ends on "7 of 7"), so any of them will do.
        progress = page.get_by_text(re.compile(r"^[2-7] of 7 days done$")).first
        progress.wait_for(timeout=STEP_TIMEOUT_MS)
        killed_at = progress.inner_text()
    finally:
        dashboard.kill()

    reopened = reopen(database_copy)
    with database.Database(database_copy).unit_of_work() as uow:
        menu = uow.menus.get(menu_id)
    filled = {(i.day, i.slot) for i in menu.items}
    days = sorted({day for day, _ in filled})
    assert days == list(range(len(days))) and 2 <= len(days) <= 7
    assert filled == {(day, slot) for day in days for slot in menu.slots}
    assert "Crash week" in [m["menu"] for m in menus_list(database_copy)]
    print_figures(
        "week generation killed in the dashboard",
        [
            f"killed at '{killed_at}': {len(days)} whole days saved, {7 - len(days)} untouched",
            f"first opening after the kill: {reopened * 1000:.0f} ms",
        ],
    )


if __name__ == "__main__":
    db_path, menu, log_path = sys.argv[1:]
    serve_saves(Path(db_path), int(menu), Path(log_path))
