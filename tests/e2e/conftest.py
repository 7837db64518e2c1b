"""Browser tests: `streamlit run app.py` on a freshly built database, driven by playwright with
Debian's chromium (/usr/bin/chromium; `playwright install` cannot download browsers here).

Without chromium the tests are skipped on a developer machine and fail in CI (env CI set), where
`.ci/run` installs it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from menuplanner import setup
from tests.browser import PROJECT_DIR, running_app

OUTPUT_DIR = PROJECT_DIR / "tests" / "output"


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `streamlit run app.py` on its own, already built, database."""
    db_path = tmp_path_factory.mktemp("e2e") / "menuplanner.duckdb"
    setup.build_database(db_path)
    with running_app(db_path) as url:
        yield url


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
