"""A dietitian's main flow in the real browser: create a client (targets computed and shown),
create a menu for them, add three foods to Monday and watch the day against its targets, then
see an allergen flagged for the demo client."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

MAIN = "stMain"  # the page body, as opposed to the sidebar


def _pick(page, label: str, option: str) -> None:
    """Choose `option` in the main area's selectbox labelled `label`."""
    box = (
        page.get_by_test_id(MAIN)
        .get_by_test_id("stSelectbox")
        .filter(has=page.get_by_text(label, exact=True))
    )
    box.first.click()
    page.get_by_role("option", name=option, exact=True).click()


def _number(page, label: str, value: str) -> None:
    field = page.get_by_test_id(MAIN).get_by_role("spinbutton", name=label, exact=True)
    field.fill(value)
    field.press("Tab")


def _add_food(page, query: str, food: str) -> None:
    search = page.get_by_role("textbox", name="Find a food", exact=True)
    search.fill(query)
    search.press("Enter")
    expect(page.get_by_role("combobox", name="Food", exact=True)).to_have_value(food)
    page.get_by_role("button", name="Add food", exact=True).click()
    page.get_by_text(food, exact=True).first.wait_for()  # now listed in the meal


def _new_menu(page, name: str) -> None:
    field = page.get_by_role("textbox", name="Menu name", exact=True)
    expander = page.get_by_test_id("stExpander").filter(has_text="New menu").locator("summary")
    expander.wait_for()
    if not field.is_visible():  # the form starts open only for a client without menus
        expander.click()  # drawn once the page has rerun with it open
    field.wait_for()
    field.fill(name)
    field.press("Enter")
    page.get_by_role("button", name="Create menu", exact=True).click()
    page.get_by_role("tab", name="Day by day").click()


@pytest.mark.e2e
def test_a_new_client_gets_targets_and_a_monday_whose_totals_update(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url + "/clients")
        page.locator("h1").filter(has_text="Clients").first.wait_for()
        _pick(page, "Client", "+ New client")
        page.locator("h3").filter(has_text="New client").first.wait_for()
        page.get_by_role("textbox", name="Name", exact=True).fill("Browser Client")
        sex = page.get_by_test_id("stRadio").filter(has=page.get_by_text("Female", exact=True))
        sex.get_by_text("Male", exact=True).click()
        _number(page, "Birth year", str(dt.date.today().year - 30))
        _number(page, "Height (cm)", "180")
        _number(page, "Weight (kg)", "80")
        page.get_by_role("button", name="Create client", exact=True).click()
        page.get_by_text("Saved Browser Client.", exact=True).wait_for()
        # 1,780 kcal resting (Mifflin-St Jeor) × 1.375 (light activity, the default) = 2,448
        page.get_by_test_id("stMetricValue").filter(has_text="2,448 kcal").first.wait_for()
        page.screenshot(path=screenshot_dir / "1-client.png", full_page=True)

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Menu builder").click()
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        page.get_by_text("Browser Client has no menu yet", exact=False).wait_for()
        _new_menu(page, "First week")
        _add_food(page, "butter salted", "Butter, salted")  # 100 g: 717 kcal
        _add_food(page, "egg whole raw fresh", "Egg, whole, raw, fresh")  # 100 g: 143 kcal
        _add_food(page, "bananas raw", "Bananas, raw")  # 100 g: 89 kcal
        page.get_by_text("Energy: 949 of 2,448 kcal (39 %)").wait_for()
        page.screenshot(path=screenshot_dir / "2-monday.png", full_page=True)
    finally:
        page.screenshot(path=screenshot_dir / "last.png", full_page=True)


@pytest.mark.e2e
def test_an_allergen_is_flagged_as_soon_as_it_is_added(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url + "/menu_builder")
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        sidebar_client = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
        sidebar_client.click()
        page.get_by_role("option", name="Maya Jensen (demo)", exact=True).click()
        page.get_by_text("Maya Jensen (demo) · ", exact=False).first.wait_for()
        page.wait_for_timeout(500)  # let the rerun that follows the pick settle
        _new_menu(page, "Allergy check")
        _add_food(page, "peanut butter smooth", "Peanut butter, smooth style, with salt")
        page.get_by_text("⚠ Contains peanuts — client is allergic to peanuts").wait_for()
    finally:
        page.screenshot(path=screenshot_dir / "menu-builder.png", full_page=True)


@pytest.mark.e2e
def test_a_granola_bar_is_marked_allergens_unverified_for_a_peanut_allergy(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url + "/menu_builder")
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        sidebar_client = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
        sidebar_client.click()
        page.get_by_role("option", name="Maya Jensen (demo)", exact=True).click()
        page.get_by_text("Maya Jensen (demo) · ", exact=False).first.wait_for()
        page.wait_for_timeout(500)
        _new_menu(page, "Label check")
        _add_food(page, "granola bars hard plain", "Snacks, granola bars, hard, plain")
        page.get_by_text(
            "⚠ Allergens unverified: may contain peanuts (breakfast cereal, granola, muesli or "
            "bar); check the label"
        ).wait_for()
        page.screenshot(path=screenshot_dir / "unverified.png", full_page=True)
    finally:
        page.screenshot(path=screenshot_dir / "last.png", full_page=True)
