"""Figures of the dashboard itself: cold start to a rendered page above a bare 3-line Streamlit
app's in the same run, the menu builder's add-one-item round trip, and every page's rerun."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from menuplanner.bench.core import Bench, Figure, percentile
from menuplanner.bench.processes import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_DIR,
    free_port,
    start_streamlit,
    stop,
    wait_for_health,
)
from menuplanner.store.duckdb import database
from menuplanner.store.factory import URL_ENV

FOODS_PAGE_PATH = "/foods"  # st.navigation's URL for pages/foods.py

FOODS_PAGE_TEXT = "Search foods"  # the search box label: the Foods page has rendered


START_TARGET = 0.5  # s: our first rendered page after a bare Streamlit app's (issue 17)
START_RUNS = 3  # each, alternating, so that a busy moment of the machine weighs on both


def measure_app_start(bench: Bench) -> Figure:
    """Cold start to the first rendered page, as the time above a 3-line Streamlit app's start
    to the same text in the same run (median of START_RUNS each, alternating): the machine's
    and Streamlit's own share is the same for both, what is left is ours."""
    name = "App cold start to rendered Foods page, above a bare Streamlit app"
    if not (PROJECT_DIR / "app.py").exists():
        return Figure(name, None, "s", START_TARGET, "skipped (no app.py)")
    if not CHROMIUM.exists():
        return Figure(name, None, "s", START_TARGET, "skipped (no chromium)")
    from playwright.sync_api import sync_playwright

    db_path = bench.db_path
    hello = bench.workdir / "hello"
    hello.mkdir(exist_ok=True)
    (hello / "app.py").write_text(HELLO_APP)
    ours: list[float] = []
    bare: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for run in range(START_RUNS):
                bench.progress(f"Cold start {run + 1} of {START_RUNS}: this app, then a bare one…")
                seconds = _time_until_rendered(browser.new_page(), db_path)
                baseline = _time_until_rendered(browser.new_page(), db_path, cwd=hello, path="/")
                if seconds is None or baseline is None:
                    return Figure(name, None, "s", START_TARGET, "failed: no render within 60 s")
                ours.append(seconds)
                bare.append(baseline)
        finally:
            browser.close()
    app_s, bare_s = percentile(ours, 50), percentile(bare, 50)
    note = (
        f"this app {app_s:.2f} s, a 3-line Streamlit app {bare_s:.2f} s (medians of 3); the rest: "
        "the first page's script run (~0.15 s: navigation, opening the database) and the browser "
        "loading while the server imports Polars and DuckDB (pages/ui/warm_up.py)"
    )
    return Figure(name, app_s - bare_s, "s", START_TARGET, note)


HELLO_APP = 'import streamlit as st\nst.title("Hello")\nst.text_input("Search foods")\n'


ADD_ITEM_TARGET = 100.0  # ms, median (issue 17)
RERUN_TARGET = 150.0  # ms, p95 of every page's rerun (issue 17)
RERUN_PAGES = [  # the titles pages/ui/bench_page_reruns.py measures, in its order
    "Dashboard",
    "Menu builder, day",
    "Menu builder, week",
    "Clients",
    "Recipes",
    "Generate",
    "Export and share",
    "Foods",
    "Import data",
]


def measure_builder_rerun(bench: Bench) -> Figure:
    """Server side of adding one food in the menu builder: from the click's message to a real
    `streamlit run` until it says the run finished (the save, the script run, sending the page),
    median of 5; AppTest's figure for the same clicks in the note. Runs in its own process
    (pages/ui/bench_add_item.py): this package does not import Streamlit."""
    name = "Menu builder: add one item (save + rerun), server side, median"
    bench.progress("Adding foods in the menu builder (a real app server)…")
    result = _run_app_module(bench, "pages.ui.bench_add_item")
    if "error" in result:
        return Figure(name, None, "ms", ADD_ITEM_TARGET, f"failed: {result['error']}")
    note = (
        f"AppTest's round trip for the same clicks: {percentile(result['apptest_ms'], 50):.0f} ms"
    )
    return Figure(name, percentile(result["timings_ms"], 50), "ms", ADD_ITEM_TARGET, note)


def _run_app_module(bench: Bench, module: str) -> dict:
    """Run one of the app side's timing modules on a copy of the bench database (or on the
    server database) in a process of its own: this package does not import Streamlit."""
    copy = bench.workdir / f"{module.rsplit('.', 1)[-1]}.duckdb"
    env = dict(os.environ)
    if bench.url:  # the app process on the server database, as a practice's would be
        env[URL_ENV] = bench.url
    else:
        shutil.copy(bench.db_path, copy)
    done = subprocess.run(
        [sys.executable, "-m", module, str(copy)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )
    lines = done.stdout.strip().splitlines()
    if not lines:
        return {"error": done.stderr.strip()[-200:] or "no output"}
    return json.loads(lines[-1])


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


def _page_reruns(bench: Bench) -> dict:
    """Every page's rerun timings, measured once per bench (its own process)."""
    if "page_reruns" not in bench.shared:
        bench.progress("Rerunning every page with the demo data (a real app server)…")
        bench.shared["page_reruns"] = _run_app_module(bench, "pages.ui.bench_page_reruns")
    return bench.shared["page_reruns"]


def _page_rerun_measure(title: str) -> Callable[[Bench], Figure]:
    def measure(bench: Bench) -> Figure:
        name = f"Rerun p95: {title}"
        result = _page_reruns(bench)
        if "error" in result:
            return Figure(name, None, "ms", RERUN_TARGET, f"failed: {result['error']}")
        timings = result["timings_ms"].get(title)
        if not timings:
            return Figure(name, None, "ms", RERUN_TARGET, "failed: not measured")
        return Figure(name, percentile(timings, 95), "ms", RERUN_TARGET)

    measure.__name__ = f"measure_rerun_{title.lower().replace(' ', '_').replace(',', '')}"
    return measure


PAGE_RERUNS: list[Callable[[Bench], Figure]] = [_page_rerun_measure(t) for t in RERUN_PAGES]
