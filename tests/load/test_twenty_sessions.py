"""Twenty dietitians editing twenty menus at once for a minute, on three set-ups one after the
other (issues 8 and 14): one app process on a DuckDB file, one on PostgreSQL, and two on
PostgreSQL behind HAProxy (deploy/: the same pieces a practice runs).

The app runs as users get it, `streamlit run app.py`, and each session is a websocket client
(pages/ui/wire_session.py) in a thread of this test: one AppSession and script thread per session on
the server, as browser tabs are. Behind the proxy each websocket stays with the process it
reached (round robin: ten sessions each). Each session picks its own client in the sidebar,
opens the Menu builder on that client's menu and a day of its own, then adds foods (search,
pick, unit, amount, meal, Add), changes amounts and removes items until the time is up, keeping
its own list of the items it expects.

Why not AppTest instances in threads: AppTest swaps process globals for every run (it sets
`Runtime._instance` and patches `config.get_option`, then restores them when the run ends), so
concurrent instances break each other; tried here with three: widgets missing from a run, a
selectbox's format function gone (KeyError), the sidebar client reset to the first. Processes
each running sessions would each open the file with their own DuckDB instance, which is several
servers taking turns on the file, not one server with many sessions.

At the end of each set-up: no session saw an exception or an error message and no app process
logged a traceback; every menu holds exactly the items its session expects; and every day's
stored totals (services.menus.report) equal a recomputation, in plain Python, from those items
and the catalogue's per-100 g values. Requests served, latencies and the CPU time each process
used are printed side by side and written to tests/output/load-test.txt, not asserted.
MENUPLANNER_LOAD_SESSIONS and MENUPLANNER_LOAD_SECONDS shorten a local run (default 20
sessions, 60 s each).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import psycopg
import pytest

from deploy.serve_practice import app_processes
from menuplanner.bench import free_port, percentile
from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.nutrients import KEYS
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.ports_store import Store
from menuplanner.services import clients as client_service
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb import database
from menuplanner.store.factory import URL_ENV, open_store
from pages.ui.wire_session import WireSession, wire_session

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
        first = len(self.timings)
        # Move and Remove are drawn only while the item's "⋯" popover is open
        self._request("open", session, lambda: session.open_popover(f"builder_actions_{item_id}"))
        self._request("remove", session, lambda: session.click(f"builder_remove_{item_id}"))
        if item_id in self._item_ids(session):
            raise AssertionError(f"item {item_id} is still shown after Remove")
        del self.items[item_id]
        self._done("remove", first)

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


# ------------------------------------------------------------------------------ set-ups


@dataclass
class Setup:
    """Where the sessions run: the app's database (as the app process's environment sets it),
    a store to prepare and check it, and its catalogue read with plain SQL."""

    name: str
    processes: int
    database: dict[str, str]
    store: Store
    catalogue: Callable[[], tuple[dict, dict]]


def _duckdb_setup(path: Path) -> Setup:
    return Setup(
        "1 process, DuckDB file",
        1,
        {database.ENV_VAR: str(path)},
        open_store(path, build=False),
        lambda: _catalogue_duckdb(path),
    )


def _postgres_setup(processes: int, app_url: str, owner_url: str) -> Setup:
    name = f"{processes} process{'es' if processes > 1 else ''}, PostgreSQL" + (
        " behind HAProxy" if processes > 1 else ""
    )
    return Setup(
        name,
        processes,
        {URL_ENV: app_url},
        open_store(url=app_url),
        lambda: _catalogue_postgres(owner_url),
    )


def _dietitians(store: Store) -> list[Dietitian]:
    """A client with an empty week per session, made through the services."""
    made = []
    for number in range(SESSIONS):
        client = Client(
            f"Load client {number:02d}",
            Sex.FEMALE,
            birth_year=1985 + number % 20,
            height_cm=160 + number % 15,
            weight_kg=55 + number % 25,
        )
        client_id = client_service.save_client(store.unit_of_work(LOCAL_WORKSPACE), client)
        menu_name = f"Load week {number:02d}"
        menu_id = menu_service.create_menu(
            store.unit_of_work(LOCAL_WORKSPACE), client_id, menu_name, MENU_START, MENU_DAYS, SLOTS
        )
        made.append(
            Dietitian(
                number, client.name, menu_name, menu_id, number % MENU_DAYS, random.Random(number)
            )
        )
    return made


@dataclass
class Outcome:
    setup: str
    elapsed: float
    dietitians: list[Dietitian]
    errors: list[str]
    mismatches: list[str]
    app_cpu: list[float | None]  # seconds, per app process
    postgres_cpu: float | None
    clients_cpu: float

    @property
    def requests(self) -> list[float]:
        return [t for d in self.dietitians for _, t in d.timings[d.opening_requests :]]


def _run(setup: Setup, logs: Path) -> Outcome:
    """Start the app processes, let the sessions edit for SECONDS, stop, check the menus."""
    dietitians = _dietitians(setup.store)
    proxy = setup.processes > 1
    with app_processes(setup.database, setup.processes, free_port(), logs, proxy) as served:
        elapsed, cpu = _edit(served.url, dietitians, [app.pid for app in served.apps])
    app_cpu, postgres_cpu, clients_cpu = cpu
    server_errors = [e for log in logs.glob("app*.log") for e in _tracebacks(log.read_text())]
    mismatches = _check_menus(setup.store, setup.catalogue(), dietitians)
    setup.store.close()
    errors = [e for d in dietitians for e in d.errors] + server_errors
    return Outcome(
        setup.name, elapsed, dietitians, errors, mismatches, app_cpu, postgres_cpu, clients_cpu
    )


def _edit(url: str, dietitians: list[Dietitian], app_pids: list[int]):
    start_box: list[float] = []  # when editing starts, set as the last session is ready
    ready = threading.Barrier(
        len(dietitians) + 1, action=lambda: start_box.append(time.monotonic())
    )

    def simulate(dietitian: Dietitian) -> None:
        waiting = True
        try:
            with wire_session(url) as session:
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
    started, cpu = time.perf_counter(), _Cpu(app_pids)
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, cpu.used()


# ----------------------------------------------------------------------------------- test


@pytest.mark.slow
def test_twenty_sessions_on_one_process_and_on_two_behind_the_proxy(
    database_copy: Path, pg_server, tmp_path: Path
) -> None:
    """The same load on three set-ups, one after the other: nothing lost anywhere; the
    figures side by side (the speed-up is read from them and their CPU times, not asserted)."""
    outcomes = [_run(_duckdb_setup(database_copy), tmp_path / "duckdb")]
    for processes in (1, 2):
        with pg_server.database() as (app_url, owner_url):
            setup = _postgres_setup(processes, app_url, owner_url)
            outcomes.append(_run(setup, tmp_path / f"postgres-{processes}"))
    report = _report(outcomes)
    print("\n" + report)
    REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    REPORT_PATH.write_text(report + "\n")
    for outcome in outcomes:
        assert outcome.errors == [], outcome.setup
        assert outcome.mismatches == [], outcome.setup
        assert all(len(d.timings) > d.opening_requests for d in outcome.dietitians), (
            f"{outcome.setup}: a session sat idle"
        )


class _Cpu:
    """CPU seconds used from now on by the app processes, by the test's PostgreSQL server (its
    postmaster, its backends and those it has reaped) and by this test's own process (the
    clients): with them the figures can be read on a machine shared with other work. Linux
    /proc; None elsewhere."""

    def __init__(self, app_pids: list[int]) -> None:
        self._apps = app_pids
        self._start = ([_cpu_of(pid) for pid in app_pids], _postgres_cpu(), time.process_time())

    def used(self) -> tuple[list[float | None], float | None, float]:
        apps = [
            None if now is None or then is None else now - then
            for now, then in zip([_cpu_of(pid) for pid in self._apps], self._start[0], strict=True)
        ]
        postgres, then = _postgres_cpu(), self._start[1]
        spent = None if postgres is None or then is None else postgres - then
        return apps, spent, time.process_time() - self._start[2]


def _cpu_of(pid: int, children: bool = False) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime: reaped backends
    return ticks / os.sysconf("SC_CLK_TCK")


def _postgres_cpu() -> float | None:
    """CPU seconds of the test's PostgreSQL server: its postmaster (with the backends it has
    reaped) and its live backends. Only that server's: other servers of the postgres user on
    the machine come and go, and their exited backends would make the sum go down."""
    try:
        data = Path(os.environ["MENUPLANNER_TEST_PG_DATA"])
        postmaster = int((data / "postmaster.pid").read_text().split()[0])
        total = _cpu_of(postmaster, children=True)
        if total is None:
            return None
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(fields[1]) == postmaster:  # its parent: a backend or helper
                        total += _cpu_of(int(entry.name)) or 0.0
        return total
    except (KeyError, OSError, ValueError, IndexError):
        return None


def _tracebacks(log: str) -> list[str]:
    return [f"server log: {chunk[:3000]}" for chunk in log.split("Traceback")[1:]]


# ------------------------------------------------------------------------- the end state


def _check_menus(store: Store, catalogue: tuple, dietitians: list[Dietitian]) -> list[str]:
    """Every menu's stored items against its session's model, and every day's stored totals
    against Σ grams × per-100 g value / 100 over the expected items, from the catalogue."""
    per_100g, grams_per_unit = catalogue
    problems = []
    for dietitian in dietitians:
        report = menu_service.report(store.unit_of_work(LOCAL_WORKSPACE), dietitian.menu_id)
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


_VALUES_SQL = "SELECT food_id, nutrient, amount FROM food_nutrients WHERE food_id IN ({ids})"
_PORTIONS_SQL = (
    "SELECT food_id, description, gram_weight / amount FROM portions WHERE food_id IN ({ids}) "
    "ORDER BY food_id, seq"
)
_IDS = ", ".join(str(food.food_id) for food in FOODS)  # our own constants


def _catalogue_duckdb(path: Path) -> tuple[dict, dict]:
    """Per-100 g values and grams per unit of the known foods, read with plain SQL."""
    with duckdb.connect(str(path), read_only=True) as conn:
        rows = conn.execute(_VALUES_SQL.format(ids=_IDS)).fetchall()
        portions = conn.execute(_PORTIONS_SQL.format(ids=_IDS)).fetchall()
    return _per_unit(rows, portions)


def _catalogue_postgres(owner_url: str) -> tuple[dict, dict]:
    with psycopg.connect(owner_url) as conn:
        rows = conn.execute(_VALUES_SQL.format(ids=_IDS)).fetchall()
        portions = conn.execute(_PORTIONS_SQL.format(ids=_IDS)).fetchall()
    return _per_unit(rows, portions)


def _per_unit(rows, portions) -> tuple[dict, dict]:
    per_100g: dict[int, dict[str, float]] = {food.food_id: {} for food in FOODS}
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


def _report(outcomes: list[Outcome]) -> str:
    columns = [o.setup for o in outcomes]
    rows: list[tuple[str, list[str]]] = [
        ("editing for (s)", [f"{o.elapsed:.1f}" for o in outcomes]),
        ("requests served", [f"{len(o.requests)}" for o in outcomes]),
        ("requests per second", [f"{len(o.requests) / o.elapsed:.1f}" for o in outcomes]),
        ("user actions", [f"{sum(len(d.actions) for d in o.dietitians)}" for o in outcomes]),
        ("request p50 (s)", [f"{percentile(o.requests, 50):.3f}" for o in outcomes]),
        ("request p95 (s)", [f"{percentile(o.requests, 95):.3f}" for o in outcomes]),
        ("request max (s)", [f"{max(o.requests):.3f}" for o in outcomes]),
        ("errors", [f"{len(o.errors)}" for o in outcomes]),
        ("menus not as expected", [f"{len(o.mismatches)}" for o in outcomes]),
        ("app CPU (s), per process", [_seconds(o.app_cpu) for o in outcomes]),
        ("app CPU per request (ms)", [_per_request(o) for o in outcomes]),
        (
            "PostgreSQL CPU (s)",
            [_seconds([o.postgres_cpu]) if "Postgre" in o.setup else "-" for o in outcomes],
        ),
        ("load clients' CPU (s)", [f"{o.clients_cpu:.1f}" for o in outcomes]),
    ]
    width = max(len(label) for label, _ in rows) + 2
    cells = [max(len(c), *(len(v[i]) for _, v in rows)) + 2 for i, c in enumerate(columns)]
    lines = [
        f"Load test: {SESSIONS} sessions editing their own menus for {SECONDS:g} s "
        "(websocket clients, one thread each), in three set-ups",
        "".ljust(width) + "".join(c.rjust(w) for c, w in zip(columns, cells, strict=True)),
    ]
    for label, values in rows:
        lines.append(
            label.ljust(width) + "".join(v.rjust(w) for v, w in zip(values, cells, strict=True))
        )
    first, last = outcomes[0 if len(outcomes) < 2 else 1], outcomes[-1]
    ratio = len(last.requests) / last.elapsed / max(len(first.requests) / first.elapsed, 1e-9)
    lines.append(
        f"{last.setup} against {first.setup}: {ratio:.2f}× the requests per second "
        f"(target ≥ 1.5×), p95 {percentile(last.requests, 95):.2f} s against "
        f"{percentile(first.requests, 95):.2f} s (target: lower)"
    )
    for outcome in outcomes:
        for problem in [*outcome.errors, *outcome.mismatches][:10]:
            lines += ["", f"{outcome.setup}: {problem}"]
    return "\n".join(lines)


def _seconds(values: list[float | None]) -> str:
    return " + ".join("?" if v is None else f"{v:.1f}" for v in values)


def _per_request(outcome: Outcome) -> str:
    if any(v is None for v in outcome.app_cpu):
        return "?"
    return f"{1000 * sum(outcome.app_cpu) / max(len(outcome.requests), 1):.0f}"


# -------------------------------------------------------------------- the check, checked


def test_the_end_check_names_a_lost_item_a_changed_one_and_the_totals_that_differ(
    database_copy: Path,
) -> None:
    """Without a server: a menu of 1 tbsp butter (14.2 g × 717 kcal/100 g = 101.814 kcal) and
    100 g banana (89 kcal), against a session that also expects 50 g egg (71.5 kcal) and 118 g
    of banana (105.02 kcal)."""
    store = open_store(database_copy, build=False)
    client = Client("Check client", Sex.FEMALE, birth_year=1990, height_cm=165, weight_kg=60)
    client_id = client_service.save_client(store.unit_of_work(LOCAL_WORKSPACE), client)
    menu_id = menu_service.create_menu(
        store.unit_of_work(LOCAL_WORKSPACE), client_id, "Check week", MENU_START, MENU_DAYS, SLOTS
    )
    unit = store.unit_of_work
    menu_service.add_food(unit(LOCAL_WORKSPACE), menu_id, 0, "Breakfast", 1001, 1.0, "tbsp")
    menu_service.add_food(unit(LOCAL_WORKSPACE), menu_id, 0, "Lunch", 9040, 100.0, "g")
    stored = menu_service.report(unit(LOCAL_WORKSPACE), menu_id).menu.items
    butter_id, banana_id = (item.item_id for item in stored)
    session = Dietitian(0, client.name, "Check week", menu_id, 0, random.Random(0))
    session.items = {
        butter_id: Planned(1001, 0, "Breakfast", 1.0, "tbsp"),
        banana_id: Planned(9040, 0, "Lunch", 100.0, "g"),
    }
    catalogue = _catalogue_duckdb(database_copy)
    assert _check_menus(store, catalogue, [session]) == []

    session.items[banana_id] = Planned(9040, 0, "Lunch", 118.0, "g")
    session.items[banana_id + 1000] = Planned(1123, 0, "Dinner", 50.0, "g")
    problems = _check_menus(store, catalogue, [session])
    assert problems[0] == (
        f"menu Check week: lost items [{banana_id + 1000}], extra items [], different items "
        f"[{banana_id}]"
    )
    energy = next(p for p in problems if ", energy_kcal:" in p)
    stored, recomputed = (float(part.split()[-1]) for part in energy.split(", ")[-2:])
    assert energy.startswith("menu Check week, day 0, energy_kcal: stored ")
    assert stored == pytest.approx(101.814 + 89.0)
    assert recomputed == pytest.approx(101.814 + 105.02 + 71.5)
