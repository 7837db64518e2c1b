"""Serve a practice from several app processes on one PostgreSQL database, behind HAProxy.

    deploy/serve-practice --processes 2 --port 8500
    deploy/serve-practice --processes 4 --port 8500 --database-url postgresql://owner:…@db/menus

Without --database-url a PostgreSQL server of its own is started from Debian's packages, its
data kept in deploy/state/ (made on the first run, kept between runs). With it, the database
at that address is used: the owner's address, which makes it a menuplanner database when it is
empty and migrates it when it is older. Either way the app processes connect as their own role
(menuplanner_web, a member of menuplanner_app that owns nothing, so row-level security binds
it), with a password made for this run. Then K `streamlit run app.py` processes start on
loopback ports, and HAProxy on 127.0.0.1:PORT in front of them (haproxy.cfg.template: each
browser stays on one process by a cookie). Ctrl-C or SIGTERM stops them all.

Tests start the same pieces (tests/load, tests/e2e) through `app_processes` and `proxy`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import conninfo, sql

from menuplanner.bench.processes import free_port, stop, wait_for_health
from menuplanner.domain.errors import MenuplannerError

PROJECT_DIR = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
STATE_DIR = Path(__file__).with_name("state")
APP_LOGIN = "menuplanner_web"
START_TIMEOUT_S = 90


# ------------------------------------------------------------------------------ processes


def start_app(port: int, database: dict[str, str], log: Path) -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:`port`; `database`: the variables choosing its
    database (MENUPLANNER_DATABASE_URL, or MENUPLANNER_DB for a DuckDB file)."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    env = {**os.environ, **database}
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out
        )


def haproxy_config(port: int, app_ports: list[int]) -> str:
    servers = "\n".join(
        f"    server app{n} 127.0.0.1:{app_port} check cookie app{n}"
        for n, app_port in enumerate(app_ports, start=1)
    )
    return TEMPLATE.read_text().format(port=port, servers=servers)


@dataclass
class Served:
    url: str  # the proxy's address, what people open
    app_ports: list[int]
    apps: list[subprocess.Popen]
    proxy: subprocess.Popen | None


@contextlib.contextmanager
def app_processes(
    database: dict[str, str], processes: int, port: int, logs: Path, proxy: bool = True
) -> Iterator[Served]:
    """K app processes on the database (`database`: see start_app), and HAProxy on `port` in
    front of them (unless `proxy` is false: then the one process answers on `port` itself)."""
    logs.mkdir(parents=True, exist_ok=True)
    app_ports = [free_port() for _ in range(processes)] if proxy else [port]
    apps = []
    front = None
    try:
        for n, app_port in enumerate(app_ports, start=1):
            apps.append(start_app(app_port, database, logs / f"app{n}.log"))
        for app_port, app in zip(app_ports, apps, strict=True):
            if not wait_for_health(f"http://127.0.0.1:{app_port}", START_TIMEOUT_S, app):
                raise RuntimeError(f"an app process did not start; see {logs}")
        if proxy:
            config = logs / "haproxy.cfg"
            config.write_text(haproxy_config(port, app_ports))
            front = start_proxy(config, logs / "haproxy.log")
            if not wait_for_health(f"http://127.0.0.1:{port}", 30, front):
                raise RuntimeError(f"HAProxy did not start; see {logs / 'haproxy.log'}")
        yield Served(f"http://127.0.0.1:{port}", app_ports, apps, front)
    finally:
        for process in ([front] if front else []) + apps:
            if process.poll() is None:
                stop(process)


def start_proxy(config: Path, log: Path) -> subprocess.Popen:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise RuntimeError("HAProxy is not installed here: apt-get install haproxy.")
    check = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True)
    if check.returncode != 0:
        said = (check.stderr + check.stdout).strip().splitlines()
        raise RuntimeError(f"HAProxy refused {config}: {said[-1] if said else 'no reason'}")
    with log.open("ab") as out:
        return subprocess.Popen(
            [haproxy, "-db", "-f", str(config)], stdin=subprocess.DEVNULL, stdout=out, stderr=out
        )


# ------------------------------------------------------------------------------ database


def prepare(owner_url: str) -> str:
    """Make the database ready for app processes: built when empty, migrated when older, and
    a login role of their own with a new password. Returns the app processes' address."""
    from menuplanner.store.postgres import admin, build
    from menuplanner.store.postgres.schema import APP_ROLE

    with psycopg.connect(owner_url, autocommit=True) as conn:
        built = build.is_built(conn)
    if not built:
        print("Building the nutrition database (the bundled USDA data and the demo)…")
        admin.initialise(owner_url, force=False)
    else:
        _, applied = admin.upgrade(owner_url)
        for step in applied:
            print(f"Migrated the database: {step.version}. {step.describe}")
    password = secrets.token_urlsafe(24)
    with psycopg.connect(owner_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_LOGIN]).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(APP_LOGIN), sql.Literal(password)
            )
        )
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(APP_ROLE), sql.Identifier(APP_LOGIN))
        )
    parts = conninfo.conninfo_to_dict(owner_url)
    parts.update(user=APP_LOGIN, password=password)
    return conninfo.make_conninfo(**parts)


