"""Keep every page behind the router (app.py).

Streamlit treats a folder named `pages/` beside the entry script as a legacy multipage app until
the entry script first calls `st.navigation`, and AppTest starts every run that way. In that
mode a request for a page's address (a bookmark of /menu_builder right after a restart, or a
test's switch_page) runs the page file on its own: no database check, no sidebar. Each page
calls `ensure_router()` before drawing anything: in that mode it runs app.py in place, whose
`st.navigation` runs the requested page properly, then stops the stray run. No rerun is
involved, so a button press that started the run is not lost.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP = Path(__file__).resolve().parents[2] / "app.py"


def ensure_router() -> None:
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()
