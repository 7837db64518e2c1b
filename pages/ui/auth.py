"""Who is using the app, and in which workspace.

app.py calls `require_workspace(pages)` before anything reads the database or draws navigation:

- Sign-in not set up (no `[auth]` in the secrets): everyone shares the local workspace, and the
  sidebar says so.
- Set up, nobody signed in: a sign-in screen and nothing else (the run stops there).
- Signed in with a verified email: the user's workspaces (menuplanner.domain.workspaces), a
  picker when there is more than one, and a sign-out button.

The chosen workspace lives in this session only; `database.workspace()` reads it through
`current_workspace()`. Switching workspace clears every other session key, so no client, menu or
form of the previous workspace stays on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitAuthError
from streamlit.navigation.page import StreamlitPage

from menuplanner.domain.workspaces import (
    Workspace,
    WorkspaceSettingsError,
    parse_membership,
    workspaces_for,
)
from menuplanner.ports import LOCAL_WORKSPACE
from pages.ui.text import literal

ACTIVE = "auth_workspace"  # the workspace id this session works in, checked on every run
CHOICE = "auth_workspace_choice"  # the sidebar's workspace picker
PRODUCT = "menuplanner"
NOT_SET_UP = (
    "Single local workspace: sign-in is not set up, so everyone who can open this address "
    "sees and changes the same clients. To give each person their own workspace, see "
    "README › Sign-in."
)
PITCH = "Plan your clients' meals and check every day against their nutrition targets."
NO_EMAIL = (
    "Your sign-in provider did not share your email address, so menuplanner cannot tell which "
    "workspaces are yours. Ask whoever set up sign-in to request the “email” scope."
)
UNVERIFIED = (
    "Your sign-in provider has not verified the email address {email}, so menuplanner cannot "
    "open its workspaces. Verify the address with your provider, then sign in again."
)
UNREADABLE_SECRETS = (
    "The app's secrets file exists but cannot be read, so sign-in cannot be checked and no "
    "workspace is opened. Fix the file (see README › Sign-in) and reload this page."
)
NO_PROVIDER = (
    "Sign-in is switched on ([auth] in the secrets) but names no provider: add client_id, "
    "client_secret and server_metadata_url (see README › Sign-in)."
)


def require_workspace(pages: Mapping[str, Sequence[StreamlitPage]] | None = None) -> None:
    """Decide this run's workspace, or show the sign-in screen and stop the run. `pages` are the
    app's pages (as given to st.navigation): the sign-in screen answers at their addresses too."""
    addresses = [p.url_path for section in (pages or {}).values() for p in section if p.url_path]
    secrets = _secrets()
    auth = secrets.get("auth")
    if not auth:
        st.session_state[ACTIVE] = LOCAL_WORKSPACE
        st.sidebar.caption(NOT_SET_UP)
        return
    st.session_state.pop(ACTIVE, None)  # set again below only for a signed-in, verified user
    if not st.user.get("is_logged_in"):
        _only(_sign_in_screen(_providers(auth)), addresses)
    email = st.user.get("email")
    if not isinstance(email, str) or not email.strip():
        _only(_refusal(NO_EMAIL), addresses)
    if _unverified(st.user.get("email_verified")):
        _only(_refusal(UNVERIFIED.format(email=literal(email))), addresses)
    try:
        workspaces = workspaces_for(email, parse_membership(_workspace_settings(secrets)))
    except WorkspaceSettingsError as error:
        advice = f"{literal(str(error))} Ask whoever set up sign-in to correct it."
        _only(_refusal(advice), addresses)
    st.session_state[ACTIVE] = _chosen(workspaces).workspace_id
    _account_panel(email, workspaces)


def current_workspace() -> str:
    """The workspace `require_workspace` settled on for this session (also in widget callbacks,
    which run before app.py). Without sign-in it is always the local one, even for code that
    runs without app.py; with sign-in, there is none until a verified user is signed in."""
    workspace = st.session_state.get(ACTIVE)
    if workspace:
        return workspace
    if not _secrets().get("auth"):
        return LOCAL_WORKSPACE
    raise LookupError("No workspace is open in this session; app.py opens one first.")


