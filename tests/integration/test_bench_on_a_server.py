"""`menuplanner bench --database-url`: it refuses a database holding anybody's own rows (it
rebuilds the database it measures), and prints DuckDB's and PostgreSQL's figures side by side.
The figures themselves are the bench's business, not the tests'."""

from __future__ import annotations

import pytest

from menuplanner.bench.core import Figure
from menuplanner.bench.server import table
from menuplanner.store.postgres.connection import shown
from tests.integration.test_admin_cli import assert_fails, menuplanner
from tests.integration.test_postgres_admin_cli import add_server_client, client_names

pytestmark = pytest.mark.slow


def test_the_bench_refuses_a_database_holding_a_client_of_your_own(pg_server):
    with pg_server.database(demo=True) as (_app_url, owner_url):
        add_server_client(owner_url, "Ada Own")
        assert_fails(
            menuplanner("bench", "--database-url", owner_url),
            f"Error: The bench writes into {shown(owner_url)} and rebuilds it, but it holds 1 "
            "client of your own: give the bench a database of its own.",
        )
        assert "Ada Own" in client_names(owner_url)


def test_the_figures_are_printed_side_by_side_against_one_target():
    pairs = [
        (Figure("Search p95", 10.26, "ms", 20.0), Figure("Search p95", 2.2, "ms", 20.0)),
        (
            Figure("Import", 0.891, "s", 5.0),
            Figure("Import", None, "s", 5.0, "failed: 10 foods imported"),
        ),
    ]
    assert table(pairs).splitlines() == [
        "measure    | DuckDB file | PostgreSQL | target  | ok",
        "-----------+-------------+------------+---------+----------",
        "Search p95 | 10.3 ms     | 2.2 ms     | < 20 ms | yes / yes",
        "Import     | 0.89 s      | -          | < 5 s   | yes / -",
        "Import: failed: 10 foods imported",
    ]
