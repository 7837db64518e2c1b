"""The Dietary Reference Intakes and a workspace's settings, read from (and written to) the
DuckDB file."""

from __future__ import annotations

import duckdb
import polars as pl

from menuplanner.domain.dri import ReferenceTable
from menuplanner.domain.energy_units import EnergyUnit, energy_unit
from menuplanner.dri.files import NOTES_SCHEMA, VALUES_SCHEMA, DriFrames, table_of
from menuplanner.ports_reference import ReferenceIntakes, WorkspaceSettings

ENERGY_UNIT = "energy_unit"


class DuckDBReferenceIntakes(ReferenceIntakes):
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def table(self) -> ReferenceTable:
        values = self._frame(
            "SELECT " + ", ".join(VALUES_SCHEMA) + " FROM reference_intakes", VALUES_SCHEMA
        )
        notes = self._frame(
            "SELECT " + ", ".join(NOTES_SCHEMA) + " FROM reference_intake_notes", NOTES_SCHEMA
        )
        meta = dict(
            self._conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('dri_source', 'dri_date')"
            ).fetchall()
        )
        frames = DriFrames(values, notes, meta.get("dri_source", ""), meta.get("dri_date", ""))
        return table_of(frames)

    def _frame(self, query: str, schema: dict) -> pl.DataFrame:
        rows = self._conn.execute(query).fetchall()
        return pl.DataFrame(rows, schema=schema, orient="row")


class DuckDBWorkspaceSettings(WorkspaceSettings):
    def __init__(self, conn: duckdb.DuckDBPyConnection, workspace: str) -> None:
        self._conn = conn
        self._workspace = workspace

    def energy_unit(self) -> EnergyUnit:
        rows = self._conn.execute(
            "SELECT value FROM workspace_settings WHERE workspace_id = ? AND key = ?",
            [self._workspace, ENERGY_UNIT],
        ).fetchall()
        return energy_unit(rows[0][0]) if rows else EnergyUnit.KCAL

    def set_energy_unit(self, unit: EnergyUnit) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO workspace_settings VALUES (?, ?, ?)",
            [self._workspace, ENERGY_UNIT, energy_unit(unit).value],
        )
