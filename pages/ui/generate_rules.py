"""A user's own rules for the generator: the meals a food suits (or never), its smallest and
largest portion, and its price."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.menus import ItemKind
from menuplanner.planning.meals import MealKind
from menuplanner.services import planning_rules
from pages.ui import database
from pages.ui.food_picker import food_picker
from pages.ui.generate_settings import planning_store
from pages.ui.text import literal

NEVER = "Never suggest it"
MEAL_LABELS = {m.label: m for m in MealKind}
FLASH = "gen_rules_flash"


def _act(action, done: str) -> None:
    try:
        action()
    except MenuplannerError as error:
        st.session_state[FLASH] = (False, str(error))
    else:
        st.session_state[FLASH] = (True, done)


def food_rules_editor(key: str = "gen_rules") -> None:
    store = planning_store()
    picked = food_picker(key, database.catalog(), "Find a food to give a rule or a price")
    if flash := st.session_state.pop(FLASH, None):
        (st.success if flash[0] else st.error)(literal(flash[1]))
    if picked:
        _one_food(store, picked.food_id, key)
    table = planning_rules.rules_and_prices(database.unit_of_work(), store)
    if table.height:
        st.markdown("**Your rules and prices**")
        st.dataframe(
            table.rename(
                {
                    "kind": "Kind",
                    "ref_id": "Id",
                    "name": "Name",
                    "meals": "Meals (blank: the rules)",
                    "min_grams": "Smallest (g)",
                    "max_grams": "Largest (g)",
                    "price_per_kg": "Price per kg",
                }
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("No rules or prices yet: the generator follows the documented rules.")


def _one_food(store, food_id: int, key: str) -> None:
    try:
        info = planning_rules.food_planning(database.unit_of_work(), store, food_id)
    except MenuplannerError as error:
        st.error(literal(str(error)))
        return
    if info.category:
        meals = ", ".join(m.label.lower() for m in MealKind if m in info.meals)
        low, high = info.portion
        st.caption(literal(f"The rules: {info.category}, for {meals}, {low:g}–{high:g} g."))
    else:
        st.caption(literal(f"The rules: never suggested ({info.reason})."))
    rule = info.rule
    chosen_default = (
        ([m.label for m in MealKind if m in rule.meals] or [NEVER])
        if rule and rule.meals is not None
        else []
    )
    with st.form(f"{key}_form_{food_id}", border=False):
        chosen = st.multiselect(
            "Meals it suits (leave empty to follow the rules)",
            [*MEAL_LABELS, NEVER],
            default=chosen_default,
        )
        low_column, high_column, price_column = st.columns(3)
        low = low_column.number_input(
            "Smallest portion (g)", 0.0, 2000.0, float(rule.min_grams or 0.0) if rule else 0.0, 5.0
        )
        high = high_column.number_input(
            "Largest portion (g)", 0.0, 2000.0, float(rule.max_grams or 0.0) if rule else 0.0, 5.0
        )
        price = price_column.number_input(
            "Price per kg (0: none)", 0.0, 1000.0, float(info.price_per_kg or 0.0), 0.1
        )
        if st.form_submit_button("Save rule and price"):
            meals = (
                None
                if not chosen
                else (frozenset() if NEVER in chosen else frozenset(MEAL_LABELS[c] for c in chosen))
            )

            def save() -> None:
                planning_rules.set_food_rule(
                    database.unit_of_work(),
                    store,
                    ItemKind.FOOD,
                    food_id,
                    meals,
                    low or None,
                    high or None,
                )
                planning_rules.set_price(database.unit_of_work(), store, food_id, price or None)

            _act(save, f"Saved for {info.name}.")
            st.rerun()
