"""What a food contains (allergens, meat, ...), what it may contain that only its label can
tell, and a way to confirm or correct it."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.tags import TAG_LABELS, Tag
from menuplanner.services import foods as food_service
from pages.ui import database
from pages.ui.text import literal


def tag_editor(food_id: int) -> None:
    tags = food_service.food_tags(database.catalog(), food_id)
    names = (
        ", ".join(TAG_LABELS[t] for t in Tag if t in tags.effective)
        or "none of the tracked allergens"
    )
    if tags.corrected:
        source = "confirmed or corrected by you"
    elif tags.from_ingredients:
        source = "from its ingredient list"
    else:
        source = "from the food's name and group"
    st.markdown(f"**Contains:** {names} ({source})")
    if tags.note:
        st.warning(
            f"{literal(tags.note)}. It is left out of generated menus and Swap suggestions "
            "for clients who must avoid these. Once you have read the label, confirm below "
            "what it contains.",
            icon=":material/warning:",
        )
    with st.expander("Confirm or correct what this food contains", expanded=bool(tags.note)):
        st.caption(
            "Allergy and diet checks use these tags. What you save is all this food contains, "
            "for every recipe and menu of this workspace; nothing is left unverified."
        )
        chosen = st.multiselect(
            "Contains",
            list(Tag),
            default=sorted(tags.effective),
            format_func=TAG_LABELS.get,
            key=f"foods_tags_{food_id}",
        )
        save_column, reset_column = st.columns(2)
        if save_column.button("Confirm these tags", key=f"foods_tags_save_{food_id}"):
            food_service.correct_tags(database.unit_of_work(), food_id, frozenset(chosen))
            st.toast("Saved: checks now use the tags you confirmed.")
            st.rerun()
        if tags.corrected and reset_column.button(
            "Back to the automatic tags", key=f"foods_tags_reset_{food_id}"
        ):
            food_service.correct_tags(database.unit_of_work(), food_id, None)
            st.session_state.pop(f"foods_tags_{food_id}", None)
            st.rerun()
