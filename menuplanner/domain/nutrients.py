"""The nutrients menuplanner knows: key, display name, unit, panel group and USDA number.

One fixed catalogue shared by the SR26 import, the store, totals and every page, so a nutrient
is spelt the same way everywhere. `usda_number` is the SR / FoodData Central `nutrient_nbr`,
which later imports map onto.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NutrientGroup(StrEnum):
    ENERGY_AND_MACROS = "Energy and macronutrients"
    FATS = "Fats"
    MINERALS = "Minerals"
    VITAMINS = "Vitamins"


@dataclass(frozen=True, slots=True)
class Nutrient:
    key: str
    name: str
    unit: str
    group: NutrientGroup
    usda_number: str
    decimals: int  # how many decimals a dietitian would print per portion

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"


_E, _F, _M, _V = (
    NutrientGroup.ENERGY_AND_MACROS,
    NutrientGroup.FATS,
    NutrientGroup.MINERALS,
    NutrientGroup.VITAMINS,
)

# Order is display order inside each group.
NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("energy_kcal", "Energy", "kcal", _E, "208", 0),
    Nutrient("protein_g", "Protein", "g", _E, "203", 1),
    Nutrient("carbohydrate_g", "Carbohydrate", "g", _E, "205", 1),
    Nutrient("fibre_g", "Fibre", "g", _E, "291", 1),
    Nutrient("sugars_g", "Sugars", "g", _E, "269", 1),
    Nutrient("fat_g", "Fat", "g", _E, "204", 1),
    Nutrient("water_g", "Water", "g", _E, "255", 1),
    Nutrient("ash_g", "Ash", "g", _E, "207", 1),
    Nutrient("saturated_fat_g", "Saturated fat", "g", _F, "606", 1),
    Nutrient("monounsaturated_fat_g", "Monounsaturated fat", "g", _F, "645", 1),
    Nutrient("polyunsaturated_fat_g", "Polyunsaturated fat", "g", _F, "646", 1),
    Nutrient("cholesterol_mg", "Cholesterol", "mg", _F, "601", 0),
    Nutrient("calcium_mg", "Calcium", "mg", _M, "301", 0),
    Nutrient("iron_mg", "Iron", "mg", _M, "303", 1),
    Nutrient("magnesium_mg", "Magnesium", "mg", _M, "304", 0),
    Nutrient("phosphorus_mg", "Phosphorus", "mg", _M, "305", 0),
    Nutrient("potassium_mg", "Potassium", "mg", _M, "306", 0),
    Nutrient("sodium_mg", "Sodium", "mg", _M, "307", 0),
    Nutrient("zinc_mg", "Zinc", "mg", _M, "309", 1),
    Nutrient("copper_mg", "Copper", "mg", _M, "312", 2),
    Nutrient("manganese_mg", "Manganese", "mg", _M, "315", 2),
    Nutrient("selenium_ug", "Selenium", "µg", _M, "317", 1),
    Nutrient("vitamin_a_rae_ug", "Vitamin A (RAE)", "µg", _V, "320", 0),
    Nutrient("retinol_ug", "Retinol", "µg", _V, "319", 0),
    Nutrient("beta_carotene_ug", "Beta-carotene", "µg", _V, "321", 0),
    Nutrient("alpha_carotene_ug", "Alpha-carotene", "µg", _V, "322", 0),
    Nutrient("beta_cryptoxanthin_ug", "Beta-cryptoxanthin", "µg", _V, "334", 0),
    Nutrient("lycopene_ug", "Lycopene", "µg", _V, "337", 0),
    Nutrient("lutein_zeaxanthin_ug", "Lutein + zeaxanthin", "µg", _V, "338", 0),
    Nutrient("vitamin_c_mg", "Vitamin C", "mg", _V, "401", 1),
    Nutrient("vitamin_d_ug", "Vitamin D", "µg", _V, "328", 1),
    Nutrient("vitamin_e_mg", "Vitamin E", "mg", _V, "323", 1),
    Nutrient("vitamin_k_ug", "Vitamin K", "µg", _V, "430", 1),
    Nutrient("thiamin_mg", "Thiamin (B1)", "mg", _V, "404", 2),
    Nutrient("riboflavin_mg", "Riboflavin (B2)", "mg", _V, "405", 2),
    Nutrient("niacin_mg", "Niacin (B3)", "mg", _V, "406", 1),
    Nutrient("pantothenic_acid_mg", "Pantothenic acid (B5)", "mg", _V, "410", 2),
    Nutrient("vitamin_b6_mg", "Vitamin B6", "mg", _V, "415", 2),
    Nutrient("folate_total_ug", "Folate, total", "µg", _V, "417", 0),
    Nutrient("folic_acid_ug", "Folic acid", "µg", _V, "431", 0),
    Nutrient("food_folate_ug", "Folate, food", "µg", _V, "432", 0),
    Nutrient("folate_dfe_ug", "Folate (DFE)", "µg", _V, "435", 0),
    Nutrient("vitamin_b12_ug", "Vitamin B12", "µg", _V, "418", 2),
    Nutrient("choline_mg", "Choline", "mg", _V, "421", 1),
)

BY_KEY: dict[str, Nutrient] = {n.key: n for n in NUTRIENTS}
KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)

# The nutrients that have a place in targets, totals and the menu builder's bars.
ENERGY = "energy_kcal"
PROTEIN = "protein_g"
CARBOHYDRATE = "carbohydrate_g"
FAT = "fat_g"
FIBRE = "fibre_g"
SODIUM = "sodium_mg"
MACROS = (PROTEIN, CARBOHYDRATE, FAT)

# General Atwater factors, kcal per gram.
KCAL_PER_G = {PROTEIN: 4.0, CARBOHYDRATE: 4.0, FAT: 9.0, "alcohol_g": 7.0}


def nutrient(key: str) -> Nutrient:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"Unknown nutrient {key!r}; known: {', '.join(KEYS)}") from None


def in_group(group: NutrientGroup) -> tuple[Nutrient, ...]:
    return tuple(n for n in NUTRIENTS if n.group == group)
