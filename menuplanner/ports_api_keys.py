"""API keys: how a program reaches one workspace over HTTP. A key is a random token shown once;
only its sha256 is stored, with a name, when it was made and last used, and whether it is
revoked. A key belongs to exactly one workspace; every request made with it runs there."""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.validation import clean_name

TOKEN_PREFIX = "mp_"


@dataclass(frozen=True, slots=True)
class ApiKey:
    key_id: int
    workspace: str
    name: str
    created: dt.datetime
    last_used: dt.datetime | None = None
    revoked: bool = False


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiKeyStore(abc.ABC):
    @abc.abstractmethod
    def _insert(self, workspace: str, name: str, digest: str, now: dt.datetime) -> int: ...

    @abc.abstractmethod
    def list(self, workspace: str) -> list[ApiKey]: ...

    @abc.abstractmethod
    def _revoke(self, workspace: str, key_id: int) -> bool: ...

    @abc.abstractmethod
    def _find(self, digest: str) -> ApiKey | None: ...

    @abc.abstractmethod
    def _touch(self, key_id: int, digest: str, now: dt.datetime) -> None: ...

    def create(self, workspace: str, name: str) -> tuple[ApiKey, str]:
        """A new key and its token (the only time the token is known)."""
        name = clean_name(name, "Key name", 80)
        if any(k.name == name and not k.revoked for k in self.list(workspace)):
            raise ValidationFailed(f"There is already a key named '{name}'.")
        token = new_token()
        now = dt.datetime.now(dt.UTC)
        key_id = self._insert(workspace, name, token_hash(token), now)
        return ApiKey(key_id, workspace, name, now), token

    def revoke(self, workspace: str, key_id: int) -> None:
        if not self._revoke(workspace, key_id):
            raise NotFound(f"There is no API key {key_id}.")

    def authenticate(self, token: str) -> ApiKey | None:
        """The live key of this token (its last use noted), or None."""
        digest = token_hash(token)
        key = self._find(digest)
        if key is None or key.revoked:
            return None
        self._touch(key.key_id, digest, dt.datetime.now(dt.UTC))
        return key


class MemoryApiKeys(ApiKeyStore):
    def __init__(self) -> None:
        self._rows: dict[int, tuple[ApiKey, str]] = {}

    def _insert(self, workspace, name, digest, now):
        key_id = len(self._rows) + 1
        self._rows[key_id] = (ApiKey(key_id, workspace, name, now), digest)
        return key_id

    def list(self, workspace):
        return [k for k, _ in self._rows.values() if k.workspace == workspace]

    def _revoke(self, workspace, key_id):
        found = self._rows.get(key_id)
        if found is None or found[0].workspace != workspace:
            return False
        key, digest = found
        self._rows[key_id] = (ApiKey(**{**_fields(key), "revoked": True}), digest)
        return True

    def _find(self, digest):
        return next((k for k, d in self._rows.values() if d == digest), None)

    def _touch(self, key_id, digest, now):
        key, digest = self._rows[key_id]
        self._rows[key_id] = (ApiKey(**{**_fields(key), "last_used": now}), digest)


def _fields(key: ApiKey) -> dict:
    return {f: getattr(key, f) for f in ApiKey.__slots__}
