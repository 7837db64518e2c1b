"""Timing of the menu builder's add-one-item round trip, run by `menuplanner bench` as its own
process (the menuplanner package does not import Streamlit).

    python -m pages.ui.bench_add_item DATABASE
    → prints JSON: {"timings_ms": [...], "apptest_ms": [...]} or {"error": ...}

The figure is a real `streamlit run app.py` on the database, driven over its websocket as a
browser tab is (pages/ui/wire_session.py): from the click's message until the server says the
run has finished, so it holds the save, the script run, sending the page and whatever
Streamlit does after a run. AppTest's round trip is printed beside it: it misses the server's
own work after a run (a full garbage collection once cost every click ~95 ms there, unseen by
AppTest) and adds its own reading of the page.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"
REPEATS = 5
QUERY = "bananas raw"


def add_item_timings(repeats: int = REPEATS) -> list[float]:
    """Milliseconds of each click on "Add food" in the day view of a real app server."""
    from pages.ui.wire_session import app_server, wire_session

    with app_server() as url, wire_session(url) as session:
        session.rerun()
        session.rerun(page="menu_builder")
        session.choose_tab("builder_tab", "Day by day")
        session.type_text("builder_add_query", QUERY)
        session.click("builder_add_food_go")  # the first save warms the server's caches
        timings = [session.click("builder_add_food_go") * 1000 for _ in range(repeats)]
        if session.problems():
            raise RuntimeError(session.problems()[0].splitlines()[0])
    return timings


def apptest_timings(repeats: int = REPEATS) -> list[float]:
    """The same clicks through Streamlit's AppTest, in this process."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP), default_timeout=60)
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"  # only the open tab is drawn
    app.run()
    app.text_input(key="builder_add_query").input(QUERY).run()
    app.button(key="builder_add_food_go").click().run()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        app.button(key="builder_add_food_go").click().run()
        timings.append((time.perf_counter() - started) * 1000)
    if app.exception:
        raise RuntimeError(app.exception[0].message)
    return timings


def main() -> None:
    os.environ["MENUPLANNER_DB"] = sys.argv[1]
    try:
        print(json.dumps({"timings_ms": add_item_timings(), "apptest_ms": apptest_timings()}))
    except Exception as error:  # reported as the figure's note, not a traceback
        print(json.dumps({"error": str(error).splitlines()[0]}))


if __name__ == "__main__":
    main()
