"""Browser tests: `streamlit run app.py` on a freshly built database, driven by playwright with
Debian's chromium (/usr/bin/chromium; `playwright install` cannot download browsers here).

Without chromium the tests are skipped on a developer machine and fail in CI (env CI set), where
`.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from menuplanner import setup
from menuplanner.bench import CHROMIUM, CHROMIUM_ARGS, free_port, stop, wait_for_health
from menuplanner.store.duckdb import database

PROJECT_DIR = Path(__file__).resolve().parents[2]
OUTPUT_DIR = PROJECT_DIR / "tests" / "output"
STARTUP_TIMEOUT_S = 60


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `streamlit run app.py` on its own, already built, database."""
    db_path = tmp_path_factory.mktemp("e2e") / "menuplanner.duckdb"
    setup.build_database(db_path)
    port = free_port()
    uv = shutil.which("uv")
    runner = [uv, "run"] if uv else [sys.executable, "-m"]
    command = [
        *runner, "streamlit", "run", "app.py", "--server.headless", "true",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # edits during a run must not rerun the page
    ]  # fmt: skip
    log_path = db_path.with_name("streamlit.log")
    env = {**os.environ, database.ENV_VAR: str(db_path)}
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            if not wait_for_health(url, STARTUP_TIMEOUT_S, server):
                output = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"`{' '.join(command)}` did not become healthy:\n{output}")
            yield url
        finally:
            stop(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must provide it")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser_page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot_dir(request: pytest.FixtureRequest) -> Path:
    """tests/output/<test name>/ (git-ignored), emptied for each run."""
    path = OUTPUT_DIR / request.node.name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
