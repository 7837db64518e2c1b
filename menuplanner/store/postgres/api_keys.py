"""API keys on the PostgreSQL server (table `api_keys`, version 5). Listing and revoking run in
the key's workspace; finding a key by its token runs with `menuplanner.api_token` set to the
token's sha256, the one row row-level security then shows (schema.py)."""

from __future__ import annotations

from menuplanner.ports_api_keys import ApiKey, ApiKeyStore
from menuplanner.store.postgres.connection import PgSql, PostgresServer

_COLUMNS = "key_id, workspace_id, name, created, last_used, revoked"


def _key(row: tuple) -> ApiKey:
    return ApiKey(row[0], row[1], row[2], row[3], row[4], bool(row[5]))


class PgApiKeys(ApiKeyStore):
    def __init__(self, server: PostgresServer) -> None:
        self.server = server

    def _rows(
        self, query: str, params: list, workspace: str | None = None, digest: str = ""
    ) -> list[tuple]:
        with self.server.connection() as conn:
            sql = PgSql(conn, workspace)
            with sql.transaction():
                if digest:
                    sql.cursor.execute(
                        "SELECT set_config('menuplanner.api_token', %s, true)", [digest]
                    )
                return sql.rows(query, params)

    def _insert(self, workspace, name, digest, now):
        rows = self._rows(
            "INSERT INTO api_keys (workspace_id, name, token_sha256, created) "
            "VALUES (?, ?, ?, ?) RETURNING key_id",
            [workspace, name, digest, now],
            workspace,
        )
        return rows[0][0]

    def list(self, workspace):
        query = f"SELECT {_COLUMNS} FROM api_keys WHERE workspace_id = ? ORDER BY key_id"
        return [_key(r) for r in self._rows(query, [workspace], workspace)]

    def _revoke(self, workspace, key_id):
        rows = self._rows(
            "UPDATE api_keys SET revoked = true WHERE workspace_id = ? AND key_id = ? "
            "RETURNING key_id",
            [workspace, key_id],
            workspace,
        )
        return bool(rows)

    def _find(self, digest):
        query = f"SELECT {_COLUMNS} FROM api_keys WHERE token_sha256 = ?"
        rows = self._rows(query, [digest], digest=digest)
        return _key(rows[0]) if rows else None

    def _touch(self, key_id, digest, now):
        # Only the row of the token just found is visible, so this notes its use and no other.
        self._rows(
            "UPDATE api_keys SET last_used = ? WHERE key_id = ? RETURNING key_id",
            [now, key_id],
            digest=digest,
        )
