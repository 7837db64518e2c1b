"""A dietitian generates a week for the demo client in the real browser: a new menu in the
builder, "Generate" on the Generate page, then every day's bars in the builder inside ±5 %."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LINE = re.compile(r"(Energy|Protein|Carbohydrate|Fat): [\d,]+ of [\d,]+ \w+ \((\d+) %\)")
GENERATION_TIMEOUT_MS = 120_000  # seven days on a busy CI machine


def _day_shares(page) -> dict[str, int]:
    """The day's target lines under its bars: 'Energy: 2,031 of 2,075 kcal (98 %)'."""
    block = page.get_by_text(re.compile(r"Energy: [\d,]+ of")).first
    block.wait_for()
    return {name: int(pct) for name, pct in LINE.findall(block.inner_text())}


@pytest.mark.e2e
def test_a_generated_week_for_the_demo_client_has_every_day_inside_tolerance(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    try:
        page.goto(app_url + "/menu_builder")
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        page.get_by_text("New menu", exact=True).click()
        name = page.get_by_role("textbox", name="Menu name", exact=True)
        name.fill("Generated in the browser")
        name.press("Enter")
        page.get_by_role("button", name="Create menu", exact=True).click()
        # The empty week's day totals, in the grid (drawn on a canvas, read by role).
        page.get_by_text("0 kcal", exact=True).first.wait_for(state="attached")

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Generate", exact=True).click()
        page.locator("h1").filter(has_text="Generate").first.wait_for()
        page.get_by_role("button", name="Generate", exact=True).click()
        # When it is done the page shows the week against its targets, one cell per day and target.
        cells = page.get_by_role(
            "gridcell", name=re.compile(r" kcal \(.*\) [✓✗]$"), include_hidden=True
        )
        cells.nth(6).wait_for(state="attached", timeout=GENERATION_TIMEOUT_MS)
        page.screenshot(path=screenshot_dir / "generate-page.png", full_page=True)
        marks = [
            cells.nth(i).get_attribute("aria-label") or cells.nth(i).inner_text()
            for i in range(cells.count())
        ]
        assert len(marks) == 7 and all(m.strip().endswith("✓") for m in marks), marks

        page.get_by_test_id("stSidebarNav").get_by_role(
            "link", name="Menu builder", exact=True
        ).click()
        page.locator("h1").filter(has_text="Menu builder").first.wait_for()
        page.get_by_role("tab", name="Day by day").click()
        # The day picker is a segmented control: a radio group of buttons labelled "Day".
        day_buttons = page.get_by_role("radiogroup", name="Day").locator("button")
        day_buttons.first.wait_for()
        labels = [day_buttons.nth(i).inner_text() for i in range(day_buttons.count())]
        assert len(labels) == 7
        for index, label in enumerate(labels):
            day_buttons.nth(index).click()
            page.get_by_text(re.compile(r"Energy: [1-9][\d,]* of")).first.wait_for()
            shares = _day_shares(page)
            assert set(shares) == {"Energy", "Protein", "Carbohydrate", "Fat"}, (label, shares)
            assert all(95 <= pct <= 105 for pct in shares.values()), (label, shares)
            if index in (0, 3):
                page.screenshot(
                    path=screenshot_dir / f"builder-day-{index + 1}.png", full_page=True
                )
    finally:
        page.screenshot(path=screenshot_dir / "last.png", full_page=True)
