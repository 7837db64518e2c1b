"""Hypothesis settings for the property tests and the import fuzz run.

The default profile is derandomized (the same examples on every run, so CI is reproducible) and
small enough for the suite; MENUPLANNER_FUZZ_EXAMPLES=N switches to a random, longer run with N
examples per test (e.g. 2000 for the import fuzz run reported in the lead's notes).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES_ENV_VAR = "MENUPLANNER_FUZZ_EXAMPLES"

settings.register_profile(
    "menuplanner-ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
settings.register_profile(
    "menuplanner-long",
    derandomize=False,
    database=None,
    deadline=None,
    max_examples=int(os.environ.get(FUZZ_EXAMPLES_ENV_VAR) or 0) or 1000,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
settings.load_profile(
    "menuplanner-long" if os.environ.get(FUZZ_EXAMPLES_ENV_VAR) else "menuplanner-ci"
)


def examples(default: int) -> int:
    """Examples for one test: `default` in the suite, $MENUPLANNER_FUZZ_EXAMPLES in a long run."""
    return int(os.environ.get(FUZZ_EXAMPLES_ENV_VAR) or default)


@pytest.fixture(scope="module")
def module_database(built_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the built database per test module: imports into it are undone by
    comparing snapshots, or accumulate under unique dataset names."""
    path = tmp_path_factory.mktemp("property") / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    return path
