"""The first run: building the DuckDB database once per server process, outside any session.

The build runs in a worker thread of its own, started by whichever session first finds no
database and guarded by a lock, so that navigating, refreshing, closing the tab or opening
several sessions at once never interrupts it or starts a second one (a build inside a session's
script run was stopped by the next rerun, leaving a half-written `.building` file). Every
session shows the build's progress and carries on by itself when it is done. A `.building` file
found when no build of this process is running is a leftover of a build that was killed: it is
removed and the build starts again, with a sentence saying so.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.sr26.errors import DataFileError
from menuplanner.store.duckdb import database
from menuplanner.store.factory import database_url

TITLE = "First run: building the nutrition database from the bundled USDA SR26 tables…"
LEFTOVER = (
    "An earlier build was stopped before it finished; its half-written file {name} was "
    "removed and the build started again."
)
BUNDLED_DATA_FIX = (
    "Restore the bundled files (`git checkout -- data/usda-sr26`) and reload this page."
)
STEPS = 3  # reading the tables, writing the foods, adding the demo data (store/duckdb/build.py)
POLL = 0.5  # seconds between two looks at the build from a waiting session
# Seconds to wait before building, for the browser test to move around during a build that
# would otherwise be over in a few seconds (tests/e2e/test_first_run_in_browser.py).
PAUSE_ENV = "MENUPLANNER_TEST_BUILD_PAUSE"


class Build:
    """One build of the database file at `path`, run at most once at a time per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.steps: list[str] = []
        self.notice: str | None = None
        self.error: str | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def done(self) -> bool:
        return not self.running and self.error is None and self.path.exists()

    def start(self) -> None:
        """Start the build unless it is running or the file exists (again after a failure)."""
        with self._lock:
            if self.running or self.path.exists():
                return
            leftover = self.path.with_name(self.path.name + ".building")
            if leftover.exists():  # no build of ours is running: a killed one left it
                leftover.unlink(missing_ok=True)
                self.notice = LEFTOVER.format(name=leftover.name)
            self.steps, self.error = [], None
            self._thread = threading.Thread(target=self._run, name="menuplanner-build", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        from menuplanner import setup

        print(f"menuplanner: building the nutrition database at {self.path}", file=sys.stderr)
        time.sleep(float(os.environ.get(PAUSE_ENV) or 0))
        try:
            setup.build_database(self.path, progress=self.steps.append)
        except DataFileError as error:  # only the bundled files are read when building
            self.error = f"{str(error).rstrip('.')}. {BUNDLED_DATA_FIX}"
        except MenuplannerError as error:
            self.error = str(error)
        except Exception as error:  # a thread's exception would otherwise vanish unseen
            self.error = f"The nutrition database could not be built: {error}"
        print(f"menuplanner: build finished ({self.error or 'ready'})", file=sys.stderr)


@st.cache_resource(show_spinner=False)
def _build_for(path: str) -> Build:
    return Build(Path(path))


def wait_for_database() -> None:
    """Return at once when the database is there (or a server database is used); otherwise
    start the build if no one has, show its progress and stop this run. The page then looks
    again every POLL seconds and reruns the app when the build is done."""
    if database_url() is not None:
        return
    path = database.default_path()
    if path.exists():
        return
    build = _build_for(str(path.resolve()))
    build.start()
    if build.done:
        return
    _progress(build)
    st.stop()


@st.fragment(run_every=POLL)
def _progress(build: Build) -> None:
    if build.done:
        st.rerun(scope="app")
    st.subheader(TITLE)
    if build.notice:
        st.info(build.notice)
    if build.error:
        st.error(build.error)
        return
    steps = list(build.steps)
    step = steps[-1] if steps else "Starting…"
    st.progress(min(len(steps), STEPS) / (STEPS + 1), text=step)
    st.caption("This takes a few seconds, once; this page carries on by itself when it is done.")