def _secrets() -> Mapping[str, Any]:
    try:
        return {key: st.secrets[key] for key in ("auth", "menuplanner") if key in st.secrets}
    except FileNotFoundError:  # Streamlit's "no secrets" and "cannot parse secrets" alike
        # The very paths Streamlit's loader reads (config.get_option, as the loader calls it).
        if any(Path(path).is_file() for path in config.get_option("secrets.files")):
            st.error(UNREADABLE_SECRETS)  # a broken file must not fall back to the open workspace
            st.stop()
        return {}


def _unverified(claim: object) -> bool:
    """Only an explicit no counts: some providers never send the claim, some send it as text."""
    return claim is False or (isinstance(claim, str) and claim.strip().lower() == "false")


def _workspace_settings(secrets: Mapping[str, Any]) -> object:
    settings = secrets.get("menuplanner")
    return settings.get("workspaces") if isinstance(settings, Mapping) else None


def _providers(auth: Mapping[str, Any]) -> list[str | None]:
    """The providers `[auth]` configures: None for the unnamed one (its keys sit in `[auth]`
    itself), then each `[auth.<name>]` table."""
    named = [
        name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value
    ]
    return ([None] if "client_id" in auth else []) + named


def _sign_in_screen(providers: list[str | None]) -> Callable[[], None]:
    def sign_in() -> None:
        st.title(PRODUCT)
        st.write(PITCH)
        if not providers:
            st.error(NO_PROVIDER)
        for provider in providers:
            label = "Sign in" if provider is None else f"Sign in with {provider.capitalize()}"
            if st.button(label, type="primary", key=f"auth_sign_in_{provider or 'default'}"):
                try:
                    st.login(provider)
                except StreamlitAuthError as error:  # settings or the Authlib package missing
                    st.error(f"Sign-in could not start. {error}")

    return sign_in


def _refusal(message: str) -> Callable[[], None]:
    def refused() -> None:
        st.title(PRODUCT)
        st.error(message)
        if st.button("Sign out", key="auth_sign_out"):
            st.logout()

    return refused


def _only(screen: Callable[[], None], addresses: list[str]) -> NoReturn:
    """Show `screen` as the app's only page (no navigation, no sidebar of pages), then stop.
    It is also registered, hidden, at each page address of the app: otherwise a bookmark such as
    /clients gets Streamlit's "Page not found" dialog over the sign-in screen."""
    home = st.Page(screen, title="Sign in", default=True)
    aliases = [
        st.Page(screen, title="Sign in", url_path=address, visibility="hidden")
        for address in addresses
    ]
    st.navigation([home, *aliases], position="hidden").run()
    st.stop()


def _chosen(workspaces: list[Workspace]) -> Workspace:
    by_id = {w.workspace_id: w for w in workspaces}
    chosen = st.session_state.get(CHOICE)
    if chosen not in by_id:  # first run, or membership changed since
        chosen = workspaces[0].workspace_id
    # Set by key on every run: the picker is drawn from app.py, which a page address can run
    # under that page's script hash, giving the widget a new id that would otherwise start
    # from its first option while the session works in another workspace.
    st.session_state[CHOICE] = chosen
    return by_id[chosen]


def _account_panel(email: str, workspaces: list[Workspace]) -> None:
    name = st.user.get("name")
    who = f"{name} ({email})" if isinstance(name, str) and name.strip() else email
    st.sidebar.caption(f"Signed in as {literal(who)}")
    if len(workspaces) > 1:
        labels = {w.workspace_id: w.label for w in workspaces}
        st.sidebar.selectbox(
            "Workspace",
            list(labels),
            format_func=labels.get,
            key=CHOICE,
            on_change=_forget_previous_workspace,
        )
    if st.sidebar.button("Sign out", key="auth_sign_out"):
        st.logout()
        st.stop()  # the browser is on its way out: draw nothing more of this workspace


def _forget_previous_workspace() -> None:
    """Widget callback of the workspace picker: drop every other session key (the current
    client, the open menu, half-filled forms) so nothing of the old workspace is shown."""
    for key in list(st.session_state):
        if key not in (ACTIVE, CHOICE):
            del st.session_state[key]
