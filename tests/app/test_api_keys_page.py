"""The API keys page: a key is made and shown once, listed with its name, and revoked."""

from __future__ import annotations

import hashlib

import duckdb
from streamlit.testing.v1 import AppTest


def test_a_key_is_shown_once_listed_and_revoked(app: AppTest, database_copy) -> None:
    app.switch_page("pages/api_keys.py").run()
    assert not app.exception
    assert app.info[0].value == "No API keys yet."
    app.text_input[0].input("Booking system")
    app.button[0].click().run()
    token = app.code[0].value
    assert token.startswith("mp_")
    assert app.success[0].value.startswith("Key 'Booking system' is made.")
    with duckdb.connect(str(database_copy)) as conn:  # the app in this process holds it
        stored = conn.execute("SELECT name, token_sha256 FROM api_keys").fetchall()
    assert stored == [("Booking system", hashlib.sha256(token.encode()).hexdigest())]
    app.run()
    assert not app.code  # shown once
    assert "**Booking system**" in app.markdown[-1].value
    app.button(key="api_key_revoke_1").click().run()
    assert app.markdown[-1].value.endswith(":red[revoked]")
