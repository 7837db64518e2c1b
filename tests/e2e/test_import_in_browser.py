"""A dietitian uploads a national table CSV in the browser, reads the report, imports it and
finds the new food on the Foods page."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "table_german_bom.csv"


@pytest.mark.e2e
def test_uploading_a_csv_imports_its_foods_and_they_are_found(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    step = "start"
    try:
        page.goto(app_url)
        page.get_by_test_id("stSidebarNav").get_by_role(
            "link", name="Import data", exact=True
        ).click()
        page.locator("h1").filter(has_text="Import data").first.wait_for()
        page.locator("input[type=file]").first.set_input_files(FIXTURE)
        page.get_by_text("header on line 2").first.wait_for()
        step = "checked"
        page.get_by_role("button", name="Check the file").click()
        page.get_by_text("All 5 foods passed every check.").wait_for()
        page.get_by_text("1 food: converted from kJ").wait_for()
        page.screenshot(path=screenshot_dir / "report.png", full_page=True)
        step = "imported"
        page.get_by_role("button", name="Import", exact=True).click()
        page.get_by_test_id("stAlertContentSuccess").filter(
            has_text="Imported “table_german_bom”: 5 foods"
        ).wait_for()
        page.screenshot(path=screenshot_dir / "imported.png", full_page=True)
        step = "found"
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Foods", exact=True).click()
        search = page.get_by_role("textbox", name="Search foods", exact=True)
        search.fill("vollkornbrot")
        search.press("Enter")
        page.get_by_role("heading", name="Vollkornbrot").wait_for()
        page.get_by_text(
            "table_german_bom"
        ).first.wait_for()  # the panel says where the food comes from
    finally:
        page.screenshot(path=screenshot_dir / f"{step}.png", full_page=True)
