"""API keys in the DuckDB file (table `api_keys`, migration 5); each call holds the file only
for itself."""

from __future__ import annotations

from menuplanner.ports_api_keys import ApiKey, ApiKeyStore
from menuplanner.store.duckdb.sharing import Database

_COLUMNS = "key_id, workspace_id, name, created, last_used, revoked"


def _key(row: tuple) -> ApiKey:
    return ApiKey(row[0], row[1], row[2], row[3], row[4], bool(row[5]))


class DuckDBApiKeys(ApiKeyStore):
    def __init__(self, database: Database) -> None:
        self.database = database

    def _rows(self, query: str, params: list) -> list[tuple]:
        with self.database.session() as conn:
            return conn.cursor().execute(query, params).fetchall()

    def _insert(self, workspace, name, digest, now):
        rows = self._rows(
            "INSERT INTO api_keys (key_id, workspace_id, name, token_sha256, created) "
            "VALUES ((SELECT coalesce(max(key_id), 0) + 1 FROM api_keys), ?, ?, ?, ?) "
            "RETURNING key_id",
            [workspace, name, digest, now],
        )
        return rows[0][0]

    def list(self, workspace):
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM api_keys WHERE workspace_id = ? ORDER BY key_id", [workspace]
        )
        return [_key(r) for r in rows]

    def _revoke(self, workspace, key_id):
        rows = self._rows(
            "UPDATE api_keys SET revoked = true WHERE workspace_id = ? AND key_id = ? "
            "RETURNING key_id",
            [workspace, key_id],
        )
        return bool(rows)

    def _find(self, digest):
        rows = self._rows(f"SELECT {_COLUMNS} FROM api_keys WHERE token_sha256 = ?", [digest])
        return _key(rows[0]) if rows else None

    def _touch(self, key_id, digest, now):
        self._rows(
            "UPDATE api_keys SET last_used = ? WHERE key_id = ? RETURNING key_id", [now, key_id]
        )
