"""Export and share: a menu for the client (PDF, printable page), the shopping list, the items
for a spreadsheet, and the menu exchange file (export and import)."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.menus import day_labels
from pages.ui import database
from pages.ui.client_picker import current_client_id
from pages.ui.export_exchange import exchange_download, import_panel, spreadsheet_panel
from pages.ui.export_handout import handout_panel
from pages.ui.export_shopping import shopping_panel
from pages.ui.menu_context import report_or_stop
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()
st.title("Export and share")

client_id = current_client_id()
menus = []
if client_id is not None:
    with database.unit_of_work() as uow:
        client = uow.clients.get(client_id)
        menus = uow.menus.titles(client_id)

if not menus:
    if client_id is None:
        st.info("Add a client on the Clients page first, or import a menu file below.")
    else:
        st.info(
            f"{literal(client.name)} has no menu yet: build one in the Menu builder, or "
            "import a menu file below."
        )
    st.page_link(
        "pages/menu_builder.py", label="Go to the Menu builder", icon=":material/calendar_month:"
    )
    st.subheader("Import a menu file")
    import_panel()
    st.stop()

names = {m.menu_id: m.name for m in menus}
if st.session_state.get("export_menu") not in names:
    wanted = st.session_state.get("builder_menu")  # the menu open in the builder, if any
    st.session_state["export_menu"] = wanted if wanted in names else menus[0].menu_id
menu_id = st.selectbox("Menu", list(names), format_func=names.get, key="export_menu")

report = report_or_stop(menu_id)
menu = report.menu
st.caption(
    literal(
        f"{client.name} · {menu.days} days from {menu.date_of(0):%A %d %B %Y} · "
        f"{len(menu.items)} items"
    )
)

handout, shopping, tables, exchange = st.tabs(
    ["For the client", "Shopping list", "Spreadsheet", "Menu file"]
)
with handout:
    handout_panel(menu_id, menu.version)
with shopping:
    shopping_panel(menu_id, menu.version, day_labels(menu))
with tables:
    spreadsheet_panel(menu_id)
with exchange:
    exchange_download(menu_id)
    st.divider()
    st.subheader("Import a menu file")
    import_panel()
