from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The whole app (router + pages) on its own copy of the database."""
    monkeypatch.setenv("MENUPLANNER_DB", str(database_copy))
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def foods_page(app: AppTest) -> AppTest:
    app.switch_page("pages/foods.py")
    return app


@pytest.fixture
def builder(app: AppTest) -> AppTest:
    """The Menu builder on its day view (only the open tab is drawn)."""
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"
    app.run()
    assert not app.exception
    return app


def new_menu(app: AppTest, name: str) -> None:
    """Create a menu from the builder's "New menu" form (drawn only while open)."""
    if not any(w.key == "builder_new_name" for w in app.text_input):
        app.session_state["builder_new_open"] = True
        app.run()
    app.text_input(key="builder_new_name").input(name)
    app.button(key="builder_new_create").click().run()
    assert not app.exception
