"""The energy unit a workspace shows: kilocalories or kilojoules. The database keeps kcal;
only what is shown or exported is converted (1 kcal = 4.184 kJ, the thermochemical calorie
food tables use)."""

from __future__ import annotations

from enum import StrEnum

from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.formatting import format_number

KJ_PER_KCAL = 4.184


class EnergyUnit(StrEnum):
    KCAL = "kcal"
    KJ = "kJ"

    @property
    def label(self) -> str:
        return {"kcal": "Kilocalories (kcal)", "kJ": "Kilojoules (kJ)"}[self]

    @property
    def factor(self) -> float:
        """How many of this unit one kcal is."""
        return KJ_PER_KCAL if self == EnergyUnit.KJ else 1.0

    @property
    def column(self) -> str:
        """The name of an energy column in exports: energy_kcal or energy_kj."""
        return "energy_" + self.value.lower()


def energy_unit(value: object) -> EnergyUnit:
    try:
        return EnergyUnit(value)
    except ValueError:
        raise ValidationFailed(f"The energy unit is kcal or kJ, not {value!r}.") from None


def in_unit(kcal: float | None, unit: EnergyUnit) -> float | None:
    return None if kcal is None else kcal * unit.factor


def energy_text(kcal: float | None, unit: EnergyUnit = EnergyUnit.KCAL) -> str:
    """'717 kcal' or '3,000 kJ': whole units, thousands separated ('–' when unknown)."""
    text = format_number(in_unit(kcal, unit), 0)
    return text if text == "–" else f"{text} {unit.value}"
