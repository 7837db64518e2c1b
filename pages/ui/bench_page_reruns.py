"""Timing of every page's rerun with the demo data, run by `menuplanner bench` as its own
process (the menuplanner package does not import Streamlit).

    python -m pages.ui.bench_page_reruns DATABASE [RERUNS]
    → prints JSON: {"timings_ms": {"Dashboard": [...], ...}} or {"error": ...}

A rerun is what every click or keystroke costs the server: the whole script of app.py and the
page, drawn afresh. It is timed on a real `streamlit run app.py`, driven over its websocket as a
browser tab is (pages/ui/wire_session.py), from the request until the server says the run has
finished: sending the page and Streamlit's own work after a run count, as they do for a person.
Each page gets a session of its own, set up as a person would have it (the tab open, a search
typed).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable


def _tab(label: str) -> Callable:
    return lambda session: session.choose_tab("builder_tab", label)


# (title, the page's address, what a person would have done there before clicking on)
PAGES: list[tuple[str, str | None, Callable | None]] = [
    ("Dashboard", None, None),
    ("Menu builder, day", "menu_builder", _tab("Day by day")),
    ("Menu builder, week", "menu_builder", _tab("Week")),
    ("Clients", "clients", None),
    ("Recipes", "recipes", None),
    ("Generate", "generate", None),
    ("Export and share", "export", None),
    ("Foods", "foods", lambda session: session.type_text("foods_query", "butter")),
    ("Import data", "imports", None),
]
WARM_UP = 2


def rerun_timings(url: str, page: str | None, set_up: Callable | None, reruns: int) -> list[float]:
    """Milliseconds of each of `reruns` reruns of `page` in a new session."""
    from pages.ui.wire_session import wire_session

    with wire_session(url) as session:
        session.rerun()
        if page is not None:
            session.rerun(page=page)
        if set_up is not None:
            set_up(session)
        timings = [session.rerun() * 1000 for _ in range(WARM_UP + reruns)][WARM_UP:]
        if session.problems():
            raise RuntimeError(f"{page}: {session.problems()[0].splitlines()[0]}")
    return timings


def all_timings(reruns: int) -> dict[str, list[float]]:
    from pages.ui.wire_session import app_server

    with app_server() as url:
        return {title: rerun_timings(url, page, set_up, reruns) for title, page, set_up in PAGES}


def main() -> None:
    os.environ["MENUPLANNER_DB"] = sys.argv[1]
    reruns = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    try:
        print(json.dumps({"timings_ms": all_timings(reruns)}))
    except Exception as error:  # reported as the figure's note, not a traceback
        print(json.dumps({"error": str(error).splitlines()[0]}))


if __name__ == "__main__":
    main()
