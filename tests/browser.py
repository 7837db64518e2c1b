"""Debian's chromium for browser tests, and `streamlit run app.py` for it to visit; shared by
tests/e2e and the crash tests (which kill the server mid-action).

Without chromium, tests are skipped on a developer machine and fail in CI (env CI set), where
`.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from menuplanner.bench import CHROMIUM, CHROMIUM_ARGS, free_port, stop, wait_for_health
from menuplanner.store.duckdb import database

PROJECT_DIR = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 60


@contextmanager
def chromium() -> Iterator[object]:
    """A launched headless chromium (playwright Browser)."""
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


@contextmanager
def running_app(
    db_path: Path,
    *options: str,
    host: str = "127.0.0.1",
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` on `db_path` with extra command-line `options` and environment
    `env`; yields its base URL and stops it after. Its output goes to streamlit.log beside the
    database."""
    port = port or free_port()
    uv = shutil.which("uv")
    runner = [uv, "run"] if uv else [sys.executable, "-m"]
    command = [
        *runner,
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
        "none",  # edits during a run must not rerun the page
        *options,
    ]
    log_path = db_path.with_name("streamlit.log")
    env = {**os.environ, **(env or {}), database.ENV_VAR: str(db_path)}
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://{host}:{port}"
            if not wait_for_health(url, STARTUP_TIMEOUT_S, server):
                output = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"`{' '.join(command)}` did not become healthy:\n{output}")
            yield url
        finally:
            stop(server)
