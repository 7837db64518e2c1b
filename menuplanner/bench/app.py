"""Figures of the dashboard itself: cold start to a rendered page (next to a 3-line Streamlit
app's in the same run), and the menu builder's add-one-item round trip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
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


def measure_builder_rerun(bench: Bench) -> Figure:
    """Server side of adding one food in the menu builder: the click's script run, the save,
    and the redraw (Streamlit's AppTest, no browser), median of 5. Runs in its own process
    (pages/ui/bench_add_item.py): this package does not import Streamlit."""
    import json

    name = "Menu builder: add one item (save + rerun), server side, median"
    bench.progress("Adding foods in the menu builder (AppTest)…")
    copy = bench.workdir / "builder.duckdb"
    env = dict(os.environ)
    if bench.url:  # the app process on the server database, as a practice's would be
        env[URL_ENV] = bench.url
    else:
        shutil.copy(bench.db_path, copy)
    done = subprocess.run(
        [sys.executable, "-m", "pages.ui.bench_add_item", str(copy)],
        cwd=PROJECT_DIR,
        env=env,
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
