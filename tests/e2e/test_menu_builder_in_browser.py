"""A dietitian builds a day in the real browser: a new menu for the demo client, foods added
to Monday, the day's energy line and an allergy warning updating as they go."""

from __future__ import annotations

from pathlib import Path

import pytest


def _add_food(page, query: str, food: str) -> None:
    search = page.get_by_role("textbox", name="Find a food", exact=True)
    search.fill(query)
    search.press("Enter")
    add = page.get_by_role("button", name="Add food", exact=True)  # shown once a food is picked
    add.wait_for()
    add.click()
    page.get_by_text(food, exact=True).first.wait_for()  # now listed in the meal


@pytest.mark.e2e
def test_foods_added_to_monday_update_the_day_against_targets(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url + "/menu_builder")
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        page.get_by_text("New menu", exact=True).click()
        name = page.get_by_role("textbox", name="Menu name", exact=True)
        name.fill("Browser week")
        name.press("Enter")
        page.get_by_role("button", name="Create menu", exact=True).click()
        page.get_by_role("tab", name="Day by day").click()

        _add_food(page, "butter salted", "Butter, salted")
        page.get_by_text("Energy: 717 of 2,075 kcal (35 %)").wait_for()  # 100 g of butter
        _add_food(page, "peanut butter smooth", "Peanut butter, smooth style, with salt")
        page.get_by_text("⚠ Contains peanuts — client is allergic to peanuts").wait_for()
        # 100 g butter (717 kcal) + 100 g peanut butter (588 kcal)
        page.get_by_text("Energy: 1,305 of 2,075 kcal (63 %)").wait_for()
    finally:
        page.screenshot(path=screenshot_dir / "menu-builder.png", full_page=True)
