"""The client's menu: options (practice, notes, nutrient numbers, paper), the PDF and printable
page downloads, and the printable page itself. Widget keys under `key`."""

from __future__ import annotations

import base64
import os

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.export.document import PRACTICE_ENV, ExportOptions
from menuplanner.services import export
from pages.ui import database, page_memo
from pages.ui.export_buttons import deferred
from pages.ui.text import literal

PAPERS = {"A4": "A4", "Letter": "US Letter"}


def handout_options(key: str) -> ExportOptions | None:
    """The options as typed, or None after saying what is wrong with them."""
    left, right = st.columns([3, 2])
    practice = left.text_input(
        "Practice name (printed at the top)",
        value=os.environ.get(PRACTICE_ENV, ""),
        max_chars=120,
        key=f"{key}_practice",
    )
    notes = left.text_area(
        "Notes for the client",
        max_chars=export.MAX_NOTES,
        height=110,
        key=f"{key}_notes",
        placeholder="e.g. Drink a glass of water with every meal. Call me with any question.",
    )
    numbers = right.toggle(
        "Show kcal, nutrients and targets",
        value=True,
        key=f"{key}_numbers",
        help="Turn off for clients who should not see calories: the menu then shows the food "
        "and amounts only.",
    )
    micronutrients = right.toggle(
        "Add a page of vitamins and minerals",
        value=False,
        key=f"{key}_micronutrients",
        disabled=not numbers,
        help="The week's average of each micronutrient against the client's Dietary Reference "
        "Intakes, with what the food tables do not know.",
    )
    paper = right.radio(
        "Paper", list(PAPERS), format_func=PAPERS.get, horizontal=True, key=f"{key}_paper"
    )
    try:
        return export.options(practice, notes, numbers, paper, micronutrients)
    except MenuplannerError as error:
        st.error(literal(str(error)))
        return None


def handout_panel(menu_id: int, version: int, key: str = "export_handout") -> None:
    """`version`: the menu's, so the printable page is built again only when the menu (or the
    options) changed while the person stays on the page (pages/ui/page_memo.py)."""
    choice = handout_options(key)
    if choice is None:
        return
    pdf_name = export.menu_file_name(database.unit_of_work(), menu_id, "pdf")
    pdf_column, html_column = st.columns(2)
    pdf_column.download_button(
        "Download PDF",
        deferred(lambda work: export.menu_pdf(work, menu_id, choice)),
        file_name=pdf_name,
        mime="application/pdf",
        key=f"{key}_pdf",
        on_click="ignore",
        type="primary",
        icon=":material/picture_as_pdf:",
        width="stretch",
    )
    page = page_memo.kept(
        ("handout", menu_id, version, choice),
        lambda: export.menu_html(database.unit_of_work(), menu_id, choice),
    )
    html_column.download_button(
        "Download printable page (HTML)",
        page.encode("utf-8"),
        file_name=pdf_name.removesuffix(".pdf") + ".html",
        mime="text/html",
        key=f"{key}_html",
        on_click="ignore",
        icon=":material/print:",
        width="stretch",
    )
    st.caption(
        "The printable page below is the PDF as a web page: open the downloaded file in a "
        "browser and print it (a page per day), or send it to the client's phone."
    )
    # A data: address gives the page an origin of its own: it can reach nothing of the app.
    encoded = base64.b64encode(page.encode("utf-8")).decode("ascii")
    st.iframe(f"data:text/html;base64,{encoded}", height=900)
