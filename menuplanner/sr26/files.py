"""Where the bundled SR26 files live and the columns of each."""

from __future__ import annotations

from pathlib import Path

from menuplanner.domain.nutrients import NUTRIENTS

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "data" / "usda-sr26"

FOOD_DES_COLUMNS = (
    "ndb_no",
    "group_code",
    "long_desc",
    "short_desc",
    "common_name",
    "manufacturer",
    "survey",
    "refuse_desc",
    "refuse_pct",
    "sci_name",
    "n_factor",
    "protein_factor",
    "fat_factor",
    "carbohydrate_factor",
)
WEIGHT_COLUMNS = ("ndb_no", "seq", "amount", "description", "gram_weight", "data_points", "std_dev")
GROUP_COLUMNS = ("group_code", "group_name")

# ABBREV.txt's 53 fields in order; None marks fields we do not keep (IU duplicates, portions).
_ABBREV_FIELDS: tuple[str | None, ...] = (
    "ndb_no",
    None,
    "water_g",
    "energy_kcal",
    "protein_g",
    "fat_g",
    "ash_g",
    "carbohydrate_g",
    "fibre_g",
    "sugars_g",
    "calcium_mg",
    "iron_mg",
    "magnesium_mg",
    "phosphorus_mg",
    "potassium_mg",
    "sodium_mg",
    "zinc_mg",
    "copper_mg",
    "manganese_mg",
    "selenium_ug",
    "vitamin_c_mg",
    "thiamin_mg",
    "riboflavin_mg",
    "niacin_mg",
    "pantothenic_acid_mg",
    "vitamin_b6_mg",
    "folate_total_ug",
    "folic_acid_ug",
    "food_folate_ug",
    "folate_dfe_ug",
    "choline_mg",
    "vitamin_b12_ug",
    None,
    "vitamin_a_rae_ug",
    "retinol_ug",
    "alpha_carotene_ug",
    "beta_carotene_ug",
    "beta_cryptoxanthin_ug",
    "lycopene_ug",
    "lutein_zeaxanthin_ug",
    "vitamin_e_mg",
    "vitamin_d_ug",
    None,
    "vitamin_k_ug",
    "saturated_fat_g",
    "monounsaturated_fat_g",
    "polyunsaturated_fat_g",
    "cholesterol_mg",
    None,
    None,
    None,
    None,
    None,
)
ABBREV_COLUMNS = tuple(
    name if name is not None else f"_unused_{i}" for i, name in enumerate(_ABBREV_FIELDS)
)

assert set(ABBREV_COLUMNS) >= {n.key for n in NUTRIENTS}, "every nutrient comes from ABBREV.txt"

FILES = {
    "FOOD_DES.txt": FOOD_DES_COLUMNS,
    "ABBREV.txt": ABBREV_COLUMNS,
    "WEIGHT.txt": WEIGHT_COLUMNS,
    "FD_GROUP.txt": GROUP_COLUMNS,
}
