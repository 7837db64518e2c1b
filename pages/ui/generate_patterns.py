"""The meal patterns in use, shown on the generate page (the practice edits data/meals/)."""

from __future__ import annotations

import streamlit as st

from menuplanner.services.meal_check import patterns_in_use


def patterns_view() -> None:
    st.caption(
        "Every generated meal follows one of these patterns. Roles and portion ranges of food "
        "categories are in data/meals/categories.csv, the patterns in data/meals/patterns.toml: "
        "edit them to change the practice's meals. Bigger eaters (above 2,000 kcal a day) eat "
        "up to half as much again at a meal."
    )
    st.dataframe(patterns_in_use(), hide_index=True, width="stretch")
