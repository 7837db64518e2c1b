"""Download buttons for one menu: the client's PDF, the shopping list and the items as CSV.

For any page that shows a menu (the lead places it in the menu builder):

    from pages.ui.export_buttons import download_buttons

    download_buttons(menu_id, client_name, menu_name)                     # three in a row
    download_buttons(menu_id, client_name, menu_name, key="builder_dl")   # own key prefix

The files are made only when a button is clicked (Streamlit's deferred download data), so
drawing the buttons costs nothing; the click does not rerun the page. The PDF uses the Export
page's defaults: A4, with nutrient numbers, the practice name from $MENUPLANNER_PRACTICE. The
Export and share page has every option.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.export.document import PRACTICE_ENV
from menuplanner.services import export
from pages.ui import database


def download_buttons(
    menu_id: int, client_name: str, menu_name: str, key: str = "export_buttons"
) -> None:
    """The names come from the menu the page already loaded: no database read per button."""
    names = {
        suffix: export.file_name(client_name, menu_name, suffix=suffix)
        for suffix in ("pdf", "shopping.pdf", "csv")
    }
    try:
        choice = export.options(practice=os.environ.get(PRACTICE_ENV, ""))
    except MenuplannerError:  # a practice name that cannot be printed: leave it out
        choice = export.DEFAULTS
    pdf_column, list_column, csv_column = st.columns(3)
    pdf_column.download_button(
        "Menu PDF",
        deferred(lambda work: export.menu_pdf(work, menu_id, choice)),
        file_name=names["pdf"],
        mime="application/pdf",
        key=f"{key}_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        width="stretch",
    )
    list_column.download_button(
        "Shopping list",
        deferred(lambda work: export.shopping_pdf(work, menu_id, choice=choice)),
        file_name=names["shopping.pdf"],
        mime="application/pdf",
        key=f"{key}_shopping",
        on_click="ignore",
        icon=":material/shopping_cart:",
        width="stretch",
    )
    csv_column.download_button(
        "Items (CSV)",
        deferred(lambda work: export.items_csv(work, menu_id)),
        file_name=names["csv"],
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/table:",
        width="stretch",
    )


def deferred(make: Callable) -> Callable[[], bytes | str]:
    """Data for st.download_button made on click, on Streamlit's download thread, after the
    script run has closed the database: `database.unit_of_work()` called there opens the file
    for that unit of work alone."""
    return lambda: make(database.unit_of_work())
