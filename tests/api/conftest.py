"""The HTTP API through a real `menuplanner serve` process on a free loopback port, over a copy
of the built database; keys are made before the server holds the file."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from menuplanner.store.duckdb.sharing import Database
from menuplanner.store.duckdb.store import DuckDBStore

MENUPLANNER = str(Path(sys.executable).with_name("menuplanner"))
START_TIMEOUT_S = 60.0


@dataclass
class Server:
    base: str
    tokens: dict[str, str]  # key name → token
    key_ids: dict[str, int]
    db: Path  # the file the server serves (the command line may use it between requests)

    def client(self, key: str | None = "north") -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[key]}"} if key else {}
        return httpx.Client(base_url=self.base + "/api/v1", headers=headers, timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("menuplanner serve stopped: " + process.stderr.read().decode())
        try:
            if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("menuplanner serve did not answer within a minute")


@pytest.fixture(scope="module")
def server(built_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("api") / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    keys = DuckDBStore(Database(path)).api_keys()
    tokens, key_ids = {}, {}
    for name, workspace in (("north", "north"), ("south", "south"), ("revoked", "north")):
        key, tokens[name] = keys.create(workspace, name)
        key_ids[name] = key.key_id
    keys.revoke("north", key_ids["revoked"])
    port = free_port()
    process = subprocess.Popen(
        [MENUPLANNER, "serve", "--db", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield Server(base, tokens, key_ids, path)
    finally:
        process.terminate()
        process.wait(timeout=30)
