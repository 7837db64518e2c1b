"""`uv run pytest` on a machine without a PostgreSQL server (or chromium) says once, at the end,
how many tests were skipped for it and how to run them."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.browser import PROJECT_DIR


def test_skipped_postgresql_tests_are_counted_once_with_how_to_run_them():
    env = {k: v for k, v in os.environ.items() if k not in ("MENUPLANNER_TEST_DATABASE_URL", "CI")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "tests/integration/test_postgres_admin_cli.py",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = done.stdout.splitlines()
    summary = [line for line in lines if "tests were skipped" in line]
    assert len(summary) == 1, done.stdout[-2000:]
    skipped = int(done.stdout.strip().splitlines()[-1].split()[0])  # "14 skipped in 1.1s"
    assert summary[0] == (
        f"{skipped} PostgreSQL tests were skipped: set MENUPLANNER_TEST_DATABASE_URL to an "
        "admin's address of a PostgreSQL 15+ server (see README, Tests)."
    )
