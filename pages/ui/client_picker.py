"""The sidebar's client picker, shared by every page: the current client lives in one
session key."""

from __future__ import annotations

import streamlit as st

from pages.ui import database

CURRENT_CLIENT = "current_client_id"
_PENDING = "current_client_id_pending"  # set by pages after the picker has drawn


def sidebar_client_picker() -> None:
    with database.unit_of_work() as uow:
        clients = uow.clients.list()
    if not clients:
        st.sidebar.caption("No clients yet: add one on the Clients page.")
        return
    names = {
        c.client_id: c.name + (" (demo)" if c.is_demo and "demo" not in c.name.lower() else "")
        for c in clients
    }
    if st.session_state.get(_PENDING) in names:
        st.session_state[CURRENT_CLIENT] = st.session_state.pop(_PENDING)
    if st.session_state.get(CURRENT_CLIENT) not in names:
        st.session_state[CURRENT_CLIENT] = next(iter(names))
    st.sidebar.selectbox("Client", list(names), format_func=names.get, key=CURRENT_CLIENT)


def current_client_id() -> int | None:
    return st.session_state.get(CURRENT_CLIENT)


def choose_client(client_id: int) -> None:
    """Make `client_id` the current client from the next run on (e.g. right after creating
    it); call st.rerun() after it. The picker's own key cannot change once it has drawn."""
    st.session_state[_PENDING] = client_id
