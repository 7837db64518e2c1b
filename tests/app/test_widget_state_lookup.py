"""The session state's filtered view read one key at a time (pages/ui/widget_state_lookup.py)
answers exactly as Streamlit's full copy does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pages.ui import widget_state_lookup


def test_this_streamlit_has_the_internals_the_view_reads():
    # Fails after a Streamlit upgrade that moved them: read the new widgets' code, then adapt
    # or drop the view (the app still works without it, only slower).
    assert widget_state_lookup.installable()


def _script() -> None:
    import streamlit as st
    from streamlit.runtime.state import session_state
    from streamlit.runtime.state.session_state_proxy import get_session_state

    from pages.ui import widget_state_lookup

    widget_state_lookup.install()
    if "cleared" not in st.session_state:
        st.session_state["cleared"] = None  # a number box whose value was set to None
    st.session_state.setdefault("plain", "kept")
    st.number_input("Cleared", key="cleared")
    st.number_input("Amount", value=2.5, key="amount")
    st.selectbox("Unit", ["g", "cup"], key="unit")
    st.checkbox("No key")
    state = get_session_state()
    view = state.filtered_state
    full = widget_state_lookup._FULL_COPY.fget(state._state)
    st.session_state["is_view"] = isinstance(view, widget_state_lookup.FilteredStateView)
    st.session_state["same_items"] = dict(view) == full and len(view) == len(full)
    st.session_state["same_answers"] = all(key in view and view[key] == full[key] for key in full)
    hidden = [key for key in state._state._keys() if key not in full]
    st.session_state["hidden_hidden"] = bool(hidden) and not any(key in view for key in hidden)
    st.session_state["internal"] = next(
        (key for key in state._state._keys() if session_state._is_internal_key(key)), ""
    )


def test_the_view_answers_as_the_full_copy_for_every_key():
    app = AppTest.from_function(_script).run()
    assert not app.exception
    app.number_input(key="amount").set_value(4.0).run()
    app.selectbox(key="unit").set_value("cup").run()
    assert not app.exception
    assert app.number_input(key="cleared").value is None
    assert app.number_input(key="amount").value == 4.0
    assert app.session_state["is_view"] is True
    assert app.session_state["same_items"] is True
    assert app.session_state["same_answers"] is True
    assert app.session_state["hidden_hidden"] is True  # the unkeyed checkbox's id is not shown
    assert sorted(app.session_state.keys()) == sorted(
        [
            "amount",
            "cleared",
            "hidden_hidden",
            "internal",
            "is_view",
            "plain",
            "same_answers",
            "same_items",
            "unit",
        ]
    )
