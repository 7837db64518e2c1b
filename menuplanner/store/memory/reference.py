"""The in-memory Dietary Reference Intakes (the bundled file, read without the build's Pandera
check) and a workspace's settings, kept with its other rows."""

from __future__ import annotations

from collections.abc import Sequence

from menuplanner.domain import handout_names
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

    def display_names(self, food_ids: Sequence[int]) -> dict[int, str]:
        names = handout_names.read_names(self._settings.get(handout_names.SETTING_KEY))
        return {i: names[i] for i in food_ids if i in names}

    def set_display_name(self, food_id: int, name: str | None) -> None:
        names = handout_names.read_names(self._settings.get(handout_names.SETTING_KEY))
        changed = handout_names.with_name(names, food_id, name)
        if changed:
            self._settings[handout_names.SETTING_KEY] = handout_names.written(changed)
        else:
            self._settings.pop(handout_names.SETTING_KEY, None)
