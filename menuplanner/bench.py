"""`menuplanner bench`: speed figures next to their targets.

Each figure is one small function taking a `Bench` (a scratch directory with a database built
on demand) and returning a `Figure`. To add a figure, write one function and list it in MEASURES.
"""

from __future__ import annotations

import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from menuplanner import setup
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FOODS_PAGE_PATH = "/foods"  # st.navigation's URL for pages/foods.py
FOODS_PAGE_TEXT = "Search foods"  # the search box label: the Foods page has rendered

SEARCH_QUERIES = (
    "roasted chicken breast",
    "butter",
    "egg",
    "whole milk",
    "apple raw",
    "brown rice cooked",
    "salmon",
    "cheddar cheese",
    "banana",
    "oats",
    "broccoli",
    "olive oil",
    "ground beef",
    "blueberries",
    "plain yogurt",
    "whole wheat bread",
    "baked potato",
    "lentils",
    "orange juice",
    "almonds",
)
SEARCH_REPEATS = 5


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
    """Scratch space shared by the measures: a database is built once, on first use."""

    workdir: Path
    progress: Callable[[str], None] = lambda message: None
    _db: Path | None = field(default=None, init=False)

    @property
    def db_path(self) -> Path:
        if self._db is None:
            self._db = self.workdir / "bench.duckdb"
            setup.build_database(self._db)
        return self._db


def measure_build(bench: Bench) -> Figure:
    bench.progress("Building the database from the bundled files…")
    started = time.perf_counter()
    setup.build_database(bench.workdir / "build.duckdb")
    return Figure("Database build from bundled files", time.perf_counter() - started, "s", 5.0)


def measure_search(bench: Bench) -> Figure:
    bench.progress(f"Searching {len(SEARCH_QUERIES)} queries × {SEARCH_REPEATS}…")
    conn = database.connect(bench.db_path, read_only=True)
    try:
        catalog = DuckDBFoodCatalog(conn, LOCAL_WORKSPACE)
        foods = catalog.count()
        catalog.search(SEARCH_QUERIES[0])  # warm-up
        timings = []
        for _ in range(SEARCH_REPEATS):
            for query in SEARCH_QUERIES:
                started = time.perf_counter()
                catalog.search(query, limit=25)
                timings.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    name = f"Food search p95, {len(SEARCH_QUERIES)} queries over {foods:,} foods"
    return Figure(name, percentile(timings, 95), "ms", 20.0)


def measure_app_start(bench: Bench) -> Figure:
    name = "App cold start to rendered Foods page"
    if not (PROJECT_DIR / "app.py").exists():
        return Figure(name, None, "s", 3.0, "skipped (no app.py)")
    if not CHROMIUM.exists():
        return Figure(name, None, "s", 3.0, "skipped (no chromium)")
    from playwright.sync_api import sync_playwright

    db_path = bench.db_path
    bench.progress("Starting `streamlit run app.py` and waiting for the Foods page…")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            seconds = _time_until_rendered(page, db_path)
        finally:
            browser.close()
    if seconds is None:
        return Figure(name, None, "s", 3.0, "failed: page did not render within 60 s")
    baseline = _hello_start(bench)
    note = f"a 3-line Streamlit app starts in {baseline:.2f} s here now" if baseline else ""
    return Figure(name, seconds, "s", 3.0, note)


HELLO_APP = 'import streamlit as st\nst.title("Hello")\nst.text_input("Search foods")\n'


def _hello_start(bench: Bench) -> float | None:
    """The same measure for a 3-line app: how much of the start is Streamlit and the machine."""
    from playwright.sync_api import sync_playwright

    hello = bench.workdir / "hello"
    hello.mkdir(exist_ok=True)
    (hello / "app.py").write_text(HELLO_APP)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return _time_until_rendered(browser.new_page(), bench.db_path, cwd=hello, path="/")
        finally:
            browser.close()


