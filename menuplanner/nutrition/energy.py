"""Where a food's energy comes from: protein, fat, carbohydrate and alcohol.

SR26's abbreviated table has no alcohol column, so for alcoholic beverages the alcohol energy
is what the reported energy leaves after the macros (general Atwater factors 4/9/4), never
below 0. Other foods get no alcohol energy: their small gap between reported energy and 4/9/4
comes from food-specific Atwater factors, not alcohol.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from menuplanner.domain.nutrients import CARBOHYDRATE, ENERGY, FAT, KCAL_PER_G, PROTEIN


@dataclass(frozen=True, slots=True)
class EnergySplit:
    """kcal from each source, and each as a percentage of the reported energy (0 if none)."""

    energy_kcal: float  # as reported by the food table
    protein_kcal: float
    fat_kcal: float
    carbohydrate_kcal: float
    alcohol_kcal: float

    @property
    def protein_pct(self) -> float:
        return self._pct(self.protein_kcal)

    @property
    def fat_pct(self) -> float:
        return self._pct(self.fat_kcal)

    @property
    def carbohydrate_pct(self) -> float:
        return self._pct(self.carbohydrate_kcal)

    @property
    def alcohol_pct(self) -> float:
        return self._pct(self.alcohol_kcal)

    def _pct(self, kcal: float) -> float:
        return 100.0 * kcal / self.energy_kcal if self.energy_kcal > 0 else 0.0


def energy_split(
    per_100g_row: Mapping[str, float | None] | None = None,
    protein_g: float | None = None,
    fat_g: float | None = None,
    carbohydrate_g: float | None = None,
    energy_kcal: float | None = None,
    is_alcoholic: bool = False,
) -> EnergySplit:
    """Split a food's (or a portion's) energy. Amounts given as arguments win over the row's
    values (keyed by nutrient key); an unknown amount counts as 0."""
    row = per_100g_row or {}
    protein = _amount(protein_g, row.get(PROTEIN))
    fat = _amount(fat_g, row.get(FAT))
    carbohydrate = _amount(carbohydrate_g, row.get(CARBOHYDRATE))
    energy = _amount(energy_kcal, row.get(ENERGY))
    protein_kcal = KCAL_PER_G[PROTEIN] * protein
    fat_kcal = KCAL_PER_G[FAT] * fat
    carbohydrate_kcal = KCAL_PER_G[CARBOHYDRATE] * carbohydrate
    macros_kcal = protein_kcal + fat_kcal + carbohydrate_kcal
    alcohol_kcal = max(0.0, energy - macros_kcal) if is_alcoholic else 0.0
    return EnergySplit(energy, protein_kcal, fat_kcal, carbohydrate_kcal, alcohol_kcal)


def _amount(given: float | None, from_row: float | None) -> float:
    value = given if given is not None else from_row
    return float(value) if value is not None else 0.0


# Said to be not (or no longer) alcoholic, wherever it appears in the name.
_NOT_ALCOHOLIC = re.compile(r"non-?alcoholic|alcohol[- ]free|de-?alcoholi[sz]ed")
# SR26's own label ("Alcoholic beverage, ...", "Beverages, alcoholic , ...").
_LABELLED = re.compile(r"\balcoholic\b")
# What a food is comes first in its name ("Beer, light", "Vodka"); later comma-separated parts
# describe it ("Tea, brewed with distilled water", "OSCAR MAYER, Salami (for beer)").
_DRINK = re.compile(
    r"\b(?:beer|lager|stout|wine|liquor|liqueur|distilled|spirits|whiske?y|vodka|rum|gin|"
    r"brandy|cognac|tequila|bourbon|sake|vermouth|sherry)\b"
)
# A drink word naming something else: soft drinks, vinegars, mixers, dishes cooked with it.
_NOT_THE_DRINK = re.compile(
    r"\b(?:root|ginger|birch) beer\b|vinegar|\bmix\b|\bsauce\b|\bsalsa\b|\bcake\b|\bbatter"
    r"|\bstew\b|\bwith\b|\bin\b"
)


def is_alcoholic_name(name: str) -> bool:
    """Whether a food name describes an alcoholic beverage: labelled alcoholic, or a drink word
    in the name's first part that is not a soft drink, vinegar, mixer or dish. Apple cider is
    left out (in the US it is usually juice)."""
    text = name.lower()
    if _NOT_ALCOHOLIC.search(text):
        return False
    if _LABELLED.search(text):
        return True
    what = text.split(",", 1)[0]
    return bool(_DRINK.search(what)) and not _NOT_THE_DRINK.search(what)
