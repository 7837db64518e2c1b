"""API keys: programs (a client-facing app, a records system, a script) reach this workspace
through the HTTP API (`menuplanner serve`) with a key made here. The key is shown once; only
its hash is kept."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from pages.ui import database
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()
NEW_TOKEN = "api_keys_new_token"  # the token just made, shown until the page is left

st.title("API keys")
workspace = database.workspace()
keys = database.api_keys()
st.caption(
    f"Keys for the HTTP API of workspace {literal(workspace)}: a program sends one as "
    "`Authorization: Bearer …` and works in this workspace only. Start the server with "
    "`uv run menuplanner serve`; its documentation is at /api/v1/docs."
)

with st.form("api_keys_create", clear_on_submit=True):
    name = st.text_input("What is the key for?", placeholder="Booking system", max_chars=80)
    if st.form_submit_button("Make a key"):
        try:
            key, token = keys.create(workspace, name)
            st.session_state[NEW_TOKEN] = (key.name, token)
        except MenuplannerError as error:
            st.error(str(error))

if made := st.session_state.pop(NEW_TOKEN, None):
    st.success(
        f"Key '{literal(made[0])}' is made. Copy it now: it is stored only as a hash and "
        "cannot be shown again."
    )
    st.code(made[1], language=None)

found = keys.list(workspace)
if not found:
    st.info("No API keys yet.")
for key in found:
    used = f"{key.last_used:%Y-%m-%d %H:%M} UTC" if key.last_used else "never"
    left, right = st.columns([4, 1])
    left.markdown(
        f"**{literal(key.name)}** · made {key.created:%Y-%m-%d %H:%M} UTC · last used {used}"
        + (" · :red[revoked]" if key.revoked else "")
    )
    if not key.revoked and right.button("Revoke", key=f"api_key_revoke_{key.key_id}"):
        keys.revoke(workspace, key.key_id)
        st.rerun()
