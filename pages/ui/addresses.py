"""Addresses people type or keep that are not a page's own: Streamlit's automatic names from
before the router existed (`/home`, `/app`) and the usual slips (`/menu-builder`, `/client`,
`/import`). Each is a hidden page that switches to the page meant, so no "Page not found"
dialog shows; an address like no page at all still gets Streamlit's dialog over the Dashboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st
from streamlit.navigation.page import StreamlitPage

# Addresses of the Dashboard besides its own ("home" was pages/home.py's automatic address)
DASHBOARD_ALIASES = ("home", "app", "index", "main", "start")


def variants(url_path: str) -> list[str]:
    """The slips of one page's address: hyphens for underscores, none at all, one letter fewer
    or more at the end ('clients' → 'client', 'export' → 'exports')."""
    found = [url_path.replace("_", "-"), url_path.replace("_", "")]
    found.append(url_path[:-1] if url_path.endswith("s") else url_path + "s")
    return [v for v in dict.fromkeys(found) if v and v != url_path]


def aliases(pages: Iterable[StreamlitPage], dashboard: StreamlitPage) -> list[StreamlitPage]:
    """Hidden pages for the other addresses of `pages`, each switching to its page."""
    pages = list(pages)
    taken = {page.url_path for page in pages}
    wanted: dict[str, StreamlitPage] = {a: dashboard for a in DASHBOARD_ALIASES}
    for page in pages:
        if page.url_path:  # the default page's is "" (the root): its aliases are above
            for address in variants(page.url_path):
                wanted.setdefault(address, page)
    return [
        st.Page(_switch_to(page), title=page.title, url_path=address, visibility="hidden")
        for address, page in wanted.items()
        if address not in taken
    ]


def _switch_to(page: StreamlitPage) -> Callable[[], None]:
    def switch() -> None:
        st.switch_page(page)

    return switch
