"""Ports for reference data and workspace settings that units of work also hand out:
`uow.intakes` (the Dietary Reference Intakes as loaded into the store) and `uow.settings` (the
workspace's own settings, such as the energy unit). Each adapter passes the contract suite in
tests/contract/test_reference_contract.py."""

from __future__ import annotations

import abc

from menuplanner.domain.dri import ReferenceTable
from menuplanner.domain.energy_units import EnergyUnit


class ReferenceIntakes(abc.ABC):
    @abc.abstractmethod
    def table(self) -> ReferenceTable:
        """Every life stage's reference values, with the notes, source and date."""


class WorkspaceSettings(abc.ABC):
    """One workspace's settings; a change is part of the unit of work (committed with it)."""

    @abc.abstractmethod
    def energy_unit(self) -> EnergyUnit:
        """kcal unless the workspace chose kJ."""

    @abc.abstractmethod
    def set_energy_unit(self, unit: EnergyUnit) -> None: ...
