"""The shopping list of a range of the menu's days: a table with a box to tick per food, and
PDF and CSV downloads. Widget keys under `key`."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.export.shopping import to_csv
from menuplanner.services import export
from pages.ui import database, page_memo
from pages.ui.export_buttons import deferred
from pages.ui.text import literal


def shopping_panel(
    menu_id: int, version: int, day_labels: list[str], key: str = "export_shopping"
) -> None:
    days = list(range(len(day_labels)))
    if len(days) > 1:
        first, last = st.select_slider(
            "Days to shop for",
            days,
            value=(days[0], days[-1]),
            format_func=lambda d: day_labels[d],
            key=f"{key}_days",
        )
    else:
        first = last = 0
    try:
        listed = page_memo.kept(
            ("shopping", menu_id, version, first, last),
            lambda: export.shopping_list(database.unit_of_work(), menu_id, first, last),
        )
    except MenuplannerError as error:
        st.error(literal(str(error)))
        return
    name = export.menu_file_name(database.unit_of_work(), menu_id, "shopping")
    pdf_column, csv_column = st.columns(2)
    pdf_column.download_button(
        "Download shopping list (PDF)",
        deferred(lambda work: export.shopping_pdf(work, menu_id, first, last)),
        file_name=name + ".pdf",
        mime="application/pdf",
        key=f"{key}_pdf",
        on_click="ignore",
        type="primary",
        icon=":material/shopping_cart:",
        width="stretch",
    )
    csv_column.download_button(
        "Download shopping list (CSV)",
        to_csv(listed),
        file_name=name + ".csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/table:",
        width="stretch",
    )
    if not listed.lines:
        st.info("Nothing is planned on these days.")
        return
    st.caption(listed.explanation)
    st.data_editor(
        {
            "Got it": [False] * len(listed.lines),
            "Aisle": [line.aisle for line in listed.lines],
            "Food": [line.food for line in listed.lines],
            "Amount": [line.amount for line in listed.lines],
            "Eaten": [line.eaten_text for line in listed.lines],
            "To buy": [line.to_buy_text for line in listed.lines],
        },
        column_config={"Got it": st.column_config.CheckboxColumn(width="small")},
        disabled=["Aisle", "Food", "Amount", "Eaten", "To buy"],
        hide_index=True,
        width="stretch",
        height=min(36 * (len(listed.lines) + 1) + 3, 720),
        key=f"{key}_table_{first}_{last}",
    )
