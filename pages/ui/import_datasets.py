"""The datasets in the database with their provenance, and removing an imported one (after a
confirmation; refused, with where it is used, while recipes or menus use its foods)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports_datasets import DatasetStore
from menuplanner.services import imports
from pages.ui import database
from pages.ui.text import literal

CONFIRM = "imports_confirm_remove"  # dataset id awaiting confirmation
MESSAGE = "imports_datasets_message"  # (kind, text) after a removal attempt


def datasets_list(store: DatasetStore) -> None:
    records = imports.datasets(store)
    kind, text = st.session_state.pop(MESSAGE, (None, None))
    if kind == "error":
        st.error(literal(text))
    elif kind == "success":
        st.success(literal(text))
    for record in records:
        label = (
            literal(record.name)
            + (" (bundled)" if record.is_bundled else "")
            + " · "
            + (f"{literal(record.version)} · " if record.version else "")
            + f"{record.food_count:,} foods"
        )
        with st.expander(label, expanded=st.session_state.get(CONFIRM) == record.dataset_id):
            details = imports.describe(record)
            st.dataframe(
                pl.DataFrame({"": list(details), "Provenance": list(details.values())}),
                hide_index=True,
                width="stretch",
                key=f"imports_provenance_{record.dataset_id}",
            )
            if record.is_bundled:
                st.caption("The bundled data comes with menuplanner and cannot be removed.")
                continue
            _remove_button(record)


def _remove_button(record) -> None:
    if st.session_state.get(CONFIRM) != record.dataset_id:
        st.button(
            "Remove this dataset…",
            key=f"imports_remove_{record.dataset_id}",
            on_click=_ask,
            args=(record.dataset_id,),
        )
        return
    st.warning(
        f"Remove “{literal(record.name)}” and its {record.food_count:,} foods? This cannot be "
        "undone (you can import the file again)."
    )
    yes, no = st.columns([1, 4])
    yes.button(
        "Yes, remove",
        key=f"imports_remove_yes_{record.dataset_id}",
        type="primary",
        on_click=_remove,
        args=(record.dataset_id,),
    )
    no.button("Cancel", key=f"imports_remove_no_{record.dataset_id}", on_click=_ask, args=(None,))


def _ask(dataset_id: int | None) -> None:
    st.session_state[CONFIRM] = dataset_id


def _remove(dataset_id: int) -> None:
    """A callback: it runs before the next script run, so it opens its own connection."""
    st.session_state[CONFIRM] = None
    store = database.datasets()
    try:
        st.session_state[MESSAGE] = ("success", imports.remove(store, dataset_id))
    except MenuplannerError as error:
        st.session_state[MESSAGE] = ("error", str(error))
