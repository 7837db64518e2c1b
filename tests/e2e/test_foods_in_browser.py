"""A newcomer finds a food in the browser and sees its nutrient panel."""

from __future__ import annotations

from pathlib import Path

import pytest

CHICKEN_BREAST = "Chicken, broilers or fryers, breast, meat only, cooked, roasted"


@pytest.mark.e2e
def test_searching_roasted_chicken_breast_shows_its_nutrients(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Foods", exact=True).click()
        page.locator("h1").filter(has_text="Foods").first.wait_for()

        search = page.get_by_role("textbox", name="Search foods", exact=True)
        search.fill("roasted chicken breast")
        search.press("Enter")

        page.get_by_text(CHICKEN_BREAST, exact=True).first.wait_for()
        panel = page.get_by_text("Energy and macronutrients").first
        panel.wait_for()
        panel.scroll_into_view_if_needed()
        # The nutrient table is a canvas grid; its cells are mirrored, hidden, for screen readers.
        page.get_by_role("gridcell", name="165 kcal", include_hidden=True).first.wait_for(
            state="attached"
        )
    finally:  # on failure too: the picture shows what the page showed instead
        page.screenshot(path=screenshot_dir / "chicken-breast.png")