def measure_totals(bench: Bench) -> Figure:
    """Day totals of a 7-day menu, 5 meals of 6 items, median of 50 computations."""
    from menuplanner.nutrition import synthetic, totals

    bench.progress("Computing totals of a 7-day menu, 5 meals × 6 items…")
    menu = synthetic.synthetic_menu(days=7, meals=5, items_per_meal=6)
    per_100g = synthetic.synthetic_nutrients()
    totals.day_totals(menu, {}, per_100g)  # warm-up
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        totals.day_totals(menu, {}, per_100g)
        timings.append((time.perf_counter() - started) * 1000)
    return Figure("Totals of a 7-day menu (210 items), median", percentile(timings, 50), "ms", 10.0)


def measure_builder_rerun(bench: Bench) -> Figure:
    """Server side of adding one food in the menu builder: the click's script run, the save,
    and the redraw (Streamlit's AppTest, no browser), median of 5. Runs in its own process
    (pages/ui/bench_add_item.py): this package does not import Streamlit."""
    import json

    name = "Menu builder: add one item (save + rerun), server side, median"
    bench.progress("Adding foods in the menu builder (AppTest)…")
    copy = bench.workdir / "builder.duckdb"
    shutil.copy(bench.db_path, copy)
    done = subprocess.run(
        [sys.executable, "-m", "pages.ui.bench_add_item", str(copy)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    lines = done.stdout.strip().splitlines()
    result = (
        json.loads(lines[-1]) if lines else {"error": done.stderr.strip()[-200:] or "no output"}
    )
    if "error" in result:
        return Figure(name, None, "ms", 300.0, f"failed: {result['error']}")
    return Figure(name, percentile(result["timings_ms"], 50), "ms", 300.0)


MEASURES: list[Callable[[Bench], Figure]] = [
    measure_build,
    measure_search,
    measure_app_start,
    measure_totals,
    measure_builder_rerun,
]


def all_measures() -> list[Callable[[Bench], Figure]]:
    """These figures and those of other areas, which live beside their code (imported here,
    on demand: they import this module)."""
    from menuplanner.export import bench as export_bench
    from menuplanner.imports import bench as imports_bench
    from menuplanner.planning import bench as planning_bench

    return [*MEASURES, *imports_bench.MEASURES, *planning_bench.MEASURES, *export_bench.MEASURES]


def _time_until_rendered(
    page, db_path: Path, timeout: float = 60.0, cwd: Path = PROJECT_DIR, path: str = FOODS_PAGE_PATH
) -> float | None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, database.ENV_VAR: str(db_path)}
    started = time.perf_counter()
    server = start_streamlit(port, env, cwd)
    try:
        if not wait_for_health(url, timeout, server):
            return None
        left_ms = max(1.0, timeout - (time.perf_counter() - started)) * 1000
        page.goto(url + path, timeout=left_ms)
        page.get_by_text(FOODS_PAGE_TEXT).first.wait_for(timeout=left_ms)
        return time.perf_counter() - started
    except Exception:  # playwright's TimeoutError and navigation errors: report, don't crash
        return None
    finally:
        stop(server)


def start_streamlit(port: int, env: dict[str, str], cwd: Path = PROJECT_DIR) -> subprocess.Popen:
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
    ]
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_health(url: str, timeout: float, server: subprocess.Popen | None = None) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server is not None and server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def run(
    measures: list[Callable[[Bench], Figure]] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> list[Figure]:
    workdir = Path(tempfile.mkdtemp(prefix="menuplanner-bench-"))
    try:
        bench = Bench(workdir, progress)
        return [measure(bench) for measure in (measures or all_measures())]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def table(figures: list[Figure]) -> str:
    rows = [("measure", "result", "target", "ok", "note")]
    for f in figures:
        digits = 2 if f.unit == "s" else 1
        result = "-" if f.value is None else f"{f.value:.{digits}f} {f.unit}"
        ok = {True: "yes", False: "NO", None: "-"}[f.ok]
        rows.append((f.measure, result, f"< {f.target:g} {f.unit}", ok, f.note))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
