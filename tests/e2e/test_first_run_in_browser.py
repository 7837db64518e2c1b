"""Issue 17: a first run that cannot be broken. On a fresh clone (no database yet, and the
leftover `.building` file of a build that was killed), a newcomer opens the app, wanders between
pages, refreshes and opens a second tab while the database is being built: one build, every
session shows it and carries on by itself, then every page renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from pages.ui import first_run
from tests.browser import running_app

BUILD_TIMEOUT_MS = 240_000
TITLES = {
    "": "Dashboard",
    "menu_builder": "Menu builder",
    "clients": "Clients",
    "recipes": "Recipes",
    "generate": "Generate",
    "export": "Export and share",
    "foods": "Foods",
    "imports": "Import data",
    "api_keys": "API keys",
}


def _sidebar_links(page) -> list[str]:
    nav = page.get_by_test_id("stSidebarNav")
    nav.wait_for()
    # Each link reads "<icon name>\n\n<title>": the title is its last line.
    return [text.strip().splitlines()[-1] for text in nav.get_by_role("link").all_inner_texts()]


@pytest.mark.e2e
def test_one_build_survives_navigation_refresh_and_a_second_tab(
    browser, tmp_path: Path, screenshot_dir: Path
):
    db_path = tmp_path / "menuplanner.duckdb"
    leftover = tmp_path / "menuplanner.duckdb.building"
    leftover.write_bytes(b"half a database, from a build that was killed")
    first = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    second = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    building = first_run.TITLE
    # The build pauses first: a few seconds are not enough to wander about during it.
    with running_app(db_path, env={first_run.PAUSE_ENV: "10"}) as url:
        try:
            first.goto(url)
            first.get_by_text(building).wait_for(timeout=60_000)
            first.get_by_text(first_run.LEFTOVER.format(name=leftover.name)).wait_for()
            # Our page list, also during the build: never Streamlit's own ("app", "home"…).
            assert _sidebar_links(first) == list(TITLES.values())
            first.screenshot(path=screenshot_dir / "building.png")

            first.goto(f"{url}/menu_builder")
            first.get_by_text(building).wait_for()
            first.reload()
            first.get_by_text(building).wait_for()
            first.goto(f"{url}/home")  # Streamlit's own address for pages/home.py
            second.goto(f"{url}/clients")
            second.get_by_text(building).wait_for()

            # Both sessions carry on by themselves once the one build is done.
            first.locator("h1").filter(has_text="Dashboard").wait_for(timeout=BUILD_TIMEOUT_MS)
            second.locator("h1").filter(has_text="Clients").wait_for(timeout=BUILD_TIMEOUT_MS)
            assert first.url.rstrip("/") == url  # /home landed on the Dashboard's address
            assert first.get_by_text("Page not found").count() == 0

            for address, title in TITLES.items():
                first.goto(f"{url}/{address}")
                first.locator("h1").filter(has_text=title).first.wait_for()
                assert first.get_by_test_id("stException").count() == 0, address
            first.goto(f"{url}/app")
            first.locator("h1").filter(has_text="Dashboard").wait_for()
            assert first.get_by_text("Page not found").count() == 0
            first.screenshot(path=screenshot_dir / "after-build.png")
        finally:
            first.screenshot(path=screenshot_dir / "last.png")

    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert log.count("menuplanner: building the nutrition database at") == 1, log[-3000:]
    assert log.count("menuplanner: build finished (ready)") == 1, log[-3000:]
    assert db_path.exists()
    assert not leftover.exists()
