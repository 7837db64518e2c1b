"""`menuplanner bench`'s HTTP API figures come from a real server (few requests here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from menuplanner import bench
from menuplanner.bench import api


def test_the_api_figures_are_measured_against_their_targets(
    built_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "REQUESTS", 5)
    scratch = bench.Bench(tmp_path)
    scratch._db = built_database  # measured on a copy; the built file stays as it is
    figures = [measure(scratch) for measure in api.MEASURES]
    assert [(f.unit, f.target, f.note) for f in figures] == [
        ("ms", 30.0, ""),
        ("ms", 50.0, ""),
        ("ms", 50.0, ""),
    ]
    assert all(f.value is not None and f.value > 0 for f in figures)
    assert [m.__name__ for m in api.MEASURES] == [
        "measure_api_search",
        "measure_api_menu",
        "measure_api_add",
    ]
    assert set(api.MEASURES) <= set(bench.all_measures())
