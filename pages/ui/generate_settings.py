"""The generator's settings: drawn on the Generate page, kept in the session for the whole app,
so "Complete this day" in the menu builder uses what the user chose there.

`current_settings()` is all another page needs; `settings_panel()` draws the widgets.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import PlanningStore
from pages.ui import database
from pages.ui.text import literal

SAVED = "gen_settings"  # a plain dict: widget keys are dropped when their page is left
_FIELDS = {  # widget key → settings field
    "gen_tolerance": "tolerance_pct",
    "gen_items": None,  # (min_items, max_items)
    "gen_snack_items": "snack_max_items",
    "gen_repeat": "repeat_limit",
    "gen_restaurant": "allow_restaurant",
    "gen_cheapest": "cheapest",
    "gen_time_limit": "time_limit_s",
    "gen_micros": "micronutrients",
    "gen_micro_span": "micronutrient_span",
}
# Nutrients with Dietary Reference Intakes the generator can aim at (data/dri).
MICRONUTRIENTS = (
    "calcium_mg",
    "iron_mg",
    "magnesium_mg",
    "potassium_mg",
    "zinc_mg",
    "selenium_ug",
    "vitamin_a_rae_ug",
    "vitamin_c_mg",
    "vitamin_d_ug",
    "vitamin_e_mg",
    "vitamin_k_ug",
    "thiamin_mg",
    "riboflavin_mg",
    "niacin_mg",
    "vitamin_b6_mg",
    "folate_dfe_ug",
    "vitamin_b12_ug",
    "choline_mg",
)
SPANS = {"week": "Over the week's average", "day": "Every day"}


def planning_store() -> PlanningStore:
    return database.planning()


def current_settings() -> GenerateSettings:
    """The settings last chosen on the Generate page (defaults until then)."""
    saved = st.session_state.get(SAVED)
    try:
        return GenerateSettings(**saved) if saved else GenerateSettings()
    except (MenuplannerError, TypeError):
        return GenerateSettings()


def next_seed() -> GenerateSettings:
    """The current settings with another seed: "regenerate" gives another valid answer."""
    settings = current_settings()
    settings = replace(settings, seed=settings.seed + 1)
    st.session_state[SAVED] = asdict(settings)
    return settings


def settings_panel() -> GenerateSettings:
    """Draw the settings and return them (also kept for other pages)."""
    saved = current_settings()
    defaults = {
        "gen_tolerance": saved.tolerance_pct,
        "gen_items": (saved.min_items, saved.max_items),
        "gen_snack_items": saved.snack_max_items,
        "gen_repeat": saved.repeat_limit,
        "gen_restaurant": saved.allow_restaurant,
        "gen_cheapest": saved.cheapest,
        "gen_time_limit": saved.time_limit_s,
        "gen_micros": list(saved.micronutrients),
        "gen_micro_span": saved.micronutrient_span,
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    left, right = st.columns(2)
    left.slider(
        "Tolerance on energy, protein, carbohydrate and fat (± %)",
        1.0,
        15.0,
        step=0.5,
        key="gen_tolerance",
    )
    left.slider("Items per meal (fewest – most)", 1, 8, key="gen_items")
    left.slider("Items per snack (at most)", 1, 8, key="gen_snack_items")
    right.slider("Times a food or recipe may appear in a week", 1, 7, key="gen_repeat")
    right.slider("Time limit per day (s)", 0.5, 20.0, step=0.5, key="gen_time_limit")
    right.checkbox("Allow restaurant and fast foods", key="gen_restaurant")
    right.checkbox("Cheapest menu (uses the prices below)", key="gen_cheapest")
    micros, span = st.columns([3, 2])
    micros.multiselect(
        "Also reach these micronutrient goals (the client's RDA or AI)",
        MICRONUTRIENTS,
        format_func=lambda key: BY_KEY[key].name,
        key="gen_micros",
        placeholder="None: energy and macros only",
        help="Each chosen nutrient's goal becomes a minimum; the upper limits that apply to "
        "food (ULs, vitamin A's on retinol, your own limits) become maximums. The client "
        "needs a birth year (for the Dietary Reference Intakes) or goals of your own.",
    )
    span.radio("Goals met", list(SPANS), format_func=SPANS.get, key="gen_micro_span")
    low, high = st.session_state["gen_items"]
    try:
        settings = replace(
            saved,
            tolerance_pct=float(st.session_state["gen_tolerance"]),
            min_items=int(low),
            max_items=int(high),
            snack_max_items=int(st.session_state["gen_snack_items"]),
            repeat_limit=int(st.session_state["gen_repeat"]),
            allow_restaurant=bool(st.session_state["gen_restaurant"]),
            cheapest=bool(st.session_state["gen_cheapest"]),
            time_limit_s=float(st.session_state["gen_time_limit"]),
            micronutrients=tuple(st.session_state["gen_micros"]),
            micronutrient_span=str(st.session_state["gen_micro_span"]),
        )
    except MenuplannerError as error:
        st.error(literal(str(error)))
        return saved
    st.session_state[SAVED] = asdict(settings)
    return settings
