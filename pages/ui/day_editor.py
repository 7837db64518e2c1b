"""Adding items to a day, copying a day, and giving a day its own targets."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError, ValidationFailed
from menuplanner.domain.menus import Menu
from menuplanner.domain.targets import Targets
from menuplanner.services import menus as menu_service
from pages.ui import database
from pages.ui.food_picker import PickedFood, food_picker
from pages.ui.menu_saving import save_menu_change
from pages.ui.text import literal

FOOD, RECIPE = "A food", "A recipe"
ERROR = "builder_day_error"  # the last refused action's message, shown under its form


def _act(menu: Menu, action) -> None:
    """A button callback: run the service before the page redraws (one script run per click,
    not two), keeping a refusal's message for the form (a refusal because the menu changed
    meanwhile is shown at the top of the page instead)."""
    try:
        save_menu_change(menu, action)
        st.session_state.pop(ERROR, None)
    except MenuplannerError as error:
        st.session_state[ERROR] = str(error)


def _show_error() -> None:
    if ERROR in st.session_state:
        st.error(literal(st.session_state.pop(ERROR)))


def _add_food(menu: Menu, day: int, slot: str, picked: PickedFood, seen: Menu) -> None:
    if not picked.still_current("builder_add"):
        raise ValidationFailed(
            "The search changed before the food was added: check the food "
            "picked below, then press “Add food” again."
        )
    menu_service.add_food(
        database.unit_of_work(),
        menu.menu_id,
        day,
        slot,
        picked.food_id,
        picked.quantity,
        picked.unit,
        seen=seen,
    )


def add_item_form(menu: Menu, day: int, day_labels: list[str]) -> None:
    st.markdown(f"**Add to {day_labels[day]}**")
    slot_column, kind_column = st.columns([1, 1])
    slot = slot_column.selectbox("Meal", menu.slots, key="builder_add_slot")
    kind = kind_column.radio("What", [FOOD, RECIPE], horizontal=True, key="builder_add_kind")
    if kind == FOOD:
        picked = food_picker("builder_add", database.catalog())
        if picked:
            st.button(
                "Add food",
                type="primary",
                key="builder_add_food_go",
                on_click=_act,
                args=(menu, lambda seen: _add_food(menu, day, slot, picked, seen)),
            )
        _show_error()
        return
    with database.unit_of_work() as uow:
        recipes = {r.recipe_id: r.name for r in uow.recipes.list()}
    if not recipes:
        st.caption("No recipes yet: build some on the Recipes page.")
        return
    recipe_column, servings_column = st.columns([3, 1])
    recipe_id = recipe_column.selectbox(
        "Recipe", list(recipes), format_func=recipes.get, key="builder_add_recipe"
    )
    servings = servings_column.number_input(
        "Servings",
        min_value=0.0,
        max_value=20.0,
        value=1.0,
        step=0.5,
        format="%.1f",
        key="builder_add_servings",
    )
    st.button(
        "Add recipe",
        type="primary",
        key="builder_add_recipe_go",
        on_click=_act,
        args=(
            menu,
            lambda seen: menu_service.add_recipe(
                database.unit_of_work(), menu.menu_id, day, slot, recipe_id, servings, seen=seen
            ),
        ),
    )
    _show_error()


def _add(menu: Menu, action) -> None:
    """Run a change from a button pressed in this run, then redraw (refused: say why)."""
    try:
        save_menu_change(menu, action)
    except MenuplannerError as error:
        st.error(literal(str(error)))
    else:
        st.rerun()


def day_actions(menu: Menu, day: int, day_labels: list[str], targets: Targets) -> None:
    # Both drawn only while open (Streamlit reruns when one opens): their selectbox, number
    # inputs and form cost every click in the day view ~10 ms otherwise (issue 17).
    copying = st.expander("Copy this day", key="builder_copy_open", on_change="rerun")
    if copying.open:
        with copying:
            _copy_day(menu, day, day_labels)
    other = st.expander("Other targets for this day", key="builder_targets_open", on_change="rerun")
    if other.open:
        with other:
            _day_targets(menu, day, targets)


def _copy_day(menu: Menu, day: int, day_labels: list[str]) -> None:
    others = [d for d in range(menu.days) if d != day]
    if others:
        target = st.selectbox(
            "Copy to", others, format_func=lambda d: day_labels[d], key="builder_copy_to"
        )
        st.caption("The day you copy to loses its current items.")
        if st.button(f"Copy {day_labels[day]} to {day_labels[target]}", key="builder_copy_go"):
            _add(
                menu,
                lambda seen: menu_service.copy_day(
                    database.unit_of_work(), menu.menu_id, day, target, seen=seen
                ),
            )


def _day_targets(menu: Menu, day: int, targets: Targets) -> None:
    own = day in menu.day_targets
    st.caption(
        "For a training day or a rest day. "
        + ("This day has its own targets." if own else "This day uses the client's targets.")
    )
    with st.form(f"builder_day_targets_{day}", border=False):
        energy = st.number_input("Energy (kcal)", 800.0, 6000.0, float(targets.energy_kcal), 50.0)
        protein = st.number_input("Protein (g)", 0.0, 500.0, float(targets.protein_g), 5.0)
        carbohydrate = st.number_input(
            "Carbohydrate (g)", 0.0, 1000.0, float(targets.carbohydrate_g), 5.0
        )
        fat = st.number_input("Fat (g)", 0.0, 400.0, float(targets.fat_g), 5.0)
        new = Targets(
            energy, protein, carbohydrate, fat, targets.fibre_min_g, targets.sodium_max_mg
        )
        if st.form_submit_button("Use these targets for this day"):
            _add(
                menu,
                lambda seen: menu_service.set_day_targets(
                    database.unit_of_work(), menu.menu_id, day, new, seen=seen
                ),
            )
    if own and st.button("Back to the client's targets", key=f"builder_day_targets_reset_{day}"):
        _add(
            menu,
            lambda seen: menu_service.set_day_targets(
                database.unit_of_work(), menu.menu_id, day, None, seen=seen
            ),
        )
