"""Streamlit 1.67 builds a copy of the whole session state (every widget's value, presented)
each time a number input, select box, radio, slider, text or date input is drawn, only to ask
whether that one widget's key holds None. With a day of 15 items (an amount box and a unit box
each, and their popovers in the state) that is quadratic: ~12 ms of every menu builder click,
found by profiling the add-one-item round trip on a real server (issue 17).

`install()` gives that property a view answering `key in` and `[key]` for one key from the
session state itself, and building the full copy only when something iterates it (the session
state's own `len`, iteration and printing, AppTest). The answers are the same: a user key is in
the filtered state exactly when it is in the session state and is neither an internal key nor
an element id. app.py installs it, and only on a Streamlit with the internals it was written
against (tests/app/test_widget_state_lookup.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from streamlit.runtime.state import common, safe_session_state, session_state

_STATE = session_state.SessionState
_SAFE = safe_session_state.SafeSessionState
_FULL_COPY = _STATE.filtered_state  # the property as Streamlit wrote it


class FilteredStateView(Mapping[str, Any]):
    """The session state as `filtered_state` shows it, read one key at a time."""

    def __init__(self, safe_state: Any) -> None:
        self._safe = safe_state

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or _hidden(key):
            return False
        with self._safe._lock:
            return key in self._safe._state

    def __getitem__(self, key: str) -> Any:
        if not isinstance(key, str) or _hidden(key):
            raise KeyError(key)
        with self._safe._lock:
            return self._safe._state[key]

    def _copy(self) -> dict[str, Any]:
        with self._safe._lock:
            return _FULL_COPY.fget(self._safe._state)

    def __iter__(self) -> Iterator[str]:
        return iter(self._copy())

    def __len__(self) -> int:
        return len(self._copy())

    def __repr__(self) -> str:
        return repr(self._copy())


def _hidden(key: str) -> bool:
    return common.is_element_id(key) or session_state._is_internal_key(key)


def _view(safe_state: Any) -> FilteredStateView:
    return FilteredStateView(safe_state)


def installable() -> bool:
    """Whether this Streamlit has the internals the view reads."""
    return (
        isinstance(_SAFE.__dict__.get("filtered_state"), property)
        and isinstance(_FULL_COPY, property)
        and hasattr(common, "is_element_id")
        and hasattr(session_state, "_is_internal_key")
        and hasattr(_STATE, "__contains__")
    )


def install() -> bool:
    """Put the view in place (once); False when this Streamlit differs from the one it was
    written for, and it then works as Streamlit wrote it."""
    if not installable():
        return False
    _SAFE.filtered_state = property(_view)
    return True
