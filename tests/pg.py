"""PostgreSQL for the tests: a server given by MENUPLANNER_TEST_DATABASE_URL (an admin's URL;
.ci/run starts a throwaway one on loopback), a database built once per test session as a
template, and a fresh copy of it for each test, reached as the app's own role (a member of
`menuplanner_app` that owns nothing, so row-level security binds it).

Without the variable the PostgreSQL tests are skipped with a sentence saying how to run them;
in CI (the CI variable set) they fail instead, so a missing server cannot pass unnoticed.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import conninfo

from menuplanner.store.postgres import build

ADMIN_ENV = "MENUPLANNER_TEST_DATABASE_URL"
APP_USER, APP_PASSWORD = "menuplanner_test_app", "test-app-password"
HOW = (
    f"PostgreSQL tests need a server: set {ADMIN_ENV} to an admin's URL, e.g. "
    "postgresql://postgres@127.0.0.1:5432/postgres (.ci/run starts one)."
)
_numbers = itertools.count(1)


def admin_url_or_skip() -> str:
    url = os.environ.get(ADMIN_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but {ADMIN_ENV} is not set.")
        pytest.skip(HOW)
    return url


def with_database(url: str, database: str, user: str | None = None, password: str = "") -> str:
    """`url` naming another database (and user)."""
    parts = conninfo.conninfo_to_dict(url)
    parts["dbname"] = database
    if user is not None:
        parts["user"], parts["password"] = user, password
    return conninfo.make_conninfo(**parts)


class PgTestServer:
    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self._templates: dict[bool, str] = {}
        self.run = f"{os.getpid()}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def template(self, demo: bool) -> str:
        """A built database (the bundled foods; the demo data too with `demo`), made once."""
        if demo not in self._templates:
            name = f"menuplanner_test_{self.run}_{'demo' if demo else 'plain'}"
            with self.admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}"')
                admin.execute(
                    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                    f"'{APP_USER}') THEN CREATE ROLE {APP_USER} LOGIN PASSWORD "
                    f"'{APP_PASSWORD}'; END IF; END $$"
                )
            with psycopg.connect(with_database(self.admin_url, name), autocommit=True) as conn:
                build.build(conn, seed=build.seed_demo if demo else None)
            with self.admin() as admin:
                admin.execute(f"GRANT menuplanner_app TO {APP_USER}")
            self._templates[demo] = name
        return self._templates[demo]

    @contextmanager
    def database(self, demo: bool = False) -> Iterator[tuple[str, str]]:
        """A fresh copy of the template for the block: (the app role's URL, the owner's)."""
        template = self.template(demo)
        name = f"menuplanner_test_{self.run}_{next(_numbers)}"
        with self.admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        try:
            yield (
                with_database(self.admin_url, name, APP_USER, APP_PASSWORD),
                with_database(self.admin_url, name),
            )
        finally:
            with self.admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextmanager
    def empty_database(self) -> Iterator[str]:
        """An empty database for the block (no menuplanner tables): its owner's URL."""
        name = f"menuplanner_test_{self.run}_{next(_numbers)}"
        with self.admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield with_database(self.admin_url, name)
        finally:
            with self.admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        with self.admin() as admin:
            for name in self._templates.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
