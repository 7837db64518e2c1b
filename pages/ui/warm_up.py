"""Warm the server up at start: the libraries every page needs are imported while the first
browser is still loading Streamlit's scripts, instead of inside the first session's script run.

`streamlit run app.py` serves app.py through `st.App` (see app.py); its lifespan starts this
import in a thread of its own and does not wait for it. A session that needs a module before
the thread has it simply waits for the import already under way (Python's import lock)."""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections.abc import AsyncIterator

# What a first page run spends most of its time importing (measured with -X importtime):
# Polars about 0.5 s and DuckDB 0.15 s; then the store and the services every page uses.
MODULES = (
    "polars",
    "duckdb",
    "menuplanner.store.factory",
    "menuplanner.services.foods",
    "menuplanner.services.menus",
)


def import_modules() -> None:
    # The server thread is sending the browser Streamlit's scripts meanwhile: hand it the
    # interpreter more often than every 5 ms, so that the import does not hold the page up.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        for name in MODULES:
            with contextlib.suppress(Exception):  # a failure shows where the page imports it
                importlib.import_module(name)
    finally:
        sys.setswitchinterval(switch_interval)


@contextlib.asynccontextmanager
async def lifespan(app: object) -> AsyncIterator[None]:
    threading.Thread(target=import_modules, name="menuplanner-warm-up", daemon=True).start()
    yield
