"""The meal patterns in use, on the Generate page: the practice's own list (the bundled ones
until it saves its own), edited as a table in the words the patterns are shown in."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.planning.categories import ROLES
from menuplanner.services import meal_patterns as patterns
from pages.ui.generate_settings import planning_store
from pages.ui.text import literal

EDITOR = "gen_patterns_editor"
FLASH = "gen_patterns_flash"


def _columns() -> dict:
    return {
        patterns.MEAL: st.column_config.SelectboxColumn(
            patterns.MEAL, options=list(patterns.MEALS), required=True, width=120
        ),
        patterns.NAME: st.column_config.TextColumn(
            patterns.NAME, max_chars=patterns.MOST_NAME, required=True, width=180
        ),
        patterns.MADE_OF: st.column_config.TextColumn(
            patterns.MADE_OF,
            width=265,
            help="Roles with how many of each: '1–2 vegetable' one or two; what follows "
            "'(+ …)' is optional, at most one of each ('+ 2 snack': up to two).",
        ),
        patterns.SECOND_MAIN: st.column_config.TextColumn(
            patterns.SECOND_MAIN,
            width=135,
            help="With '1–2 main': the categories a second main comes from (beans and "
            "lentils, tofu…), so never two meats. Leave empty otherwise.",
        ),
        patterns.FROM_PROTEIN: st.column_config.TextColumn(
            patterns.FROM_PROTEIN,
            width=105,
            max_chars=6,
            help="Only on days whose protein target is at least this share of energy; "
            "empty: every day.",
        ),
        patterns.IN_USE: st.column_config.CheckboxColumn(patterns.IN_USE, default=True, width=65),
    }


def patterns_view() -> None:
    store = planning_store()
    own = patterns.has_own_patterns(store)
    if flash := st.session_state.pop(FLASH, None):
        st.success(flash)
    st.caption(
        "Every generated meal follows one pattern in use of its kind. **Made of** names roles "
        "and how many of each: 'main, starch, 1–2 vegetable (+ fat)' is one main, one starch, "
        "one or two vegetables, and at most one fat."
    )
    st.caption(
        f"The roles: {', '.join(ROLES)}. Which foods fill each role, and each food category's "
        "portion range with its source, are in data/meals/categories.csv. A meal holds at most "
        f"{patterns.meal_sizes()} (up to half as much again above 2,000 kcal a day)."
    )
    st.caption(
        "**Your practice's own patterns**, for generation and the meal check."
        if own
        else "**The standard patterns** (data/meals/patterns.toml). Saving makes them your "
        "practice's own, for generation and the meal check."
    )
    edited = st.data_editor(
        patterns.pattern_rows(store),
        num_rows="dynamic",
        key=EDITOR,
        column_config=_columns(),
        column_order=patterns.COLUMNS,
        hide_index=True,
        height="content",
    )
    buttons = st.container(horizontal=True, gap="small")
    if buttons.button("Save the patterns", key="gen_patterns_save", type="primary"):
        try:
            in_use = patterns.save_patterns(store, edited)
        except MenuplannerError as error:
            st.error(literal(str(error)) + " Nothing was saved.")
        else:
            _done(f"Saved: {in_use} patterns in use.")
    if buttons.button(
        "Back to the standard patterns",
        key="gen_patterns_standard",
        disabled=not own,
        help="Forget your practice's patterns and follow the bundled ones again.",
    ):
        patterns.standard_patterns(store)
        _done("Back to the standard patterns.")


def _done(message: str) -> None:
    st.session_state[FLASH] = message
    st.session_state.pop(EDITOR, None)  # the edits are in the saved patterns now
    st.rerun()
