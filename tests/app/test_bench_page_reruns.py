"""The bench's per-page rerun figures come from a real `streamlit run`
(pages/ui/bench_page_reruns.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from menuplanner.bench.app import RERUN_PAGES
from pages.ui import bench_page_reruns


def test_every_page_is_rerun_on_a_real_server_without_a_problem(
    database_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENUPLANNER_DB", str(database_copy))
    timings = bench_page_reruns.all_timings(reruns=2)
    assert list(timings) == RERUN_PAGES  # the titles the bench prints, in its order
    assert all(len(runs) == 2 and min(runs) > 0 for runs in timings.values())
