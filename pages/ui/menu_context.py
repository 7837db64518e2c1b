"""What the menu pages (builder, Generate, Export) need before drawing: the current client and
their menus, and a menu's report; each stops the page with a sentence when it cannot be had."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.clients import Client
from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import MenuTitle
from menuplanner.services import menus as menu_service
from menuplanner.services.menus import MenuReport
from pages.ui import database
from pages.ui.client_picker import current_client_id
from pages.ui.text import literal


def client_and_menus(without_client: str) -> tuple[Client, list[MenuTitle]]:
    """The sidebar's client and their menus; with no client, `without_client` and a link to the
    Clients page, and the page stops."""
    client_id = current_client_id()
    if client_id is None:
        st.info(without_client)
        st.page_link("pages/clients.py", label="Go to Clients", icon=":material/group:")
        st.stop()
    with database.unit_of_work() as uow:
        return uow.clients.get(client_id), uow.menus.titles(client_id)


def report_or_stop(menu_id: int, profile_link: bool = True, day: int | None = None) -> MenuReport:
    """The menu's report (with `day`: of that day only); a refusal (e.g. a client profile
    without targets) is shown, with a link to the client's profile, and the page stops."""
    try:
        if day is not None:
            return menu_service.day_report(database.unit_of_work(), menu_id, day)
        return menu_service.report(database.unit_of_work(), menu_id)
    except MenuplannerError as error:
        st.error(literal(str(error)))
        if profile_link:
            st.page_link(
                "pages/clients.py", label="Open the client's profile", icon=":material/group:"
            )
        st.stop()
