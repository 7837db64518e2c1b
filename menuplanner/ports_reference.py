"""Ports for reference data and workspace settings that units of work also hand out:
`uow.intakes` (the Dietary Reference Intakes as loaded into the store) and `uow.settings` (the
workspace's own settings, such as the energy unit and the names its foods have on handouts).
Each adapter passes the contract suites in tests/contract/test_reference_contract.py and
test_display_names_contract.py."""

from __future__ import annotations

import abc
from collections.abc import Sequence

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

    @abc.abstractmethod
    def display_names(self, food_ids: Sequence[int]) -> dict[int, str]:
        """The names a person gave these foods for the client's handouts in this workspace
        (domain/handout_names.py); a food without one is left out."""

    @abc.abstractmethod
    def set_display_name(self, food_id: int, name: str | None) -> None:
        """Give the food a handout name of its own in this workspace (cleaned, or refused with
        ValidationFailed), or with None go back to the rule-made name."""
