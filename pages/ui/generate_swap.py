"""Swapping one item for a suggested substitute, and locking it.

How to place it beside an item in the menu builder (owns its widget keys, per item):

    from pages.ui.generate_swap import swap_popover

    swap_popover(menu, item_id)          # a "Swap" popover: lock toggle + substitutes

Substitutes are computed only when asked ("Suggest substitutes", ~0.2 s) and kept for the
session; each shows its amount, its effect on the day's totals and why it was chosen; "Use
this" swaps it in. `swap_panel` draws the same content without the popover (Generate page).
Service calls run in widget callbacks, so the page draws the result in the same run.
"""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.menus import Menu, find_item
from menuplanner.services import generate as generate_service
from menuplanner.services import substitutes as substitute_service
from menuplanner.services.substitutes import SubstituteList
from pages.ui import database
from pages.ui.generate_settings import current_settings, planning_store
from pages.ui.menu_saving import save_menu_change
from pages.ui.text import literal

LISTS = "gen_swap_lists"  # item_id → SubstituteList
MESSAGES = "gen_swap_messages"  # item_id → (ok, message)
EFFECT_UNITS = (
    ("energy_kcal", "kcal", 0),
    ("protein_g", "g protein", 1),
    ("carbohydrate_g", "g carbohydrate", 1),
    ("fat_g", "g fat", 1),
)


def effect_text(effect: dict[str, float]) -> str:
    """'+45 kcal, +3.1 g protein, −2.0 g carbohydrate, +1.0 g fat' for the day's totals."""
    parts = []
    for key, unit, decimals in EFFECT_UNITS:
        value = effect[key]
        sign = "+" if value >= 0 else "−"
        parts.append(f"{sign}{abs(value):,.{decimals}f} {unit}")
    return ", ".join(parts)


def _say(item_id: int, ok: bool, message: str) -> None:
    st.session_state.setdefault(MESSAGES, {})[item_id] = (ok, message)


def _suggest(menu_id: int, item_id: int) -> None:
    try:
        found = substitute_service.substitutes(
            database.unit_of_work(), planning_store(), menu_id, item_id, current_settings()
        )
    except MenuplannerError as error:
        _say(item_id, False, str(error))
        return
    st.session_state.setdefault(LISTS, {})[item_id] = found
    st.session_state.get(MESSAGES, {}).pop(item_id, None)


def _swap(menu: Menu, item_id: int, index: int) -> None:
    found: SubstituteList = st.session_state.get(LISTS, {}).get(item_id)
    if found is None:
        return
    option = found.options[index]
    try:
        saved = save_menu_change(
            menu,
            lambda seen: substitute_service.swap(
                database.unit_of_work(), menu.menu_id, item_id, option, seen=seen
            ),
        )
    except MenuplannerError as error:
        _say(item_id, False, str(error))
        return
    st.session_state[LISTS].pop(item_id, None)  # computed for a day that has changed either way
    if saved:
        _say(item_id, True, f"Swapped in {option.quantity:g} {option.unit} {option.label}.")


def _lock(menu: Menu, item_id: int, key: str) -> None:
    try:
        save_menu_change(
            menu,
            lambda seen: generate_service.set_locked(
                database.unit_of_work(),
                menu.menu_id,
                item_id,
                bool(st.session_state[key]),
                seen=seen,
            ),
        )
    except MenuplannerError as error:
        _say(item_id, False, str(error))


def swap_panel(menu: Menu, item_id: int, key: str = "gen_swap") -> None:
    """Lock toggle, "Suggest substitutes", the ranked list with "Use this" buttons."""
    try:
        item = find_item(menu, item_id)
    except MenuplannerError as error:
        st.caption(literal(str(error)))
        return
    lock_key = f"{key}_lock_{item_id}"
    st.session_state[lock_key] = bool(item.locked)
    st.toggle(
        "Keep when generating again (locked)",
        key=lock_key,
        on_change=_lock,
        args=(menu, item_id, lock_key),
    )
    st.button(
        "Suggest substitutes",
        key=f"{key}_suggest_{item_id}",
        on_click=_suggest,
        args=(menu.menu_id, item_id),
        icon=":material/swap_horiz:",
    )
    ok_message = st.session_state.get(MESSAGES, {}).get(item_id)
    if ok_message:
        (st.success if ok_message[0] else st.error)(literal(ok_message[1]))
    found: SubstituteList | None = st.session_state.get(LISTS, {}).get(item_id)
    if found is None or found.item.item_id != item_id:
        return
    if not found.options:
        st.caption("No allowed food or recipe suits this meal and part of it; try another item.")
        return
    for index, option in enumerate(found.options):
        text_column, button_column = st.columns([5, 1], vertical_alignment="center")
        text_column.markdown(
            f"**{literal(option.label)}** · {option.quantity:g} {literal(option.unit)}"
        )
        text_column.caption(literal(f"Day totals: {effect_text(option.effect)}. {option.why}"))
        button_column.button(
            "Use this",
            key=f"{key}_use_{item_id}_{index}",
            on_click=_swap,
            args=(menu, item_id, index),
        )


def swap_popover(menu: Menu, item_id: int, key: str = "gen_swap") -> None:
    """A "Swap" popover for one menu item (see the module docstring), drawn only while open:
    a day's items would otherwise draw every item's toggle and buttons on every click."""
    popover = st.popover(
        "",  # the icon alone: a label does not fit the item's row beside the amount and unit
        icon=":material/swap_horiz:",
        help="Swap this item for a food that keeps the day on target, or lock it",
        key=f"{key}_open_{item_id}",
        on_change="rerun",
    )
    if popover.open:
        with popover:
            swap_panel(menu, item_id, key)
