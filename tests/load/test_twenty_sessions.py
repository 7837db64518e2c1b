"""Twenty dietitians editing twenty menus at once on one app server, for a minute (issue 8).

The app runs as users get it, `streamlit run app.py` on a copy of the database, and each session
is a websocket client (streamlit_wire.py) in a thread of this test: one AppSession and script
thread per session on the server, all sharing the server's one DuckDB instance, as browser tabs
do. Each session picks its own client in the sidebar, opens the Menu builder on that client's
menu and a day of its own, then adds foods (search, pick, unit, amount, meal, Add), changes
amounts and removes items until the time is up, keeping its own list of the items it expects.

Why not AppTest instances in threads: AppTest swaps process globals for every run (it sets
`Runtime._instance` and patches `config.get_option`, then restores them when the run ends), so
concurrent instances break each other; tried here with three: widgets missing from a run, a
selectbox's format function gone (KeyError), the sidebar client reset to the first. Processes
each running sessions would each open the file with their own DuckDB instance, which is several
servers taking turns on the file, not one server with many sessions.

At the end: no session saw an exception or an error message and the server logged no
traceback; every menu holds exactly the items its session expects; and every day's stored
totals (services.menus.report) equal a recomputation, in plain Python, from those items and the
catalogue's per-100 g values. Requests served and latencies are printed and written to
tests/output/load-test.txt, not asserted. MENUPLANNER_LOAD_SESSIONS and MENUPLANNER_LOAD_SECONDS
shorten a local run (default 20 sessions, 60 s).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from streamlit_wire import WireSession, wire_session

from menuplanner.bench import free_port, percentile, stop, wait_for_health
from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.nutrients import KEYS
from menuplanner.services import clients as client_service
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb import database

PROJECT_DIR = Path(__file__).resolve().parents[2]
REPORT_PATH = PROJECT_DIR / "tests" / "output" / "load-test.txt"
SESSIONS = int(os.environ.get("MENUPLANNER_LOAD_SESSIONS", "20"))
SECONDS = float(os.environ.get("MENUPLANNER_LOAD_SECONDS", "60"))
STARTUP_TIMEOUT_S = 60
MENU_DAYS = 7
MENU_START = dt.date(2026, 1, 5)  # a Monday
SLOTS = ("Breakfast", "Morning snack", "Lunch", "Afternoon snack", "Dinner")
THINK_S = (0.05, 0.25)  # a hurried user's pause between two requests
MAX_ITEMS = 15


@dataclass(frozen=True)
class KnownFood:
    food_id: int
    query: str  # typed in "Find a food"
    name: str  # the option picked among the results
    unit: str  # "g" or one of its household measures
    amounts: tuple[float, ...]


FOODS = (
    KnownFood(1001, "butter salted", "Butter, salted", "tbsp", (0.5, 1.0, 1.5, 2.0)),
    KnownFood(1123, "egg whole raw fresh", "Egg, whole, raw, fresh", "g", (50.0, 60.0, 120.0)),
    KnownFood(9040, "bananas raw", "Bananas, raw", 'medium (7" to 7-7/8" long)', (1.0, 1.5, 2.0)),
    KnownFood(
        8120,
        "rolled oats",
        "Cereals, oats, regular and quick, not fortified, dry",
        "g",
        (30.0, 40.0, 50.0, 80.0),
    ),
    KnownFood(9003, "apples raw with skin", "Apples, raw, with skin", "g", (80.0, 150.0, 182.0)),
)
FOOD_BY_ID = {food.food_id: food for food in FOODS}


@dataclass(frozen=True)
class Planned:
    """An item as its session expects it in the menu."""

    food_id: int
    day: int
    slot: str
    quantity: float
    unit: str


class TimeUp(Exception):
    """The session's time is up: no more requests."""


