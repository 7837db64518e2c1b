"""Timing of every page's rerun with the demo data, run by `menuplanner bench` as its own
process (the menuplanner package does not import Streamlit).

    python -m pages.ui.bench_page_reruns DATABASE [RERUNS]
    → prints JSON: {"timings_ms": {"Dashboard": [...], ...}} or {"error": ...}

A rerun is what every click or keystroke costs the server: the whole script of app.py and the
page, drawn afresh (Streamlit's AppTest, no browser; its own reading of the result is included,
so the figures are a little above what a browser's session costs).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"
# (title, page file, session values a person would have set: the tab open, a search typed)
PAGES = [
    ("Dashboard", None, {}),  # the default page: AppTest's "pages/home.py" is the old /home
    ("Menu builder, day", "pages/menu_builder.py", {"builder_tab": "Day by day"}),
    ("Menu builder, week", "pages/menu_builder.py", {"builder_tab": "Week"}),
    ("Clients", "pages/clients.py", {}),
    ("Recipes", "pages/recipes.py", {}),
    ("Generate", "pages/generate.py", {}),
    ("Export and share", "pages/export.py", {}),
    ("Foods", "pages/foods.py", {"foods_query": "butter"}),
    ("Import data", "pages/imports.py", {}),
]
WARM_UP = 2


def rerun_timings(page: str | None, state: dict, reruns: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in state.items():
        app.session_state[key] = value
    if page is not None:
        app.switch_page(page)
    timings = []
    for run in range(WARM_UP + reruns):
        started = time.perf_counter()
        app.run()
        if run >= WARM_UP:
            timings.append((time.perf_counter() - started) * 1000)
    if app.exception:
        raise RuntimeError(f"{page}: {app.exception[0].message}")
    return timings


def main() -> None:
    os.environ["MENUPLANNER_DB"] = sys.argv[1]
    reruns = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    try:
        timings = {title: rerun_timings(page, state, reruns) for title, page, state in PAGES}
        print(json.dumps({"timings_ms": timings}))
    except Exception as error:  # reported as the figure's note, not a traceback
        print(json.dumps({"error": str(error).splitlines()[0]}))


if __name__ == "__main__":
    main()
