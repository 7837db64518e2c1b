"""Clients: the list, a profile form to create or edit one, their daily targets with the working
that produced them, and deleting a client (with their menus) after a confirmation."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from menuplanner.domain.clients import Client
from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.domain.errors import MenuplannerError
from menuplanner.services import clients as client_service
from pages.ui import database
from pages.ui.client_form import GOAL_LABELS, client_form, target_choice
from pages.ui.client_micronutrients import micronutrient_section
from pages.ui.client_picker import choose_client, current_client_id
from pages.ui.client_targets import targets_view
from pages.ui.energy import energy_unit
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()

NEW = 0  # the "New client" entry of the picker (client ids start at 1)
SELECTED = "clients_selected"
SELECT_NEXT = "clients_select_next"  # set before a rerun: the picker cannot change once drawn
FLASH = "clients_flash"  # a success message to show after the rerun
CONFIRM_DELETE = "clients_confirm_delete"  # the client id awaiting confirmation
NEW_FORM = "clients_new_form"  # bumped after each creation, so the next new form starts empty


def label(client: Client) -> str:
    demo = " (demo)" if client.is_demo and "(demo)" not in client.name else ""
    return client.name + demo


def energy_target(found: client_service.ClientTargets, unit: EnergyUnit) -> str:
    if found.targets is None:
        return f"– (add {found.missing[0]})" if len(found.missing) == 1 else "– (see profile)"
    return energy_text(found.targets.energy_kcal, unit) + (" (typed)" if found.typed else "")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


today = dt.date.today()
st.title("Clients")
rows = client_service.overview(database.unit_of_work(), today)
unit = energy_unit()
by_id = {row.client.client_id: row for row in rows}

if rows:
    st.dataframe(
        {
            "Client": [label(r.client) for r in rows],
            "Age": ["–" if r.age is None else str(r.age) for r in rows],
            "Goal": [GOAL_LABELS[r.client.goal] for r in rows],
            "Energy target": [energy_target(r.targets, unit) for r in rows],
            "Allergies and diet": [
                ", ".join(
                    [a.label for a in sorted(r.client.allergies)]
                    + [d.label for d in sorted(r.client.diets)]
                )
                or "–"
                for r in rows
            ],
            "Menus": [r.menu_count for r in rows],
        },
        hide_index=True,
        width="stretch",
        height=min(36 * (len(rows) + 1) + 2, 300),
    )
else:
    st.info("No clients yet: fill in the form below to add the first one.")

if st.session_state.get(SELECT_NEXT) is not None:
    st.session_state[SELECTED] = st.session_state.pop(SELECT_NEXT)
if st.session_state.get(SELECTED) not in (NEW, *by_id):
    st.session_state[SELECTED] = current_client_id() if current_client_id() in by_id else NEW


def _follow_in_sidebar() -> None:
    if st.session_state[SELECTED] != NEW:
        choose_client(st.session_state[SELECTED])


client_id = st.selectbox(
    "Client",
    [NEW, *by_id],
    key=SELECTED,
    on_change=_follow_in_sidebar,
    format_func=lambda i: "+ New client" if i == NEW else label(by_id[i].client),
)
if message := st.session_state.pop(FLASH, None):
    st.success(message)

row = by_id.get(client_id)
client = row.client if row else None
form_key = f"clients_{client_id}" if row else f"clients_new{st.session_state.get(NEW_FORM, 0)}"
st.subheader(literal(label(client)) if client else "New client")

choice = target_choice(form_key, client)
missing = row.targets.problem if row and row.targets.missing and not choice.typed else None
try:
    typed = client_form(
        form_key, client, choice, today, row.targets.targets if row else None, missing
    )
    saved_id = None
    if typed is not None:
        saved_id = client_service.save_client(database.unit_of_work(), typed, today)
except MenuplannerError as error:
    st.error(literal(str(error)))
else:
    if saved_id is not None:
        if client is None:
            st.session_state[NEW_FORM] = st.session_state.get(NEW_FORM, 0) + 1
        st.session_state[SELECT_NEXT] = saved_id
        choose_client(saved_id)
        st.session_state[FLASH] = f"Saved {literal(typed.name.strip())}."
        st.rerun()

if row is None:
    st.caption("The targets are shown here once the client is created.")
    st.stop()

st.subheader("Saved daily targets")
if row.targets.targets is None:
    st.info(literal(row.targets.problem))
else:
    source = "typed by hand" if row.targets.typed else "computed from the profile"
    st.caption(f"{source.capitalize()}. Change them in the form above and save.")
    targets_view(row.targets.targets, row.targets.working, unit)

micronutrient_section(client, today)

st.divider()
if st.session_state.get(CONFIRM_DELETE) != client_id:
    if st.button("Delete client…", key="clients_delete"):
        st.session_state[CONFIRM_DELETE] = client_id
        st.rerun()
    st.stop()

menus = plural(row.menu_count, "menu")
st.warning(
    f"Delete {literal(label(client))}? Their {menus} will be deleted too. This cannot be undone."
    if row.menu_count
    else f"Delete {literal(label(client))}? This cannot be undone."
)
yes_column, no_column, _ = st.columns([2, 1, 2])
and_menus = f" and their {menus}" if row.menu_count else ""
yes_label = f"Yes, delete {literal(client.name)}{and_menus}"
if yes_column.button(yes_label, key="clients_delete_yes", type="primary"):
    try:
        client_service.delete_client(database.unit_of_work(), client_id)
    except MenuplannerError as error:
        st.error(literal(str(error)))
    else:
        st.session_state.pop(CONFIRM_DELETE, None)
        st.session_state[SELECT_NEXT] = NEW
        st.session_state[FLASH] = f"Deleted {literal(label(client))}{and_menus}."
        st.rerun()
if no_column.button("Cancel", key="clients_delete_cancel"):
    st.session_state.pop(CONFIRM_DELETE, None)
    st.rerun()