@dataclass
class Dietitian:
    """One simulated session: its client, menu and day, what it expects, what it measured."""

    number: int
    client_name: str
    menu_name: str
    menu_id: int
    day: int
    rng: random.Random
    items: dict[int, Planned] = field(default_factory=dict)  # item_id → expected item
    timings: list[tuple[str, float]] = field(default_factory=list)  # (request, seconds)
    actions: list[tuple[str, float]] = field(default_factory=list)  # (action, its requests' s)
    errors: list[str] = field(default_factory=list)
    opening_requests: int = 0  # the first timings, before the clock started
    slot: str = SLOTS[0]  # the meal the add form has picked
    deadline: float = float("inf")  # no request is sent after it

    def open(self, session: WireSession) -> None:
        """Pick the client in the sidebar, open the Menu builder, check it shows their menu,
        and go to this session's day."""
        self._request("open app", session, session.rerun)
        self._request(
            "pick client", session, lambda: session.choose("current_client_id", self.client_name)
        )
        self._request("open builder", session, lambda: session.rerun(page="menu_builder"))
        menus = list(session.widget("builder_menu", "selectbox").options)
        if menus != [self.menu_name]:
            raise AssertionError(f"the builder offers menus {menus}, not [{self.menu_name!r}]")
        self._request(
            "open day view", session, lambda: session.choose_tab("builder_tab", "Day by day")
        )
        if self.day:
            self._request(
                "pick day", session, lambda: session.choose_segment("builder_day", self.day)
            )
        self.opening_requests = len(self.timings)

    def edit_until(self, session: WireSession, deadline: float) -> None:
        """Edit until `deadline`; an add still under way then is left before its click (a
        user walking away from a half-filled form), so the run ends on time."""
        self.deadline = deadline
        try:
            while True:
                draw = self.rng.random()
                if not self.items or (draw < 0.4 and len(self.items) < MAX_ITEMS):
                    self._add(session)
                elif draw < 0.75:
                    self._change(session)
                else:
                    self._remove(session)
        except TimeUp:
            return

    # ----------------------------------------------------------------------------- actions

    def _add(self, session: WireSession) -> None:
        first = len(self.timings)
        food = self.rng.choice(FOODS)
        slot = self.rng.choice(SLOTS)
        quantity = self.rng.choice(food.amounts)
        before = set(self._item_ids(session))
        self._request("search", session, lambda: session.type_text("builder_add_query", food.query))
        self._request("pick food", session, lambda: session.choose("builder_add_food", food.name))
        unit_key = f"builder_add_unit_{food.food_id}"
        if food.unit != "g":
            label = _unit_label(session.widget(unit_key, "selectbox").options, food.unit)
            self._request("pick unit", session, lambda: session.choose(unit_key, label))
        amount_key = f"builder_add_amount_{food.food_id}_{food.unit}"
        self._request("type amount", session, lambda: session.set_number(amount_key, quantity))
        if slot != self.slot:  # the meal picked last time stays picked
            self._request("pick meal", session, lambda: session.choose("builder_add_slot", slot))
            self.slot = slot
        self._request("add food", session, lambda: session.click("builder_add_food_go"))
        new = set(self._item_ids(session)) - before
        if len(new) != 1:
            raise AssertionError(f"adding {food.name} showed new items {sorted(new)}, not one")
        self.items[new.pop()] = Planned(food.food_id, self.day, slot, quantity, food.unit)
        self._done("add", first)

    def _change(self, session: WireSession) -> None:
        item_id = self.rng.choice(list(self.items))
        planned = self.items[item_id]
        amounts = [a for a in FOOD_BY_ID[planned.food_id].amounts if a != planned.quantity]
        quantity = self.rng.choice(amounts)
        amount_key = f"builder_amount_{item_id}"
        self._request("change amount", session, lambda: session.set_number(amount_key, quantity))
        self.items[item_id] = Planned(
            planned.food_id, planned.day, planned.slot, quantity, planned.unit
        )
        self._done("change", len(self.timings) - 1)

    def _remove(self, session: WireSession) -> None:
        item_id = self.rng.choice(list(self.items))
        self._request("remove", session, lambda: session.click(f"builder_remove_{item_id}"))
        if item_id in self._item_ids(session):
            raise AssertionError(f"item {item_id} is still shown after Remove")
        del self.items[item_id]
        self._done("remove", len(self.timings) - 1)

    # ---------------------------------------------------------------------------- plumbing

    def _request(self, kind: str, session: WireSession, send: Callable[[], float]) -> None:
        time.sleep(self.rng.uniform(*THINK_S))
        if time.monotonic() >= self.deadline:
            raise TimeUp
        self.timings.append((kind, send()))
        for problem in session.problems():
            self.errors.append(f"session {self.number}, after {kind}: {problem}")

    def _done(self, action: str, first_request: int) -> None:
        self.actions.append((action, sum(s for _, s in self.timings[first_request:])))

    @staticmethod
    def _item_ids(session: WireSession) -> list[int]:
        prefix = "builder_amount_"
        keys = session.widget_keys("number_input")
        return [int(key.removeprefix(prefix)) for key in keys if key.startswith(prefix)]


