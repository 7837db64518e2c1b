"""The vegan demo client's week in the real browser: the Micronutrients tab of the menu builder
reads low in vitamin B12 and vitamin D, and so does the dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

NORA = "Nora Lind (demo)"


@pytest.mark.e2e
def test_the_vegan_weeks_low_nutrients_are_read_in_the_builder_and_on_the_dashboard(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url + "/menu_builder")
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
        page.get_by_role("option", name=NORA, exact=True).click()
        page.get_by_text(f"{NORA} · ", exact=False).first.wait_for()
        page.wait_for_timeout(500)  # let the rerun that follows the pick settle
        page.get_by_role("tab", name="Micronutrients").click()
        main = page.get_by_test_id("stMain")
        main.get_by_text("Average of the 7 planned days", exact=False).first.wait_for()
        lines = main.get_by_test_id("stMarkdownContainer").filter(has_text="Vitamin B12:")
        text = lines.first.inner_text()
        low = sorted(
            line.split(":")[0].strip("●? ") for line in text.splitlines() if line.endswith(": low")
        )
        assert low == ["Calcium", "Vitamin B12", "Vitamin D"], text
        expect(main.get_by_text("Life stage: Females 31–50 y", exact=False)).to_be_visible()
        page.screenshot(path=screenshot_dir / "micronutrients.png", full_page=True)

        page.goto(app_url + "/")
        page.locator("h1").filter(has_text="Dashboard").first.wait_for()
        table = page.get_by_test_id("stDataFrame").first
        table.wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=screenshot_dir / "dashboard.png", full_page=True)
    finally:
        page.screenshot(path=screenshot_dir / "last.png", full_page=True)
