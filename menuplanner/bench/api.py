"""Figures of the HTTP API with the server warm, measured from a client on loopback: food search
p95, a menu with its day totals, adding an item (medians of REQUESTS each).

The server is a real `menuplanner serve` on a copy of the bench database; the client is
Python's own http.client on one kept-alive connection, paced under the per-key rate limit (the
pause is not in the figures)."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from menuplanner.bench.core import Bench, Figure, percentile
from menuplanner.bench.data import SEARCH_QUERIES
from menuplanner.bench.processes import free_port, stop

REQUESTS = 100
PACE_S = 0.025  # at most 40 requests a second: under the per-key limit (api/access.py)
TARGETS_MS = {"search": 30.0, "menu": 50.0, "add": 50.0}
BANANA = 9040


class _Client:
    def __init__(self, port: int, token: str) -> None:
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self._headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self._last = 0.0

    def call(self, method: str, path: str, body: dict | None = None, **headers: str):
        """(milliseconds, status, headers, JSON body) of one request."""
        time.sleep(max(0.0, self._last + PACE_S - time.perf_counter()))
        started = self._last = time.perf_counter()
        self._conn.request(
            method,
            "/api/v1" + path,
            body=None if body is None else json.dumps(body),
            headers={**self._headers, **headers},
        )
        response = self._conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, response.status, response, json.loads(data) if data else None

    def close(self) -> None:
        self._conn.close()


def _timings(bench: Bench) -> dict[str, list[float]] | str:
    """Every request's milliseconds by kind, or why there are none."""
    if "api" in bench.shared:
        return bench.shared["api"]
    from menuplanner.store.duckdb.sharing import Database
    from menuplanner.store.duckdb.store import DuckDBStore

    path = bench.workdir / "api.duckdb"
    shutil.copy(bench.db_path, path)
    _, token = DuckDBStore(Database(path)).api_keys().create("bench", "bench")
    port = free_port()
    command = Path(sys.executable).with_name("menuplanner")
    server = subprocess.Popen(
        [str(command), "serve", "--db", str(path), "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    bench.progress(f"Timing the HTTP API: {REQUESTS} requests of each kind…")
    try:
        bench.shared["api"] = _measure(port, token, server)
    finally:
        stop(server)
    return bench.shared["api"]


def _measure(port: int, token: str, server: subprocess.Popen) -> dict[str, list[float]] | str:
    deadline = time.monotonic() + 60
    while True:
        try:
            client = _Client(port, token)
            client.call("GET", "/foods?q=egg&limit=1")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                return "the server did not start"
            time.sleep(0.1)
    try:
        _, status, _, made = client.call(
            "POST",
            "/clients",
            {
                "name": "Bench",
                "sex": "female",
                "birth_year": 1990,
                "height_cm": 165,
                "weight_kg": 60,
            },
        )
        _, status, response, menu = client.call(
            "POST",
            "/menus",
            {"client_id": made["client_id"], "name": "Bench week", "start_date": "2026-12-07"},
        )
        if status != 201:
            return f"could not create a menu ({status})"
        menu_id, etag = menu["menu_id"], response.getheader("ETag")
        found: dict[str, list[float]] = {"search": [], "menu": [], "add": []}
        for n in range(REQUESTS):
            query = SEARCH_QUERIES[n % len(SEARCH_QUERIES)].replace(" ", "+")
            found["search"].append(client.call("GET", f"/foods?q={query}&limit=25")[0])
        for n in range(REQUESTS):
            item = {"day": n % 7, "slot": "Lunch", "food_id": BANANA, "quantity": 118}
            elapsed, status, response, _ = client.call(
                "POST", f"/menus/{menu_id}/items", item, **{"If-Match": etag}
            )
            if status != 201:
                return f"adding an item answered {status}"
            etag = response.getheader("ETag")
            found["add"].append(elapsed)
        for _ in range(REQUESTS):  # a week with 100 items and its day totals
            found["menu"].append(client.call("GET", f"/menus/{menu_id}")[0])
        return found
    finally:
        client.close()


def _measure_of(kind: str, name: str, pct: int) -> Callable[[Bench], Figure]:
    def measure(bench: Bench) -> Figure:
        timings = _timings(bench)
        if isinstance(timings, str):
            return Figure(name, None, "ms", TARGETS_MS[kind], f"failed: {timings}")
        return Figure(name, percentile(timings[kind], pct), "ms", TARGETS_MS[kind])

    measure.__name__ = f"measure_api_{kind}"
    return measure


MEASURES: list[Callable[[Bench], Figure]] = [
    _measure_of("search", f"API: food search p95, {REQUESTS} requests", 95),
    _measure_of("menu", f"API: a week of 100 items with day totals, median of {REQUESTS}", 50),
    _measure_of("add", f"API: add an item, median of {REQUESTS}", 50),
]