def _unit_label(options, unit: str) -> str:
    """The unit picker shows household measures with their weight: "tbsp (14.2 g)"."""
    for option in options:
        if option == unit or option.startswith(unit + " ("):
            return option
    raise LookupError(f"no unit {unit!r} among {list(options)}")


# ------------------------------------------------------------------------------- fixtures


@pytest.fixture
def dietitians(database_copy: Path) -> list[Dietitian]:
    """A client with an empty week per session, made through the services."""
    db = database.Database(database_copy)
    made = []
    for number in range(SESSIONS):
        client = Client(
            f"Load client {number:02d}",
            Sex.FEMALE,
            birth_year=1985 + number % 20,
            height_cm=160 + number % 15,
            weight_kg=55 + number % 25,
        )
        client_id = client_service.save_client(db.unit_of_work(), client)
        menu_name = f"Load week {number:02d}"
        menu_id = menu_service.create_menu(
            db.unit_of_work(), client_id, menu_name, MENU_START, MENU_DAYS, SLOTS
        )
        made.append(
            Dietitian(
                number, client.name, menu_name, menu_id, number % MENU_DAYS, random.Random(number)
            )
        )
    return made


@dataclass
class AppServer:
    url: str
    log_path: Path
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            stop(self.process)


@pytest.fixture
def server(database_copy: Path, dietitians: list[Dietitian]) -> Iterator[AppServer]:
    """`streamlit run app.py` on the prepared copy."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log_path = database_copy.with_name("streamlit.log")
    env = {**os.environ, database.ENV_VAR: str(database_copy)}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            if not wait_for_health(url, STARTUP_TIMEOUT_S, process):
                log_tail = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"the app did not start:\n{log_tail}")
            yield AppServer(url, log_path, process)
        finally:
            if process.poll() is None:
                stop(process)


# ----------------------------------------------------------------------------------- test


@pytest.mark.slow
def test_twenty_sessions_edit_their_menus_without_loss(
    server: AppServer, dietitians: list[Dietitian], database_copy: Path
) -> None:
    start_box: list[float] = []  # when editing starts, set as the last session is ready
    ready = threading.Barrier(
        len(dietitians) + 1, action=lambda: start_box.append(time.monotonic())
    )

    def simulate(dietitian: Dietitian) -> None:
        waiting = True
        try:
            with wire_session(server.url) as session:
                try:
                    dietitian.open(session)
                finally:
                    waiting = False
                    ready.wait()  # everyone starts editing at once
                if not dietitian.errors:
                    dietitian.edit_until(session, start_box[0] + SECONDS)
        except Exception:
            dietitian.errors.append(f"session {dietitian.number}:\n{traceback.format_exc()}")
        finally:
            if waiting:  # could not even connect
                ready.wait()

    threads = [threading.Thread(target=simulate, args=(d,), daemon=True) for d in dietitians]
    for thread in threads:
        thread.start()
    ready.wait()
    started, cpu = time.perf_counter(), _Cpu(server.process.pid)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    server_cpu, clients_cpu = cpu.used()
    server.stop()  # the end state is read with the app gone
    server_errors = _tracebacks(server.log_path.read_text(errors="replace"))

    mismatches = _check_menus(database_copy, dietitians)
    errors = [e for d in dietitians for e in d.errors] + server_errors
    report = _report(dietitians, elapsed, errors, mismatches, server_cpu, clients_cpu)
    print("\n" + report)
    REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    REPORT_PATH.write_text(report + "\n")

    assert errors == []
    assert mismatches == []
    assert all(len(d.timings) > d.opening_requests for d in dietitians), "a session sat idle"


class _Cpu:
    """CPU seconds used by the server process (Linux /proc; None elsewhere) and by this test's
    own process (the clients), from now on: with them the figures can be read on a machine
    shared with other work."""

    def __init__(self, server_pid: int) -> None:
        self._stat = Path(f"/proc/{server_pid}/stat")
        self._start = (self._server(), time.process_time())

    def used(self) -> tuple[float | None, float]:
        server = self._server()
        spent = None if server is None else server - self._start[0]
        return spent, time.process_time() - self._start[1]

    def _server(self) -> float | None:
        try:
            fields = self._stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _tracebacks(log: str) -> list[str]:
    return [f"server log: {chunk[:3000]}" for chunk in log.split("Traceback")[1:]]


# ------------------------------------------------------------------------- the end state


def _check_menus(path: Path, dietitians: list[Dietitian]) -> list[str]:
    """Every menu's stored items against its session's model, and every day's stored totals
    against Σ grams × per-100 g value / 100 over the expected items, from the catalogue."""
    per_100g, grams_per_unit = _catalogue(path)
    db = database.Database(path)
    problems = []
    for dietitian in dietitians:
        report = menu_service.report(db.unit_of_work(), dietitian.menu_id)
        stored = {
            i.item_id: Planned(i.ref_id, i.day, i.slot, i.quantity, i.unit)
            for i in report.menu.items
        }
        if stored != dietitian.items:
            lost = sorted(set(dietitian.items) - set(stored))
            extra = sorted(set(stored) - set(dietitian.items))
            changed = sorted(
                i for i in set(stored) & set(dietitian.items) if stored[i] != dietitian.items[i]
            )
            problems.append(
                f"menu {dietitian.menu_name}: lost items {lost}, extra items "
                f"{extra}, different items {changed}"
            )
        for row in report.days.iter_rows(named=True):
            expected = _day_totals(dietitian.items, row["day"], per_100g, grams_per_unit)
            for key, value in expected.items():
                if abs(row[key] - value) > 1e-6:
                    problems.append(
                        f"menu {dietitian.menu_name}, day {row['day']}, {key}: "
                        f"stored {row[key]!r}, recomputed {value!r}"
                    )
    return problems


def _catalogue(path: Path) -> tuple[dict[int, dict[str, float]], dict[tuple[int, str], float]]:
    """Per-100 g values and grams per unit of the known foods, read with plain SQL."""
    ids = [food.food_id for food in FOODS]
    with duckdb.connect(str(path), read_only=True) as conn:
        rows = conn.execute(
            "SELECT food_id, nutrient, amount FROM food_nutrients WHERE list_contains(?, food_id)",
            [ids],
        ).fetchall()
        portions = conn.execute(
            "SELECT food_id, description, gram_weight / amount FROM portions "
            "WHERE list_contains(?, food_id) ORDER BY seq",
            [ids],
        ).fetchall()
    per_100g: dict[int, dict[str, float]] = {food_id: {} for food_id in ids}
    for food_id, nutrient, amount in rows:
        per_100g[food_id][nutrient] = amount
    grams_per_unit = {(food.food_id, "g"): 1.0 for food in FOODS}
    for food_id, description, grams in portions:
        grams_per_unit.setdefault((food_id, description), grams)  # USDA's first wins
    return per_100g, grams_per_unit


def _day_totals(items, day, per_100g, grams_per_unit) -> dict[str, float]:
    totals = {"grams": 0.0, **{key: 0.0 for key in KEYS}}
    for item in items.values():
        if item.day != day:
            continue
        grams = item.quantity * grams_per_unit[(item.food_id, item.unit)]
        totals["grams"] += grams
        for key in KEYS:
            totals[key] += grams * per_100g[item.food_id].get(key, 0.0) / 100
    return totals


# ------------------------------------------------------------------------------ the report


def _report(
    dietitians,
    elapsed: float,
    errors: list[str],
    mismatches: list[str],
    server_cpu: float | None,
    clients_cpu: float,
) -> str:
    opening = [t for d in dietitians for t in d.timings[: d.opening_requests]]
    requests = [t for d in dietitians for t in d.timings[d.opening_requests :]]
    actions = [a for d in dietitians for a in d.actions]
    counts = {kind: sum(k == kind for k, _ in actions) for kind in ("add", "change", "remove")}
    lines = [
        f"Load test: {len(dietitians)} sessions editing their own menus for {SECONDS:g} s on one "
        "`streamlit run app.py` (websocket clients, one thread each)",
        f"editing for {elapsed:.1f} s: {len(requests)} requests served "
        f"({len(requests) / elapsed:.1f} per second), {len(actions)} user actions "
        f"({len(actions) / elapsed:.2f} per second: "
        + ", ".join(f"{count} {kind}" for kind, count in counts.items())
        + ")",
        f"errors {len(errors)}, menus not as expected {len(mismatches)}, items in the menus at "
        f"the end {sum(len(d.items) for d in dietitians)}",
        _cpu_line(server_cpu, clients_cpu, elapsed, len(requests)),
        "",
        *_table("request (sent → rerun finished, s)", requests, "all requests"),
        "",
        *_table("user action (its requests, s)", actions, "all actions"),
        "",
        *_table("opening a session (before the clock, s)", opening, "all opening"),
    ]
    for problem in [*errors, *mismatches][:20]:
        lines += ["", problem]
    return "\n".join(lines)


def _cpu_line(server: float | None, clients: float, elapsed: float, requests: int) -> str:
    clients_part = f"the clients (this process) {clients:.1f} s"
    if server is None:
        return f"CPU while editing: server not measured here, {clients_part}"
    return (
        f"CPU while editing: server {server:.1f} s ({100 * server / elapsed:.0f} % of one "
        f"core, {1000 * server / max(requests, 1):.0f} ms per request), "
        f"{clients_part}"
    )


def _table(title: str, timings: list[tuple[str, float]], overall: str) -> list[str]:
    lines = [f"{title:<42}{'count':>7}{'p50':>8}{'p95':>8}{'max':>8}"]
    kinds = list(dict.fromkeys(kind for kind, _ in timings))
    for kind in [*kinds, overall]:
        values = [s for k, s in timings if kind in (k, overall)]
        if values:
            lines.append(
                f"  {kind:<40}{len(values):>7}{percentile(values, 50):>8.3f}"
                f"{percentile(values, 95):>8.3f}{max(values):>8.3f}"
            )
    return lines


# -------------------------------------------------------------------- the check, checked


def test_the_end_check_names_a_lost_item_a_changed_one_and_the_totals_that_differ(
    database_copy: Path,
) -> None:
    """Without a server: a menu of 1 tbsp butter (14.2 g × 717 kcal/100 g = 101.814 kcal) and
    100 g banana (89 kcal), against a session that also expects 50 g egg (71.5 kcal) and 118 g
    of banana (105.02 kcal)."""
    db = database.Database(database_copy)
    client = Client("Check client", Sex.FEMALE, birth_year=1990, height_cm=165, weight_kg=60)
    client_id = client_service.save_client(db.unit_of_work(), client)
    menu_id = menu_service.create_menu(
        db.unit_of_work(), client_id, "Check week", MENU_START, MENU_DAYS, SLOTS
    )
    menu_service.add_food(db.unit_of_work(), menu_id, 0, "Breakfast", 1001, 1.0, "tbsp")
    menu_service.add_food(db.unit_of_work(), menu_id, 0, "Lunch", 9040, 100.0, "g")
    stored = menu_service.report(db.unit_of_work(), menu_id).menu.items
    butter_id, banana_id = (item.item_id for item in stored)
    session = Dietitian(0, client.name, "Check week", menu_id, 0, random.Random(0))
    session.items = {
        butter_id: Planned(1001, 0, "Breakfast", 1.0, "tbsp"),
        banana_id: Planned(9040, 0, "Lunch", 100.0, "g"),
    }
    assert _check_menus(database_copy, [session]) == []

    session.items[banana_id] = Planned(9040, 0, "Lunch", 118.0, "g")
    session.items[banana_id + 1000] = Planned(1123, 0, "Dinner", 50.0, "g")
    problems = _check_menus(database_copy, [session])
    assert problems[0] == (
        f"menu Check week: lost items [{banana_id + 1000}], extra items [], different items "
        f"[{banana_id}]"
    )
    energy = next(p for p in problems if ", energy_kcal:" in p)
    stored, recomputed = (float(part.split()[-1]) for part in energy.split(", ")[-2:])
    assert energy.startswith("menu Check week, day 0, energy_kcal: stored ")
    assert stored == pytest.approx(101.814 + 89.0)
    assert recomputed == pytest.approx(101.814 + 105.02 + 71.5)
