"""Addresses people keep or mistype open the page they meant, without Streamlit's "Page not
found" dialog; an address like no page at all still says so, over the Dashboard."""

from __future__ import annotations

import pytest

MEANT = [
    ("home", "Dashboard"),  # Streamlit's own address of pages/home.py before the router
    ("app", "Dashboard"),
    ("menu-builder", "Menu builder"),
    ("menubuilder", "Menu builder"),
    ("client", "Clients"),
    ("recipe", "Recipes"),
    ("import", "Import data"),
    ("food", "Foods"),
    ("api-keys", "API keys"),
]


@pytest.mark.e2e
def test_old_and_mistyped_addresses_open_the_page_meant(app_url: str, browser_page) -> None:
    page = browser_page
    for address, title in MEANT:
        page.goto(f"{app_url}/{address}")
        page.locator("h1").filter(has_text=title).first.wait_for()
        page.wait_for_timeout(300)  # a dialog would come with the page's first elements
        assert page.get_by_text("Page not found").count() == 0, address
    page.goto(f"{app_url}/no-such-page")
    page.get_by_text("Page not found").wait_for()
    page.locator("h1").filter(has_text="Dashboard").first.wait_for()
