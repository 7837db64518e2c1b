"""Sign-in for real: `streamlit run app.py` with an `[auth]` secrets section pointing at a fake
OpenID Connect provider (fake_oidc.py), so the browser goes through Streamlit's whole round trip
(/auth/login → the provider → /oauth2callback → the signed identity cookie → st.user) and the
workspaces follow whoever signed in."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_oidc import FakeOidcProvider, FakeUser
from playwright.sync_api import expect

from menuplanner.bench import free_port
from pages.ui.auth import PITCH, UNVERIFIED
from tests.browser import running_app

CLIENT_ID = "menuplanner-e2e"
CLIENT_SECRET = "fake-oidc-client-secret"
ANA = FakeUser("ana@example.org", "Ana Lima")
BEN = FakeUser("ben@example.org", "Ben Ode")
CARLA = FakeUser("carla@example.org", "Carla Ruiz")  # in no shared workspace
DAN = FakeUser("dan@example.org", "Dan Moss", email_verified=False)
CLINIC_CLIENT = "Nora North"
IDENTITY_COOKIE = "_streamlit_user"  # Streamlit's signed cookie holding st.user
DEMO_CLIENT = "Maya Jensen"  # the local workspace's demo client: no signed-in user sees it


def secrets_toml(app_port: int, provider: FakeOidcProvider) -> str:
    return f"""
[auth]
redirect_uri = "http://localhost:{app_port}/oauth2callback"
cookie_secret = "a-long-random-string-only-for-this-test"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{provider.metadata_url}"

[menuplanner.workspaces]
"North clinic" = ["{ANA.email}", "{BEN.email}"]
"""


@pytest.fixture(scope="module")
def provider() -> Iterator[FakeOidcProvider]:
    with FakeOidcProvider(CLIENT_ID, CLIENT_SECRET) as running:
        yield running


@pytest.fixture(scope="module")
def app_url(
    provider: FakeOidcProvider, built_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`streamlit run app.py` on its own database copy, with sign-in through `provider`. The
    browser must use the host of redirect_uri: the sign-in state and identity cookies are set
    there."""
    folder = tmp_path_factory.mktemp("sign-in")
    db_path = folder / "menuplanner.duckdb"
    shutil.copy(built_database, db_path)
    port = free_port()
    secrets_path = folder / "secrets.toml"
    secrets_path.write_text(secrets_toml(port, provider))
    with running_app(
        db_path, "--secrets.files", str(secrets_path), host="localhost", port=port
    ) as url:
        yield url


