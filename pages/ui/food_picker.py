"""A food picker: search, pick a food, pick a unit (grams or its household measures) and an
amount. Owns its widget keys under `key`."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from menuplanner.domain.units import GRAMS_PER_MASS_UNIT, find_portion, unit_choices
from menuplanner.ports import FoodCatalog, SearchPage
from menuplanner.services import foods as food_service
from pages.ui.text import literal

RESULTS = 15


@dataclass(frozen=True)
class PickedFood:
    food_id: int
    name: str
    quantity: float
    unit: str
    query: str  # the search the food was picked from

    def still_current(self, key: str) -> bool:
        """False when the search box changed after this pick was drawn: a click that lands
        before the page has redrawn would otherwise add the previous search's food."""
        return st.session_state.get(f"{key}_query") == self.query


def food_picker(key: str, catalog: FoodCatalog, label: str = "Find a food") -> PickedFood | None:
    query = st.text_input(label, key=f"{key}_query", placeholder="e.g. rolled oats")
    if not query.strip():
        return None
    found = _search(key, catalog, query)
    if not found.hits:
        st.caption(f"No food matches “{literal(query.strip()[:80])}”. Try fewer or shorter words.")
        return None
    names = {h.food_id: h.name for h in found.hits}
    more = f" (first {RESULTS} of {found.total:,})" if found.total > RESULTS else ""
    food_id = st.selectbox(f"Food{more}", list(names), format_func=names.get, key=f"{key}_food")
    food = _food(key, catalog, food_id)
    unit_column, amount_column = st.columns([2, 1])
    unit = unit_column.selectbox(
        "Unit",
        unit_choices(food.portions),
        key=f"{key}_unit_{food_id}",
        format_func=lambda u: (
            u
            if u in GRAMS_PER_MASS_UNIT
            else f"{u} ({find_portion(u, food.portions).grams_per_unit:g} g)"
        ),
    )
    # No min/max: the browser would silently put back the old value; the domain says why.
    quantity = amount_column.number_input(
        "Amount",
        value=100.0 if unit == "g" else 1.0,
        step=10.0 if unit == "g" else 0.5,
        format="%.1f",
        key=f"{key}_amount_{food_id}_{unit}",
    )
    return PickedFood(food_id, food.name, quantity, unit, query)


def _search(key: str, catalog: FoodCatalog, query: str) -> SearchPage:
    """The search of the box's current text, kept for this session while the text stays: every
    click on the page (adding the food, changing an item) reruns it otherwise."""
    memo = st.session_state.get(f"{key}_found")
    if memo is None or memo[0] != query:
        memo = (query, food_service.search_for_planning(catalog, query, RESULTS), {})
        st.session_state[f"{key}_found"] = memo
    return memo[1]


def _food(key: str, catalog: FoodCatalog, food_id: int):
    foods = st.session_state[f"{key}_found"][2]
    if food_id not in foods:
        foods[food_id] = catalog.get(food_id)
    return foods[food_id]
