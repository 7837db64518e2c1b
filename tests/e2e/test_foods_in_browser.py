"""A newcomer finds a food in the browser and sees its nutrient panel; a meat analogue is marked
"allergens unverified" until a dietitian confirms what its label says."""

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


@pytest.mark.e2e
def test_a_meat_analogue_is_marked_unverified_until_the_dietitian_confirms_its_tags(
    app_url: str, browser_page, screenshot_dir: Path
):
    """Issue 12: 'Chicken, meatless' may hold soy, wheat, egg and milk; having read its label,
    the dietitian confirms soy and wheat, and the mark is gone; going back to the automatic tags
    brings it back."""
    page = browser_page
    warning = page.get_by_test_id("stAlertContentWarning").filter(
        has_text="Allergens unverified: may contain milk, egg, wheat, gluten and soy (meat or "
        "fish analogue); check the label."
    )
    try:
        page.goto(app_url)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Foods", exact=True).click()
        page.locator("h1").filter(has_text="Foods").first.wait_for()
        search = page.get_by_role("textbox", name="Search foods", exact=True)
        search.fill("chicken meatless")
        search.press("Enter")
        page.get_by_test_id("stSelectbox").filter(has_text="Show nutrients for").click()
        page.get_by_role("option", name="Chicken, meatless", exact=True).click()
        page.get_by_role("heading", name="Chicken, meatless", exact=True).wait_for()
        warning.wait_for()
        page.screenshot(path=screenshot_dir / "unverified.png", full_page=True)

        tags = page.get_by_test_id("stMultiSelect").filter(has_text="Contains").locator("input")
        for tag in ("Soy", "Wheat"):
            tags.click()
            tags.fill(tag)
            tags.press("Enter")  # the one option the typed name leaves
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Confirm these tags", exact=True).click()
        page.get_by_text("Wheat, Soy (confirmed or corrected by you)").wait_for()
        warning.wait_for(state="detached")
        page.screenshot(path=screenshot_dir / "confirmed.png", full_page=True)

        page.get_by_test_id("stExpander").filter(has_text="Confirm or correct").locator(
            "summary"
        ).click()  # closed once nothing is unverified
        page.get_by_role("button", name="Back to the automatic tags", exact=True).click()
        warning.wait_for()
    finally:
        page.screenshot(path=screenshot_dir / "last.png", full_page=True)
