"""Saving a change to the menu the builder shows, from a widget callback.

The change is made on the menu the user saw (the one the previous run rendered); when someone
else has saved the menu since, the service refuses it with StaleMenu. The refusal is kept for
the page's warning at the top of the next run, and every item's inputs are cleared so the
redrawn menu shows the stored amounts, not the refused ones.

Two widgets changed quickly can run both callbacks before the page redraws, both holding the
same rendered menu; the second must not be refused for the first's change. So each save
remembers that this session moved the menu from version v to v + 1 (a save that was not
refused is exactly one version on), and the next callback of the run acts on that version.

    from pages.ui.menu_saving import save_menu_change, show_refusal

    show_refusal()                            # near the top of the page
    save_menu_change(menu, lambda seen: menu_service.remove(
        database.unit_of_work(), menu.menu_id, item_id, seen=seen))  # in a callback
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import streamlit as st

from menuplanner.domain.errors import StaleMenu
from menuplanner.domain.menus import Menu
from pages.ui.saving import with_retries
from pages.ui.text import literal

REFUSAL = "builder_stale"  # the last StaleMenu's message, shown once at the top of the page
SHOWN = "builder_shown_amounts"  # item_id → (quantity, unit) the item inputs were last set to
OWN_SAVES = "builder_own_saves"  # (menu_id, version saved from) of this session since the redraw
ITEM_INPUTS = ("builder_amount_", "builder_unit_", "builder_move_")


def save_menu_change(menu: Menu, action: Callable[[Menu], object]) -> bool:
    """Run `action(seen)` with the menu the user saw (retrying a save that met another
    session's); False when it was refused because the menu had changed. Other refusals
    (MenuplannerError) are raised."""
    seen = _after_own_saves(menu)
    try:
        with_retries(lambda: action(seen))
    except StaleMenu as error:
        st.session_state[REFUSAL] = str(error)
        clear_item_inputs()
        return False
    st.session_state.setdefault(OWN_SAVES, set()).add((menu.menu_id, seen.version))
    return True


def _after_own_saves(menu: Menu) -> Menu:
    own = st.session_state.get(OWN_SAVES, set())
    version = menu.version
    while (menu.menu_id, version) in own:
        version += 1
    return menu if version == menu.version else dataclasses.replace(menu, version=version)


def clear_item_inputs() -> None:
    """Forget what the item inputs hold, so the next run fills them from the stored menu."""
    for key in [k for k in st.session_state if str(k).startswith(ITEM_INPUTS)]:
        del st.session_state[key]
    st.session_state.pop(SHOWN, None)


def show_refusal() -> None:
    """Say why the last change was refused (at the top of the page, before the menu is drawn:
    from here on the widgets hold the menu drawn now, so this session's saves are forgotten)."""
    st.session_state.pop(OWN_SAVES, None)
    message = st.session_state.pop(REFUSAL, None)
    # Always one container here, empty or not: an element that comes and goes would move
    # everything after it, and the browser would redraw the tabs below on their first tab.
    slot = st.container()
    if message:
        slot.warning(literal(message), icon=":material/sync_problem:")


def sync_item_inputs(
    item_id: int, quantity: float, unit: str, amount_key: str, unit_key: str
) -> None:
    """Before drawing an item's inputs: when the stored amount is not what they were last set
    to (another session changed it), set them to the stored one."""
    shown = st.session_state.setdefault(SHOWN, {})
    if shown.get(item_id) != (quantity, unit) or amount_key not in st.session_state:
        st.session_state[amount_key] = float(quantity)
        st.session_state.pop(unit_key, None)
        shown[item_id] = (quantity, unit)
