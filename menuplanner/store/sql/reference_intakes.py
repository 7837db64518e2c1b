"""The Dietary Reference Intakes and a workspace's settings in SQL (DuckDB and PostgreSQL):
reading them for the services, and writing the intakes when a database is built or migrated."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from menuplanner.domain import handout_names
from menuplanner.domain.dri import ReferenceTable
from menuplanner.domain.energy_units import EnergyUnit, energy_unit
from menuplanner.dri.files import NOTES_SCHEMA, VALUES_SCHEMA, DriFrames, table_of
from menuplanner.ports_reference import ReferenceIntakes, WorkspaceSettings
from menuplanner.store.sql.dialect import Sql

ENERGY_UNIT = "energy_unit"
DRI_META = ("dri_source", "dri_date")


class SqlReferenceIntakes(ReferenceIntakes):
    def __init__(self, sql: Sql) -> None:
        self._sql = sql

    def table(self) -> ReferenceTable:
        values = self._frame("reference_intakes", VALUES_SCHEMA)
        notes = self._frame("reference_intake_notes", NOTES_SCHEMA)
        meta = dict(self._sql.rows("SELECT key, value FROM meta WHERE key IN (?, ?)", DRI_META))
        frames = DriFrames(values, notes, meta.get("dri_source", ""), meta.get("dri_date", ""))
        return table_of(frames)

    def _frame(self, table: str, schema: dict) -> pl.DataFrame:
        rows = self._sql.rows("SELECT " + ", ".join(schema) + " FROM " + table)  # fixed names
        return pl.DataFrame(rows, schema=schema, orient="row")


class SqlWorkspaceSettings(WorkspaceSettings):
    def __init__(self, sql: Sql, workspace: str) -> None:
        self._sql = sql
        self._workspace = workspace

    def energy_unit(self) -> EnergyUnit:
        value = self._sql.value(
            "SELECT value FROM workspace_settings WHERE workspace_id = ? AND key = ?",
            [self._workspace, ENERGY_UNIT],
        )
        return EnergyUnit.KCAL if value is None else energy_unit(value)

    def set_energy_unit(self, unit: EnergyUnit) -> None:
        key = [self._workspace, ENERGY_UNIT]
        self._sql.execute("DELETE FROM workspace_settings WHERE workspace_id = ? AND key = ?", key)
        self._sql.execute(
            "INSERT INTO workspace_settings VALUES (?, ?, ?)", [*key, energy_unit(unit).value]
        )

    def display_names(self, food_ids: Sequence[int]) -> dict[int, str]:
        stored = self._sql.value(
            "SELECT value FROM workspace_settings WHERE workspace_id = ? AND key = ?",
            [self._workspace, handout_names.SETTING_KEY],
        )
        names = handout_names.read_names(stored)
        return {i: names[i] for i in food_ids if i in names}

    def set_display_name(self, food_id: int, name: str | None) -> None:
        # Read, change, write back the workspace's one map. Two people naming foods at once
        # both keep their name: both engines refuse the later writer of the row (DuckDB's
        # conflict, PostgreSQL's REPEATABLE READ serialization failure, or the key the other
        # inserted first) as ConcurrentUpdate, and running the action again reads the other's
        # map (tests/contract/test_display_names_contract.py).
        key = [self._workspace, handout_names.SETTING_KEY]
        stored = self._sql.value(
            "SELECT value FROM workspace_settings WHERE workspace_id = ? AND key = ?", key
        )
        changed = handout_names.with_name(handout_names.read_names(stored), food_id, name)
        if not changed:
            self._sql.execute(
                "DELETE FROM workspace_settings WHERE workspace_id = ? AND key = ?", key
            )
        elif stored is not None:
            self._sql.execute(
                "UPDATE workspace_settings SET value = ? WHERE workspace_id = ? AND key = ?",
                [handout_names.written(changed), *key],
            )
        else:
            self._sql.execute(
                "INSERT INTO workspace_settings VALUES (?, ?, ?)",
                [*key, handout_names.written(changed)],
            )


def write_intakes(sql: Sql, frames: DriFrames) -> None:
    """Replace the reference intakes with checked `frames` (dri.schema.check), and their source
    and date; the caller owns the transaction. A few hundred rows: plain inserts."""
    for table, frame in (
        ("reference_intakes", frames.values),
        ("reference_intake_notes", frames.notes),
    ):
        sql.execute("DELETE FROM " + table)  # names from the fixed list above
        marks = ", ".join("?" * frame.width)
        columns = ", ".join(frame.columns)
        for row in frame.iter_rows():
            sql.execute("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", row)
    sql.execute("DELETE FROM meta WHERE key IN (?, ?)", DRI_META)
    sql.execute(
        "INSERT INTO meta VALUES (?, ?), (?, ?)",
        ["dri_source", frames.source, "dri_date", frames.date],
    )


def bundled_intakes() -> DriFrames:
    """The bundled data/dri files, checked (Pandera: imported only when building or
    migrating)."""
    from menuplanner.dri import files, schema

    return schema.check(files.read())