@pytest.fixture
def new_page(browser) -> Iterator[object]:
    """A factory of pages, each in a browser context of its own (its own cookies): one person's
    browser."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


def expect_sign_in_screen(page) -> None:
    page.get_by_role("button", name="Sign in", exact=True).wait_for()  # the page's 30 s
    expect(page.locator("h1").filter(has_text="menuplanner")).to_be_visible()
    expect(page.get_by_text(PITCH, exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # no page list
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_text(DEMO_CLIENT)).to_have_count(0)
    expect(page.get_by_text(CLINIC_CLIENT)).to_have_count(0)


def sign_in(page, app_url: str, provider: FakeOidcProvider, user: FakeUser) -> None:
    """From the sign-in screen through the provider and back, signed in as `user`."""
    page.goto(app_url)
    expect_sign_in_screen(page)
    provider.user = user
    with page.expect_response(lambda response: "/oauth2callback?" in response.url):
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(app_url + "/")  # the callback's redirect: home
    assert provider.signed_in[-1] == user.email  # an id_token was issued for this user
    assert IDENTITY_COOKIE in cookie_names(page)  # and Streamlit accepted it


def cookie_names(page) -> set[str]:
    return {cookie["name"] for cookie in page.context.cookies()}


def sign_out(page, app_url: str) -> None:
    with page.expect_response(lambda response: response.url.endswith("/auth/logout")):
        page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url(app_url + "/")
    expect_sign_in_screen(page)
    assert IDENTITY_COOKIE not in cookie_names(page)


def expect_signed_in_as(page, user: FakeUser) -> None:
    page.get_by_test_id("stSidebar").get_by_text(
        f"Signed in as {user.name} ({user.email})", exact=True
    ).wait_for()


def open_workspace(page, label: str) -> None:
    picker = (
        page.get_by_test_id("stSidebar")
        .get_by_test_id("stSelectbox")
        .filter(has=page.get_by_text("Workspace", exact=True))
    )
    picker.click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(picker.get_by_role("combobox")).to_have_value(label)


def open_page(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    page.locator("h1").filter(has_text=title).first.wait_for()


def sidebar_client(page):
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name="Client", exact=True)


def create_client(page, name: str) -> None:
    """On the Clients page: a client of 30, 180 cm and 80 kg, as in test_menu_builder_in_browser."""
    main = page.get_by_test_id("stMain")
    main.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Client", exact=True)).click()
    page.get_by_role("option", name="+ New client", exact=True).click()
    page.locator("h3").filter(has_text="New client").first.wait_for()
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    sex = page.get_by_test_id("stRadio").filter(has=page.get_by_text("Female", exact=True))
    sex.get_by_text("Male", exact=True).click()
    for label, value in [
        ("Birth year", str(dt.date.today().year - 30)),
        ("Height (cm)", "180"),
        ("Weight (kg)", "80"),
    ]:
        field = main.get_by_role("spinbutton", name=label, exact=True)
        field.fill(value)
        field.press("Tab")
    page.get_by_role("button", name="Create client", exact=True).click()
    page.get_by_text(f"Saved {name}.", exact=True).wait_for()
    # 1,780 kcal resting (Mifflin-St Jeor) × 1.375 (light activity, the default) = 2,448
    page.get_by_test_id("stMetricValue").filter(has_text="2,448 kcal").first.wait_for()


@pytest.mark.e2e
def test_a_clinic_client_is_shared_by_its_members_and_hidden_from_everyone_else(
    app_url: str, provider: FakeOidcProvider, new_page, screenshot_dir: Path
):
    pages = {"ana": new_page()}
    ana = pages["ana"]
    try:
        ana.goto(app_url)
        expect_sign_in_screen(ana)
        ana.screenshot(path=screenshot_dir / "1-sign-in-screen.png")

        sign_in(ana, app_url, provider, ANA)
        expect_signed_in_as(ana, ANA)
        open_workspace(ana, "North clinic")
        open_page(ana, "Clients")
        create_client(ana, CLINIC_CLIENT)
        expect(sidebar_client(ana)).to_have_value(CLINIC_CLIENT)
        ana.screenshot(path=screenshot_dir / "2-ana-created-a-clinic-client.png", full_page=True)

        sign_out(ana, app_url)
        ana.reload()  # the identity cookie is gone, not just this page's session
        expect_sign_in_screen(ana)
        ana.screenshot(path=screenshot_dir / "3-ana-signed-out.png")

        carla = pages["carla"] = new_page()
        sign_in(carla, app_url, provider, CARLA)
        expect_signed_in_as(carla, CARLA)
        sidebar = carla.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Workspace", exact=True)).to_have_count(0)  # personal only
        expect(sidebar.get_by_text("No clients yet: add one on the Clients page.")).to_be_visible()
        open_page(carla, "Clients")
        expect(
            carla.get_by_text("No clients yet: fill in the form below to add the first one.")
        ).to_be_visible()
        carla.get_by_role("button", name="Create client", exact=True).wait_for()  # page drawn
        expect(carla.get_by_text(CLINIC_CLIENT)).to_have_count(0)
        carla.screenshot(path=screenshot_dir / "4-carla-sees-no-clinic-client.png")

        ben = pages["ben"] = new_page()
        sign_in(ben, app_url, provider, BEN)
        expect_signed_in_as(ben, BEN)
        expect(sidebar_client(ben)).to_have_count(0)  # his personal workspace is empty
        open_workspace(ben, "North clinic")
        sidebar_client(ben).wait_for()
        expect(sidebar_client(ben)).to_have_value(CLINIC_CLIENT)
        clients_count = ben.get_by_test_id("stMetric").filter(has_text="Clients")
        expect(clients_count.get_by_test_id("stMetricValue")).to_have_text("1", timeout=30_000)
        ben.get_by_text("Menus against targets", exact=True).wait_for()  # the clinic's dashboard
        expect(ben.get_by_text("This workspace has no clients yet", exact=False)).to_have_count(0)
        ben.screenshot(path=screenshot_dir / "5-ben-sees-the-clinic-client.png")
    finally:
        for name, page in pages.items():
            page.screenshot(path=screenshot_dir / f"last-{name}.png")


@pytest.mark.e2e
def test_an_unverified_email_is_refused_and_can_sign_out(
    app_url: str, provider: FakeOidcProvider, new_page, screenshot_dir: Path
):
    page = new_page()
    try:
        sign_in(page, app_url, provider, DAN)
        page.get_by_text(UNVERIFIED.format(email=DAN.email), exact=True).wait_for()
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_text(DEMO_CLIENT)).to_have_count(0)
        page.screenshot(path=screenshot_dir / "refused.png")

        sign_out(page, app_url)
    finally:
        page.screenshot(path=screenshot_dir / "last.png")


@pytest.mark.e2e
def test_a_bookmarked_page_signed_out_shows_the_sign_in_screen_and_signing_in_opens_the_app(
    app_url: str, provider: FakeOidcProvider, new_page, screenshot_dir: Path
):
    page = new_page()
    try:
        page.goto(app_url + "/menu_builder")  # e.g. a bookmark, after the cookie expired
        expect_sign_in_screen(page)
        page.wait_for_timeout(1000)  # Streamlit's dialog would follow the first drawing
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)
        page.screenshot(path=screenshot_dir / "bookmark-signed-out.png")

        provider.user = BEN
        with page.expect_response(lambda response: "/oauth2callback?" in response.url):
            page.get_by_role("button", name="Sign in", exact=True).click()
        expect_signed_in_as(page, BEN)
        page.locator("h1").filter(has_text="Dashboard").first.wait_for()  # Streamlit lands home
    finally:
        page.screenshot(path=screenshot_dir / "last.png")
