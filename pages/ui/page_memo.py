"""Results kept while a session stays on one page: a click on a page reruns all of it, and some
figures (the dashboard's overview, the client's printable page) cost far more to compute than to
check. Kept per visit: moving to another page and back (or refreshing the browser) computes them
afresh, so a change made elsewhere (a food's data, a tag) shows on the next visit at the latest;
the keys carry what a change on this page would alter (a menu's version, the options)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

_VISIT = "page_memo_visit"
_MEMO = "page_memo"
MOST = 16  # results kept per visit: the oldest goes first


def start_visit(page: str) -> None:
    """In app.py, once the page is known: forget what an earlier visit kept."""
    if st.session_state.get(_VISIT) != page:
        st.session_state[_VISIT] = page
        st.session_state[_MEMO] = {}


def kept[T](key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`'s result for `key`, computed once in this visit of the page."""
    memo: dict = st.session_state.setdefault(_MEMO, {})
    if key not in memo:
        while len(memo) >= MOST:
            memo.pop(next(iter(memo)))
        memo[key] = compute()
    return memo[key]


def store(name: str) -> dict:
    """A dict of this visit for a service to keep its own results in (see dashboard.overview)."""
    return kept(("store", name), dict)
