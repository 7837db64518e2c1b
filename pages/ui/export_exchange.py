"""Files for other programs: the items as CSV/XLSX, the menu exchange file (JSON), and
importing such a file. Widget keys under `key`."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.services import export
from pages.ui import database
from pages.ui.client_picker import choose_client
from pages.ui.export_buttons import deferred
from pages.ui.text import literal

FILE_CLIENT = -1  # "the client named in the file"


def spreadsheet_panel(menu_id: int, key: str = "export_tables") -> None:
    name = export.menu_file_name(database.unit_of_work(), menu_id, "items")
    st.caption(
        "Every item with its weight and all nutrients (columns named by nutrient and unit, "
        "e.g. energy_kcal, selenium_ug), as the menu builder computes them. The XLSX also "
        "has each day's totals and targets."
    )
    csv_column, xlsx_column = st.columns(2)
    csv_column.download_button(
        "Download items (CSV)",
        deferred(lambda work: export.items_csv(work, menu_id)),
        file_name=name + ".csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/table:",
        width="stretch",
    )
    xlsx_column.download_button(
        "Download items (XLSX)",
        deferred(lambda work: export.items_xlsx(work, menu_id)),
        file_name=name + ".xlsx",
        key=f"{key}_xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/grid_on:",
        width="stretch",
    )


def exchange_download(menu_id: int, key: str = "export_exchange") -> None:
    st.caption(
        "The menu with its recipes, the foods' nutrient values and the client's targets, "
        "to open in another menuplanner database with the same totals."
    )
    st.download_button(
        "Download menu file (JSON)",
        deferred(lambda work: export.menu_json(work, menu_id)),
        file_name=export.menu_file_name(database.unit_of_work(), menu_id, "menu.json"),
        mime="application/json",
        key=f"{key}_json",
        on_click="ignore",
        icon=":material/data_object:",
    )


def import_panel(key: str = "export_import") -> None:
    done = st.session_state.pop(f"{key}_done", None)
    if done:
        st.success("  \n".join(literal(message) for message in done))
        st.page_link(
            "pages/menu_builder.py",
            label="Open it in the menu builder",
            icon=":material/calendar_month:",
        )
    imported = st.session_state.get(f"{key}_count", 0)  # a new uploader, empty, after each import
    uploaded = st.file_uploader("Menu file (.json)", type=["json"], key=f"{key}_file_{imported}")
    with database.unit_of_work() as uow:
        clients = {c.client_id: c.name for c in uow.clients.list()}
    owner = st.selectbox(
        "For",
        [FILE_CLIENT, *clients],
        key=f"{key}_client",
        format_func=lambda c: (
            "The client named in the file (added when new)" if c == FILE_CLIENT else clients[c]
        ),
    )
    if st.button("Import menu", key=f"{key}_go", disabled=uploaded is None):
        try:
            result = export.import_menu(
                database.exchange(),
                uploaded.getvalue(),
                None if owner == FILE_CLIENT else owner,
            )
        except MenuplannerError as error:
            st.error(literal(str(error)))
            return
        st.session_state[f"{key}_done"] = result.messages
        st.session_state[f"{key}_count"] = imported + 1
        choose_client(result.client_id)
        st.rerun()
