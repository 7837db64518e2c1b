"""Daily targets: energy, macros, fibre minimum and sodium maximum."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Targets:
    energy_kcal: float
    protein_g: float
    carbohydrate_g: float
    fat_g: float
    fibre_min_g: float = 25.0
    sodium_max_mg: float = 2300.0

    @property
    def protein_pct(self) -> float:
        return _pct(self.protein_g * 4, self.energy_kcal)

    @property
    def carbohydrate_pct(self) -> float:
        return _pct(self.carbohydrate_g * 4, self.energy_kcal)

    @property
    def fat_pct(self) -> float:
        return _pct(self.fat_g * 9, self.energy_kcal)


def _pct(part_kcal: float, total_kcal: float) -> float:
    return 100.0 * part_kcal / total_kcal if total_kcal else 0.0