@dataclass
class LocalPostgres:
    """A PostgreSQL server of the practice's own, from Debian's packages, its data in
    `state/pgdata` (run as the postgres user when this runs as root: it refuses root)."""

    state: Path
    port: int

    @property
    def data(self) -> Path:
        return self.state / "pgdata"

    def start(self) -> str:
        bindir = _postgres_bindir()
        self.state.mkdir(parents=True, exist_ok=True)
        password_file = self.state / "owner-password"
        if not (self.data / "PG_VERSION").exists():
            print(f"Creating a PostgreSQL data directory in {self.data}…")
            password_file.write_text(secrets.token_urlsafe(24) + "\n")
            password_file.chmod(0o600)
            self._own(self.state)
            self._run(
                f"{bindir}/initdb -D {self.data} -U postgres --auth-local=trust "
                f"--auth-host=scram-sha-256 --pwfile={password_file}"
            )
        self._run(
            f"{bindir}/pg_ctl -D {self.data} -l {self.state / 'postgresql.log'} -w "
            f"-o '-p {self.port} -k {self.state} -c listen_addresses=127.0.0.1' start"
        )
        password = password_file.read_text().strip()
        return f"postgresql://postgres:{password}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        self._run(f"{_postgres_bindir()}/pg_ctl -D {self.data} -m fast stop")

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "postgres", str(path)], check=True)

    def _run(self, command: str) -> None:
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", command]
        if os.geteuid() != 0:
            argv = ["/bin/sh", "-c", command]
        subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def _postgres_bindir() -> str:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed here: apt-get install postgresql.")
    return str(found[-1].parent)


# ---------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8500, help="the proxy's port (default 8500)")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="the database owner's address; default: a PostgreSQL of its own in deploy/state",
    )
    parser.add_argument(
        "--postgres-port", type=int, default=54320, help="the port of that PostgreSQL"
    )
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    local = None if args.database_url else LocalPostgres(STATE_DIR, args.postgres_port)
    stopping = False

    def stop_now(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop_now)
    try:
        owner_url = args.database_url or local.start()
        app_url = prepare(owner_url)
        database = {"MENUPLANNER_DATABASE_URL": app_url}
        with app_processes(database, args.processes, args.port, STATE_DIR / "logs") as served:
            print(
                f"menuplanner: {args.processes} app processes behind {served.url} "
                "(Ctrl-C stops them)"
            )
            while not stopping and all(app.poll() is None for app in served.apps):
                time.sleep(0.5)
            if not stopping:
                print(f"An app process stopped; see {STATE_DIR / 'logs'}. Stopping the rest.")
                return 1
    except KeyboardInterrupt:
        pass
    except (RuntimeError, psycopg.Error, MenuplannerError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    finally:
        if local is not None:
            with contextlib.suppress(subprocess.CalledProcessError):
                local.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
