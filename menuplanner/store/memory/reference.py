"""The in-memory Dietary Reference Intakes (the bundled file, read without the build's Pandera
check) and a workspace's settings, kept with its other rows."""

from __future__ import annotations

from menuplanner.domain.dri import ReferenceTable
from menuplanner.domain.energy_units import EnergyUnit, energy_unit
from menuplanner.dri.files import bundled_table
from menuplanner.ports_reference import ReferenceIntakes, WorkspaceSettings

ENERGY_UNIT = "energy_unit"


class MemoryReferenceIntakes(ReferenceIntakes):
    def table(self) -> ReferenceTable:
        return bundled_table()


class MemoryWorkspaceSettings(WorkspaceSettings):
    def __init__(self, settings: dict[str, str]) -> None:
        self._settings = settings  # the unit of work's copy of the workspace's rows

    def energy_unit(self) -> EnergyUnit:
        return energy_unit(self._settings.get(ENERGY_UNIT, EnergyUnit.KCAL.value))

    def set_energy_unit(self, unit: EnergyUnit) -> None:
        self._settings[ENERGY_UNIT] = energy_unit(unit).value
