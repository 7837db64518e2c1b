"""`streamlit run app.py` serves app.py as an st.App whose start warms the server up."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

from streamlit.web.server.app_discovery import discover_asgi_app

from pages.ui import warm_up

APP = Path(__file__).resolve().parents[2] / "app.py"


def test_streamlit_run_finds_the_app_that_warms_up():
    found = discover_asgi_app(APP)
    assert found.is_asgi_app
    assert found.import_string == "app:app"


def test_the_start_imports_in_a_thread_of_its_own_and_does_not_wait_for_it(monkeypatch):
    started, release, ran_in = threading.Event(), threading.Event(), []

    def slow_import() -> None:
        ran_in.append(threading.current_thread().name)
        started.set()
        release.wait(5)

    monkeypatch.setattr(warm_up, "import_modules", slow_import)

    async def start() -> None:
        async with warm_up.lifespan(object()):
            pass  # reached while the import still runs

    asyncio.run(start())
    release.set()
    assert started.wait(5)
    assert ran_in == ["menuplanner-warm-up"]


def test_the_import_gives_the_interpreter_back_as_often_as_before():
    before = sys.getswitchinterval()
    warm_up.import_modules()
    assert sys.getswitchinterval() == before
    assert set(warm_up.MODULES) <= set(sys.modules)
