"""Saving a change to the menu the builder shows, from a widget callback.

The change is made on the menu the user saw (the one the previous run rendered); when someone
else has saved the menu since, the service refuses it with StaleMenu. The refusal is kept for
the page's warning at the top of the next run, and every item's inputs are cleared so the
redrawn menu shows the stored amounts, not the refused ones.

    from pages.ui.menu_saving import save_menu_change, show_refusal

    show_refusal()                            # near the top of the page
    save_menu_change(lambda: menu_service.remove(database.unit_of_work(), menu_id, item_id,
                                                 seen=menu))  # in a callback
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from menuplanner.domain.errors import StaleMenu
from pages.ui.saving import with_retries
from pages.ui.text import literal

REFUSAL = "builder_stale"  # the last StaleMenu's message, shown once at the top of the page
SHOWN = "builder_shown_amounts"  # item_id → (quantity, unit) the item inputs were last set to
ITEM_INPUTS = ("builder_amount_", "builder_unit_", "builder_move_")


def save_menu_change(action: Callable[[], object]) -> bool:
    """Run `action` (retrying a save that met another session's); False when it was refused
    because the menu had changed. Other refusals (MenuplannerError) are raised."""
    try:
        with_retries(action)
    except StaleMenu as error:
        st.session_state[REFUSAL] = str(error)
        clear_item_inputs()
        return False
    return True


def clear_item_inputs() -> None:
    """Forget what the item inputs hold, so the next run fills them from the stored menu."""
    for key in [k for k in st.session_state if str(k).startswith(ITEM_INPUTS)]:
        del st.session_state[key]
    st.session_state.pop(SHOWN, None)


def show_refusal() -> None:
    message = st.session_state.pop(REFUSAL, None)
    if message:
        st.warning(literal(message), icon=":material/sync_problem:")


def sync_item_inputs(item_id: int, quantity: float, unit: str, amount_key: str,
                     unit_key: str) -> None:  # fmt: skip
    """Before drawing an item's inputs: when the stored amount is not what they were last set
    to (another session changed it), set them to the stored one."""
    shown = st.session_state.setdefault(SHOWN, {})
    if shown.get(item_id) != (quantity, unit) or amount_key not in st.session_state:
        st.session_state[amount_key] = float(quantity)
        st.session_state.pop(unit_key, None)
        shown[item_id] = (quantity, unit)
