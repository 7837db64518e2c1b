"""One meal's items in the menu builder: amount and unit edited in place, moved, removed,
with allergy/diet/dislike warnings beside the item."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from menuplanner.domain.constraints import Violation
from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.formatting import format_grams, format_number, quantity_text
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.domain.units import to_grams, unit_choices
from menuplanner.services import menus as menu_service
from pages.ui import database
from pages.ui.generate_swap import swap_popover
from pages.ui.menu_saving import save_menu_change, sync_item_inputs
from pages.ui.text import literal

ERRORS = "builder_item_errors"  # item_id → message, shown beside the item after a rerun
AMOUNT_WIDTH = 80  # px: "1250.0"
UNIT_WIDTH = 175  # px: "cup, sliced · 160 g" and the picker's arrow


def unit_label(unit: str, portions) -> str:
    """A unit as its box shows it, short enough not to be cut off: the measure without its
    description in brackets, with its weight ('medium (3" dia)' → 'medium · 182 g')."""
    if unit in ("g", "oz"):
        return unit
    try:
        return f"{quantity_text(1, unit)[2:]} · {format_grams(to_grams(1, unit, portions))}"
    except MenuplannerError:  # a unit the food no longer has: shown as stored
        return unit


def _run(menu: Menu, item_id: int, action: Callable[[Menu], object]) -> None:
    """Run a service call on the menu `seen` from a widget callback; keep its message for the
    item (a refusal because the menu changed meanwhile is shown at the top of the page)."""
    errors = st.session_state.setdefault(ERRORS, {})
    try:
        save_menu_change(menu, action)
        errors.pop(item_id, None)
    except MenuplannerError as error:
        errors[item_id] = str(error)


def _on_amount(menu: Menu, item_id: int, amount_key: str, unit_key: str, unit: str) -> None:
    quantity = st.session_state[amount_key]
    unit = st.session_state.get(unit_key, unit)
    _run(
        menu,
        item_id,
        lambda seen: menu_service.change_amount(
            database.unit_of_work(), menu.menu_id, item_id, quantity, unit, seen=seen
        ),
    )


def _on_unit(menu: Menu, item_id: int, amount_key: str, unit_key: str) -> None:
    def switch(seen: Menu) -> None:
        quantity = menu_service.change_unit(
            database.unit_of_work(), menu.menu_id, item_id, st.session_state[unit_key], seen=seen
        )
        st.session_state[amount_key] = float(quantity)

    _run(menu, item_id, switch)


def _on_move(menu: Menu, item_id: int, target_key: str) -> None:
    day, slot = st.session_state[target_key]
    _run(
        menu,
        item_id,
        lambda seen: menu_service.move(
            database.unit_of_work(), menu.menu_id, item_id, day, slot, seen=seen
        ),
    )


def _on_remove(menu: Menu, item_id: int) -> None:
    _run(
        menu,
        item_id,
        lambda seen: menu_service.remove(database.unit_of_work(), menu.menu_id, item_id, seen=seen),
    )


def meal_items(
    menu: Menu,
    items: pl.DataFrame,
    violations: dict[int, list[Violation]],
    portions: dict[int, tuple],
    day_labels: list[str],
    unit: EnergyUnit = EnergyUnit.KCAL,
    handout: dict[int, str] | None = None,
) -> None:
    """`items`: item_totals rows of one meal. `portions`: food_id → that food's portions;
    energy shown in `unit`; `handout`: item_id → the name a client reads
    (menus.handout_names)."""
    errors = st.session_state.get(ERRORS, {})
    for row in items.iter_rows(named=True):
        item_id = row["item_id"]
        is_recipe = row["kind"] == ItemKind.RECIPE
        # One horizontal row of fixed-width boxes (not columns, which cost a block each): the
        # name takes what is left, so the amounts line up from item to item (issue 17).
        with st.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
            st.markdown(
                _name_and_energy(
                    row, violations.get(item_id, []), unit, (handout or {}).get(item_id, "")
                ),
                width="stretch",
            )
            # The unit picker is the food's own: after a swap the item holds another food,
            # whose measures a browser must not be offered the old food's choice of (issue 17).
            amount_key = f"builder_amount_{item_id}"
            unit_key = f"builder_unit_{item_id}_{row['food_id']}"
            sync_item_inputs(item_id, row["quantity"], row["unit"], amount_key, unit_key)
            st.number_input(
                "Servings" if is_recipe else "Amount",
                step=0.5 if is_recipe or row["unit"] != "g" else 10.0,
                format="%.1f",
                key=amount_key,
                label_visibility="collapsed",
                on_change=_on_amount,
                args=(menu, item_id, amount_key, unit_key, row["unit"]),
                width=AMOUNT_WIDTH,
            )
            if is_recipe:
                st.caption("serving(s)", width=UNIT_WIDTH)
            else:
                _unit_box(menu, row, portions.get(row["food_id"], ()), amount_key, unit_key)
            swap_popover(menu, item_id, key="builder_swap")
            # Drawn only while open: a day's items would otherwise draw every item's move list
            # and buttons on every click (the add-one-item run's hot spot, issue 17).
            actions = st.popover(
                "",
                icon=":material/more_horiz:",
                help="Move or remove",
                key=f"builder_actions_{item_id}",
                on_change="rerun",
            )
            if actions.open:
                _move_or_remove(actions, menu, item_id, day_labels)
        if item_id in errors:
            st.error(literal(errors[item_id]))


def _name_and_energy(
    row: dict, problems: list[Violation], unit: EnergyUnit, handout: str = ""
) -> str:
    """The item's name, its energy and weight in small grey type under it (and the name a
    client reads when it is not the one shown: "· handout: Banana"), and any allergy, diet or
    dislike warning: one markdown element."""
    grams = "" if row["kind"] == ItemKind.RECIPE else f" · {format_number(row['grams'], 0)} g"
    # A no-break space keeps "handout:" with the name when the narrow column wraps the line.
    read_as = f" · handout:\u00a0{literal(handout)}" if handout and handout != row["label"] else ""
    lines = [
        literal(row["label"]),
        f":small[:gray[{energy_text(row['energy_kcal'], unit)}{grams}{read_as}]]",
    ]
    for problem in problems:
        colour = "orange" if problem.kind == "unverified" else "red"
        lines.append(f":{colour}[⚠ {literal(problem.reason)}]")
    return "\n\n".join(lines)  # paragraphs: the name reads (and is found) on its own


def _unit_box(menu: Menu, row: dict, food_portions: tuple, amount_key: str, unit_key: str) -> None:
    choices = unit_choices(food_portions)
    labels = {choice: unit_label(choice, food_portions) for choice in choices}
    st.selectbox(
        "Unit",
        choices,
        format_func=labels.__getitem__,
        index=choices.index(row["unit"]) if row["unit"] in choices else 0,
        key=unit_key,
        label_visibility="collapsed",
        on_change=_on_unit,
        args=(menu, row["item_id"], amount_key, unit_key),
        width=UNIT_WIDTH,
    )


def _move_or_remove(actions, menu: Menu, item_id: int, day_labels: list[str]) -> None:
    with actions:
        places = [(d, s) for d in range(menu.days) for s in menu.slots]
        target_key = f"builder_move_{item_id}"
        st.selectbox(
            "Move to",
            places,
            key=target_key,
            format_func=lambda p: f"{day_labels[p[0]]} · {p[1]}",
        )
        st.button(
            "Move",
            key=f"builder_move_go_{item_id}",
            on_click=_on_move,
            args=(menu, item_id, target_key),
        )
        st.button(
            "Remove",
            key=f"builder_remove_{item_id}",
            on_click=_on_remove,
            args=(menu, item_id),
            type="primary",
        )
