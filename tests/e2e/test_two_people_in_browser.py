"""Two people on one menu in two real browsers: the second change, made on a screen that is no
longer current, is refused with what the first person changed, and the second person stays
where they were working (the "Day by day" tab) with the stored amounts back in the inputs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import running_app


@pytest.fixture(scope="module")
def own_app_url(built_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Its own database copy: this test changes the demo week the other browser tests read."""
    db_path = tmp_path_factory.mktemp("two-people") / "menuplanner.duckdb"
    shutil.copy(built_database, db_path)
    with running_app(db_path) as url:
        yield url


def _open_monday(browser, url: str, cookies: list[dict] | None = None):
    context = browser.new_context(viewport={"width": 1400, "height": 1500})
    if cookies:
        context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url + "/menu_builder")
    page.locator("h1").filter(has_text="Menu builder").first.wait_for()
    page.get_by_role("tab", name="Day by day").click()
    page.get_by_text("Day against targets", exact=True).wait_for()
    return page


@pytest.mark.e2e
def test_a_change_on_a_stale_screen_is_refused_naming_the_other_change(
    own_app_url: str, browser, screenshot_dir: Path
):
    ana, ben = _open_monday(browser, own_app_url), _open_monday(browser, own_app_url)
    try:
        ana_adds_a_banana_and_ben_is_refused_then_saves(
            ana, ben, screenshot_dir / "ben-refused.png"
        )
    finally:
        ana.context.close()
        ben.context.close()


def ana_adds_a_banana_and_ben_is_refused_then_saves(ana, ben, screenshot: Path) -> None:
    """Ana adds 100 g of banana to Monday's breakfast; Ben, on a screen opened before that,
    changes the orange juice (1 cup) to 3 cups: refused naming Ana's banana, he stays on the
    day view with the stored amount back; made again, his change is saved."""
    search = ana.get_by_role("textbox", name="Find a food", exact=True)
    search.fill("bananas raw")
    search.press("Enter")
    expect(ana.get_by_role("combobox", name="Food", exact=True)).to_have_value("Bananas, raw")
    ana.get_by_role("button", name="Add food", exact=True).click()
    ana.get_by_text("89 kcal · 100 g").first.wait_for()  # 100 g of banana: 89 kcal

    # Ben's screen still shows the menu without Ana's banana; he changes the orange juice
    # (Monday's breakfast, 1 cup) to 3 cups.
    juice_row = (
        ben.get_by_test_id("stHorizontalBlock")
        .filter(has_text="Orange juice, raw")
        .filter(has_not_text="Breakfast")
    )  # the item's own row
    juice = juice_row.get_by_role("spinbutton", name="Amount")
    expect(juice).to_have_value("1.0")
    juice.fill("3")
    juice.press("Tab")

    refusal = ben.get_by_test_id("stAlertContentWarning")
    expect(refusal).to_contain_text(
        "Someone else changed this menu after you opened it, so your change was not saved."
    )
    expect(refusal).to_contain_text("Breakfast: added Bananas, raw (100 g)")
    expect(ben.get_by_role("tab", name="Day by day")).to_have_attribute("aria-selected", "true")
    expect(juice).to_have_value("1.0")  # the stored amount, not the refused 3
    ben.get_by_text("89 kcal · 100 g").first.wait_for()  # Ana's banana, now shown
    ben.screenshot(path=screenshot, full_page=True)

    juice.fill("3")  # made again on the current menu, it is saved
    juice.press("Tab")
    ben.get_by_text("335 kcal · 744 g").first.wait_for()  # 3 cups of 248 g, 45 kcal/100 g
    expect(refusal).to_have_count(0)
