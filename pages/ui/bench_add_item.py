"""Timing of the menu builder's add-one-item round trip, run by `menuplanner bench` as its own
process (the menuplanner package does not import Streamlit).

    python -m pages.ui.bench_add_item DATABASE
    → prints JSON: {"timings_ms": [...]} or {"error": ...}
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def add_item_timings(repeats: int = 5) -> list[float]:
    """Server side of adding one food: the click's script run, the save and the redraw."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP), default_timeout=60)
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"  # only the open tab is drawn
    app.run()
    app.text_input(key="builder_add_query").input("bananas raw").run()
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
        print(json.dumps({"timings_ms": add_item_timings()}))
    except Exception as error:  # reported as the figure's note, not a traceback
        print(json.dumps({"error": str(error).splitlines()[0]}))


if __name__ == "__main__":
    main()
