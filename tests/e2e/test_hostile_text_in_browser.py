"""Hostile text typed into the real UI stays text in the browser: a client named
`<img src=x onerror=alert(1)>` with a Markdown image and a javascript: link in her notes, and a
menu named like a link. On the Dashboard, Clients, Menu builder and Export pages no dialog ever
opens, no image or javascript: link is made from that text, and the text itself is visible.
The client is deleted at the end, so the other browser tests find the database as before."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.hostile_text import IMG, JS_LINK, MD_IMAGE

MAIN = "stMain"
PAGES = [
    ("Dashboard", "Dashboard"),
    ("Clients", "Clients"),
    ("Menu builder", "Menu builder"),
    ("Export and share", "Export and share"),
]


def _go(page, link: str, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    page.locator("h1").filter(has_text=title).first.wait_for()
    page.wait_for_timeout(1500)  # let the page finish drawing every element


def _nothing_came_alive(page) -> list[str]:
    """What the hostile text would have become, had it been rendered as Markdown or HTML, in
    the page or any frame in it (the Export page shows the printable page in an iframe)."""
    found = []
    for frame in page.frames:
        for selector in (
            'img[src="x"]',
            'img[src*="example.invalid"]',
            'a[href^="javascript:" i]',
            "[onerror]",
        ):
            if frame.locator(selector).count():
                found.append(f"{frame.url[:40]}: {selector}")
    return found


def _pick_client(page, name: str) -> None:
    sidebar = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
    sidebar.click()
    page.get_by_role("option", name=name, exact=True).click()


@pytest.mark.e2e
def test_hostile_names_and_notes_stay_text_on_every_page(
    app_url: str, browser_page, screenshot_dir: Path
):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(app_url + "/clients")
        page.locator("h1").filter(has_text="Clients").first.wait_for()
        box = (
            page.get_by_test_id(MAIN)
            .get_by_test_id("stSelectbox")
            .filter(has=page.get_by_text("Client", exact=True))
        )
        box.first.click()
        page.get_by_role("option", name="+ New client", exact=True).click()
        page.locator("h3").filter(has_text="New client").first.wait_for()
        page.get_by_role("textbox", name="Name", exact=True).fill(IMG)
        page.get_by_role("textbox", name="Notes", exact=True).fill(f"{MD_IMAGE}\n{JS_LINK}")
        for label, value in (("Birth year", "1990"), ("Height (cm)", "165"), ("Weight (kg)", "60")):
            field = page.get_by_test_id(MAIN).get_by_role("spinbutton", name=label, exact=True)
            field.fill(value)
            field.press("Tab")
        page.get_by_role("button", name="Create client", exact=True).click()
        page.get_by_text(f"Saved {IMG}.", exact=True).wait_for()
        page.locator("h3").filter(has_text=IMG).first.wait_for()
        # waits for the saved client's form to be drawn (reading the box at once could catch
        # the new-client form still on screen on a busy machine)
        expect(page.get_by_role("textbox", name="Notes", exact=True)).to_have_value(
            f"{MD_IMAGE}\n{JS_LINK}"
        )
        assert _nothing_came_alive(page) == []
        page.screenshot(path=screenshot_dir / "1-clients.png", full_page=True)

        _go(page, "Menu builder", "Menu builder")
        page.get_by_text(f"{IMG} has no menu yet", exact=False).wait_for()
        name = page.get_by_role("textbox", name="Menu name", exact=True)
        name.fill(JS_LINK)
        name.press("Enter")
        page.get_by_role("button", name="Create menu", exact=True).click()
        page.get_by_text("0 kcal", exact=True).first.wait_for(state="attached")  # the empty week
        page.get_by_text(f"{IMG} · ", exact=False).first.wait_for()
        assert _nothing_came_alive(page) == []
        page.screenshot(path=screenshot_dir / "2-menu-builder.png", full_page=True)

        for number, (link, title) in enumerate(PAGES, start=3):
            _go(page, link, title)
            if title == "Dashboard":  # in the table of menus (drawn on a canvas, read by role)
                for text in (IMG, JS_LINK):
                    page.get_by_text(text, exact=True).first.wait_for(state="attached")
            if title == "Export and share":
                page.get_by_text(f"{IMG} · ", exact=False).first.wait_for()
                printable = page.frame_locator("iframe").first
                printable.get_by_text(f"Meal plan for {IMG}", exact=True).wait_for()
                assert len(page.frames) > 1
            assert _nothing_came_alive(page) == [], title
            page.screenshot(
                path=screenshot_dir / f"{number}-{link.split()[0].lower()}.png", full_page=True
            )
        assert dialogs == []
    except BaseException:
        page.screenshot(path=screenshot_dir / "last.png", full_page=True)
        with contextlib.suppress(Exception):  # tidy up, but report the first failure
            _delete_client(page)
        raise
    _delete_client(page)
    assert dialogs == []


def _delete_client(page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Clients", exact=True).click()
    page.locator("h1").filter(has_text="Clients").first.wait_for()
    if not page.locator("h3").filter(has_text=IMG).count():
        _pick_client(page, IMG)
        page.locator("h3").filter(has_text=IMG).first.wait_for()
    page.get_by_role("button", name="Delete client…", exact=True).click()
    page.get_by_role("button", name=f"Yes, delete {IMG} and their 1 menu", exact=True).click()
    page.get_by_text(f"Deleted {IMG} and their 1 menu.", exact=True).wait_for()
