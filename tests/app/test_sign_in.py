"""Sign-in and workspaces in the whole app (app.py), on a real copy of the database.

AppTest hands the app `at.secrets` as `st.secrets` and `at.user` as `st.user`, which is how a
signed-in user is simulated here; the OpenID Connect round trip itself is Streamlit's.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from pages.ui.auth import ACTIVE, CHOICE, NOT_SET_UP, PITCH, UNREADABLE_SECRETS
from pages.ui.client_picker import CURRENT_CLIENT

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DEMO_CLIENT = "Maya Jensen"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-string-for-the-tests",
    "client_id": "menuplanner-test",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration",
}
WORKSPACES = {"North clinic": ["ana@example.org", "ben@example.org"]}
ANA = {"is_logged_in": True, "email": "ana@example.org", "email_verified": True, "name": "Ana Lima"}


def unescaped(text: str) -> str:
    """Markdown text as a reader sees it (pages escape user text with `literal`)."""
    return text.replace("\\", "")


def rendered_text(at: AppTest) -> str:
    """Everything the run drew, main area and sidebar, as the protobuf text of each element."""

    def walk(node) -> Iterator[str]:
        if getattr(node, "proto", None) is not None:
            yield str(node.proto)
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(chain(walk(at.main), walk(at.sidebar)))


def with_sign_in(user: dict | None = None, workspaces: object = WORKSPACES) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = dict(AUTH)
    at.secrets["menuplanner"] = {"workspaces": workspaces}
    if user is not None:
        at.user = dict(user)
    return at.run()


def clients_listed(at: AppTest) -> list[str]:
    at.switch_page("pages/clients.py").run()
    assert not at.exception
    return at.dataframe[0].value["Client"].to_list() if at.dataframe else []


def add_client(at: AppTest, name: str) -> None:
    at.switch_page("pages/clients.py").run()
    if at.selectbox(key="clients_selected").value != 0:  # opened on the current client
        at.selectbox(key="clients_selected").set_value(0).run()
    at.text_input(key="clients_new0_name").input(name)
    submit = next(b for b in at.button if b.key.startswith("FormSubmitter:clients_new0_form"))
    submit.click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Saved {name}."]


def test_without_sign_in_everyone_shares_the_local_workspace_and_the_sidebar_says_so(app):
    app.run()

    assert not app.exception
    assert [c.value for c in app.sidebar.caption] == [NOT_SET_UP]
    assert app.session_state[ACTIVE] == "local"
    assert app.sidebar.selectbox(key=CURRENT_CLIENT).value == 1
    assert DEMO_CLIENT in rendered_text(app)  # the demo client of the first build


def test_signed_out_the_app_is_a_sign_in_screen_that_never_opens_the_database(
    database_copy, monkeypatch, tmp_path
):
    never = tmp_path / "never.duckdb"
    monkeypatch.setenv("MENUPLANNER_DB", str(never))

    at = with_sign_in()  # AppTest's default user has no is_logged_in: signed out

    assert not at.exception
    assert [t.value for t in at.title] == ["menuplanner"]
    assert [m.value for m in at.markdown] == [PITCH]
    assert [b.label for b in at.button] == ["Sign in"]
    assert len(at.sidebar) == 0
    assert not never.exists()  # not even built: nothing was read
    assert ACTIVE not in at.session_state


def test_signed_out_a_page_address_still_shows_only_the_sign_in_screen(app):
    app.secrets["auth"] = dict(AUTH)
    app.user = {"is_logged_in": False}

    app.switch_page("pages/clients.py").run()  # e.g. a bookmark of /clients

    assert not app.exception
    assert [t.value for t in app.title] == ["menuplanner"]
    assert [b.label for b in app.button] == ["Sign in"]
    assert DEMO_CLIENT not in rendered_text(app)


def test_a_named_provider_gets_its_own_button():
    at = AppTest.from_file(APP, default_timeout=60)
    provider = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    at.secrets["auth"] = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": AUTH["cookie_secret"],
        "google": provider,
    }
    at.run()

    assert [b.label for b in at.button] == ["Sign in with Google"]


def test_a_signed_in_member_of_a_clinic_picks_between_her_own_workspace_and_the_clinic(app):
    app.secrets["auth"] = dict(AUTH)
    app.secrets["menuplanner"] = {"workspaces": WORKSPACES}
    app.user = dict(ANA)
    app.run()

    assert not app.exception
    picker = app.sidebar.selectbox(key=CHOICE)
    assert picker.label == "Workspace"
    assert picker.options == ["Personal", "North clinic"]
    assert picker.value == "user:ana@example.org"
    assert app.session_state[ACTIVE] == "user:ana@example.org"
    assert [unescaped(c.value) for c in app.sidebar.caption] == [
        "Signed in as Ana Lima (ana@example.org)",
        "No clients yet: add one on the Clients page.",
    ]
    assert [b.label for b in app.sidebar.button] == ["Sign out"]
    assert DEMO_CLIENT not in rendered_text(app)  # the demo lives in the local workspace only


def test_a_client_stays_in_the_workspace_it_was_created_in(app):
    app.secrets["auth"] = dict(AUTH)
    app.secrets["menuplanner"] = {"workspaces": WORKSPACES}
    app.user = dict(ANA)
    app.run()
    app.sidebar.selectbox(key=CHOICE).set_value("shared:North clinic").run()
    add_client(app, "Sam Carter")
    assert clients_listed(app) == ["Sam Carter"]
    assert app.session_state[CURRENT_CLIENT] is not None

    app.sidebar.selectbox(key=CHOICE).set_value("user:ana@example.org").run()

    assert app.session_state[ACTIVE] == "user:ana@example.org"
    assert CURRENT_CLIENT not in app.session_state  # nothing of the clinic left behind
    assert clients_listed(app) == []
    assert "Sam Carter" not in rendered_text(app)

    ben = with_sign_in({**ANA, "email": "ben@example.org", "name": "Ben Ode"})
    ben.sidebar.selectbox(key=CHOICE).set_value("shared:North clinic").run()
    assert clients_listed(ben) == ["Sam Carter"]  # a fellow member shares the clinic

    carla = with_sign_in({**ANA, "email": "carla@example.org", "name": "Carla Ruiz"})
    assert len(carla.sidebar.selectbox) == 0  # her personal workspace only: nothing to pick
    assert carla.session_state[ACTIVE] == "user:carla@example.org"
    assert clients_listed(carla) == []
    assert "Sam Carter" not in rendered_text(carla)


@pytest.mark.parametrize("verified", [False, "false"])  # some providers send the claim as text
def test_an_unverified_email_is_refused_with_a_way_to_sign_out(app, verified):
    app.secrets["auth"] = dict(AUTH)
    app.user = {**ANA, "email_verified": verified}
    app.run()

    assert not app.exception
    assert [unescaped(e.value) for e in app.error] == [
        "Your sign-in provider has not verified the email address ana@example.org, so "
        "menuplanner cannot open its workspaces. Verify the address with your provider, then "
        "sign in again."
    ]
    assert ACTIVE not in app.session_state
    assert DEMO_CLIENT not in rendered_text(app)

    app.button(key="auth_sign_out").click().run()

    assert app.user == {"is_logged_in": False}
    assert [b.label for b in app.run().button] == ["Sign in"]


def test_a_malformed_workspaces_section_is_explained_instead_of_guessed(app):
    app.secrets["auth"] = dict(AUTH)
    app.secrets["menuplanner"] = {"workspaces": {"North clinic": "ana@example.org"}}
    app.user = dict(ANA)
    app.run()

    assert not app.exception
    assert [unescaped(e.value) for e in app.error] == [
        "The members of 'North clinic' in [menuplanner.workspaces] must be a list of emails in "
        'square brackets, e.g. "North clinic" = ["ana@example.org"]. Ask whoever set up '
        "sign-in to correct it."
    ]
    assert ACTIVE not in app.session_state


def test_a_new_workspace_starts_empty_and_can_take_the_demo_week(app):
    app.secrets["auth"] = dict(AUTH)
    app.user = dict(ANA)
    app.run()

    assert [m.value for m in app.metric if m.label == "Clients"] == ["0"]
    assert [i.value for i in app.info] == [
        "This workspace has no clients yet. Add your first on the Clients page, then build their "
        "week in the Menu builder. Or add the demo clients with their planned weeks to see how "
        "it works; they can be removed in one action later."
    ]

    app.button(key="home_add_demo").click().run()

    assert not app.exception
    counts = {m.label: m.value for m in app.metric}
    assert (counts["Clients"], counts["Menus"], counts["Recipes"]) == ("2", "2", "22")
    assert app.sidebar.selectbox(key=CURRENT_CLIENT).options == [
        "Maya Jensen (demo)",
        "Nora Lind (demo)",
    ]


def test_a_secrets_file_that_cannot_be_read_opens_no_workspace_rather_than_the_shared_one(
    app, tmp_path
):
    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback\n')

    with patch_config_options({"secrets.files": [str(broken)]}):
        app.run()

    assert not app.exception
    assert [e.value for e in app.error] == [UNREADABLE_SECRETS]
    assert ACTIVE not in app.session_state
    assert DEMO_CLIENT not in rendered_text(app)


def _workspace_outside_the_app() -> None:
    """A page component run without app.py, as component tests do."""
    import streamlit as st

    from pages.ui import database

    st.write(database.workspace())


def test_with_sign_in_code_run_outside_the_app_gets_no_workspace():
    bare = AppTest.from_function(_workspace_outside_the_app, default_timeout=60)
    assert [m.value for m in bare.run().markdown] == ["local"]  # without sign-in: the local one

    bare = AppTest.from_function(_workspace_outside_the_app, default_timeout=60)
    bare.secrets["auth"] = dict(AUTH)
    bare.user = dict(ANA)
    with patch_config_options({"client.showErrorDetails": "full"}):
        bare.run()

    assert [e.message for e in bare.exception] == [
        "No workspace is open in this session; app.py opens one first."
    ]
    assert not bare.markdown
