"""The name a food has on the client's handouts (PDF, printable page, shopping list) in this
workspace, beside USDA's name the page shows: the automatic one, or a name of the practice's
own, set and taken back here."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.handout_names import MAX_HANDOUT_NAME_LENGTH
from menuplanner.services import handout_names as name_service
from pages.ui import database
from pages.ui.saving import with_retries
from pages.ui.text import literal


def handout_name_editor(food_id: int) -> None:
    shown = name_service.handout_name(database.unit_of_work(), food_id)
    if shown.own:
        source = f"your workspace's name; the automatic one is “{literal(shown.automatic)}”"
    elif shown.by_rules:
        source = "the automatic name, made from USDA's description"
    else:
        source = "the automatic name: the food's name in its dataset"
    st.markdown(f"**Name on the client's handouts:** {literal(shown.name)} ({source})")
    key = f"foods_handout_{food_id}"
    with st.expander("Change the name on the client's handouts"):
        st.caption(
            "Menus, recipes and shopping lists the client receives print this name, in this "
            "workspace only. A label typed on a menu item is printed as typed."
        )
        typed = st.text_input(
            "Name on the client's handouts",
            value=shown.name,
            max_chars=MAX_HANDOUT_NAME_LENGTH,
            key=key,
        )
        save_column, reset_column = st.columns(2)
        if save_column.button("Save the name", key=f"{key}_save"):
            _change(food_id, typed, "Saved: handouts now print “{}”.")
        if shown.own and reset_column.button("Back to the automatic name", key=f"{key}_reset"):
            st.session_state.pop(key, None)  # the box shows the automatic name again
            _change(food_id, None, "Handouts print the automatic name “{}” again.")


def _change(food_id: int, name: str | None, done: str) -> None:
    try:
        now = with_retries(
            lambda: name_service.set_handout_name(database.unit_of_work(), food_id, name)
        )
    except MenuplannerError as error:
        st.error(literal(str(error)))
        return
    st.toast(literal(done.format(now.name)))
    st.rerun()
