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
