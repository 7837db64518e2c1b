"""API keys on every store: the token is shown once and found by its hash only; a key lives in
one workspace; a revoked key opens nothing; another workspace's key cannot be listed or revoked."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.ports_api_keys import ApiKeyStore, MemoryApiKeys
from menuplanner.store.duckdb.sharing import Database
from menuplanner.store.duckdb.store import DuckDBStore
from tests.contract.conftest import ADAPTERS, postgres_store


@pytest.fixture(params=ADAPTERS)
def keys(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ApiKeyStore]:
    if request.param == "memory":
        yield MemoryApiKeys()
        return
    if request.param == "postgres":
        with postgres_store(request) as store:
            yield store.api_keys()
        return
    path = tmp_path / "menuplanner.duckdb"
    shutil.copyfile(request.getfixturevalue("contract_database"), path)
    yield DuckDBStore(Database(path)).api_keys()


def test_a_new_key_opens_its_own_workspace_and_notes_its_use(keys: ApiKeyStore) -> None:
    key, token = keys.create("north", "Booking system")
    assert token.startswith("mp_") and len(token) > 40
    assert (key.workspace, key.name, key.last_used, key.revoked) == (
        "north",
        "Booking system",
        None,
        False,
    )
    found = keys.authenticate(token)
    assert found is not None and (found.key_id, found.workspace) == (key.key_id, "north")
    (listed,) = keys.list("north")
    assert listed.name == "Booking system" and listed.last_used is not None


def test_an_unknown_token_opens_nothing(keys: ApiKeyStore) -> None:
    keys.create("north", "Booking system")
    assert keys.authenticate("mp_not-a-key") is None


def test_a_revoked_key_opens_nothing_and_stays_listed(keys: ApiKeyStore) -> None:
    key, token = keys.create("north", "Old script")
    keys.revoke("north", key.key_id)
    assert keys.authenticate(token) is None
    assert [(k.name, k.revoked) for k in keys.list("north")] == [("Old script", True)]


def test_another_workspace_neither_sees_nor_revokes_a_key(keys: ApiKeyStore) -> None:
    key, token = keys.create("north", "Booking system")
    assert keys.list("south") == []
    with pytest.raises(NotFound, match=f"There is no API key {key.key_id}."):
        keys.revoke("south", key.key_id)
    assert keys.authenticate(token) is not None


def test_two_live_keys_of_a_workspace_need_different_names(keys: ApiKeyStore) -> None:
    keys.create("north", "Booking system")
    with pytest.raises(ValidationFailed, match="There is already a key named 'Booking system'."):
        keys.create("north", "Booking system")
    keys.create("south", "Booking system")  # another workspace's names are its own


def test_only_the_hash_of_the_token_is_stored(tmp_path: Path, contract_database: Path) -> None:
    path = tmp_path / "menuplanner.duckdb"
    shutil.copyfile(contract_database, path)
    database = Database(path)
    _, token = DuckDBStore(database).api_keys().create("north", "Booking system")
    with database.session() as conn:
        stored = conn.execute("SELECT * FROM api_keys").fetchall()
    assert token not in repr(stored)
    assert hashlib.sha256(token.encode()).hexdigest() in repr(stored)
