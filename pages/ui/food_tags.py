"""What a food contains (allergens, meat, ...) and a way to correct it."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.tags import TAG_LABELS, Tag
from menuplanner.services import foods as food_service
from pages.ui import database


def tag_editor(food_id: int) -> None:
    tags = food_service.food_tags(database.catalog(), food_id)
    names = (
        ", ".join(TAG_LABELS[t] for t in Tag if t in tags.effective)
        or "none of the tracked allergens"
    )
    source = "corrected by you" if tags.corrected else "from the food's name and group"
    st.markdown(f"**Contains:** {names} ({source})")
    with st.expander("Correct what this food contains"):
        st.caption(
            "Allergy and diet checks use these tags. Your correction replaces the automatic "
            "one for this food in every recipe and menu."
        )
        chosen = st.multiselect(
            "Contains",
            list(Tag),
            default=sorted(tags.effective),
            format_func=TAG_LABELS.get,
            key=f"foods_tags_{food_id}",
        )
        save_column, reset_column = st.columns(2)
        if save_column.button("Save correction", key=f"foods_tags_save_{food_id}"):
            food_service.correct_tags(database.unit_of_work(), food_id, frozenset(chosen))
            st.toast("Saved: checks now use your correction.")
            st.rerun()
        if tags.corrected and reset_column.button(
            "Back to the automatic tags", key=f"foods_tags_reset_{food_id}"
        ):
            food_service.correct_tags(database.unit_of_work(), food_id, None)
            st.session_state.pop(f"foods_tags_{food_id}", None)
            st.rerun()
