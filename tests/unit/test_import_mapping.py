"""Column mappings suggested from headers in several languages, checked, saved and reused."""

from __future__ import annotations

import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.imports import mapping as mappings
from menuplanner.imports.mapping import NutrientColumn, TableMapping


def mapped(mapping: TableMapping) -> dict[str, tuple[str, str]]:
    return {n.column: (n.nutrient, n.unit) for n in mapping.nutrients}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Energy (kcal)", ("energy_kcal", "kcal")),
        ("Energie (kJ)", ("energy_kcal", "kJ")),
        ("Eiweiß (g/100 g)", ("protein_g", "g")),
        ("Protéines (g/100 g)", ("protein_g", "g")),
        ("Proteínas (g)", ("protein_g", "g")),
        ("Lipidi totali", ("fat_g", "g")),
        ("Vet totaal (g)", ("fat_g", "g")),
        ("Kolhydrater, tillgängliga (g)", ("carbohydrate_g", "g")),
        ("Kostfiber (g)", ("fibre_g", "g")),
        ("Natrium (mg)", ("sodium_mg", "mg")),
        ("Sodium, Na (mg)", ("sodium_mg", "mg")),
        ("Folat (µg)", ("folate_total_ug", "µg")),
        ("Vitamin B12 (mcg)", ("vitamin_b12_ug", "µg")),
        ("Sel (g)", None),
        ("Mättade fettsyror (g)", ("saturated_fat_g", "g")),
        ("Jern (mg)", ("iron_mg", "mg")),
        ("Ravintokuitu (g)", ("fibre_g", "g")),
        ("Sodio (g)", ("sodium_mg", "g")),
    ],
)
def test_headers_in_many_languages_suggest_a_nutrient_and_its_unit(header, expected):
    assert mappings.suggest_nutrient(header) == expected


def test_a_whole_header_row_gives_a_complete_mapping():
    columns = [
        "Code",
        "Lebensmittel",
        "Lebensmittelgruppe",
        "Energie (kJ)",
        "Energie (kcal)",
        "Eiweiß (g)",
        "Fett (g)",
        "Kohlenhydrate (g)",
        "Bemerkung",
    ]
    suggested = mappings.suggest(columns)
    assert (suggested.id_column, suggested.name_column, suggested.group_column) == (
        "Code",
        "Lebensmittel",
        "Lebensmittelgruppe",
    )
    assert mapped(suggested) == {
        "Energie (kJ)": ("energy_kcal", "kJ"),
        "Energie (kcal)": ("energy_kcal", "kcal"),
        "Eiweiß (g)": ("protein_g", "g"),
        "Fett (g)": ("fat_g", "g"),
        "Kohlenhydrate (g)": ("carbohydrate_g", "g"),
    }
    assert suggested.problems(columns) == []


def test_a_mapping_with_no_energy_and_no_macros_is_refused():
    mapping = TableMapping(
        name_column="Name", nutrients=[NutrientColumn(column="Na", nutrient="sodium_mg", unit="mg")]
    )
    assert any(
        "no energy column and no protein, fat or carbohydrate" in p
        for p in mapping.problems(["Name", "Na"])
    )


def test_a_mapping_naming_columns_the_table_lacks_says_which():
    mapping = TableMapping(
        name_column="Name",
        nutrients=[NutrientColumn(column="kcal", nutrient="energy_kcal", unit="kcal")],
    )
    assert mapping.problems(["Food", "kcal"]) == ["The table has no column “Name”."]


def test_a_nutrient_mapped_twice_and_a_wrong_unit_are_refused():
    mapping = TableMapping(
        name_column="N",
        nutrients=[
            NutrientColumn(column="a", nutrient="fat_g", unit="g"),
            NutrientColumn(column="b", nutrient="fat_g", unit="g"),
            NutrientColumn(column="c", nutrient="energy_kcal", unit="mg"),
        ],
    )
    found = " ".join(mapping.problems(["N", "a", "b", "c"]))
    assert "Fat is mapped twice" in found and "can be given in kcal or kJ, not 'mg'" in found


def test_values_per_serving_need_the_serving_size_column():
    mapping = TableMapping(
        name_column="N",
        basis="per_serving",
        nutrients=[NutrientColumn(column="kcal", nutrient="energy_kcal", unit="kcal")],
    )
    assert mapping.problems(["N", "kcal"]) == [
        "Values per serving need the column that holds the serving size in grams."
    ]


def test_a_saved_mapping_reads_back_the_same():
    mapping = mappings.suggest(["Food", "Energy (kJ)", "Protein (g)"])
    assert mappings.loads(mappings.dumps(mapping)) == mapping


def test_a_file_that_is_not_a_mapping_says_so():
    with pytest.raises(ValidationFailed, match="not a saved menuplanner mapping"):
        mappings.loads('{"nutrients": [{"column": "x", "nutrient": "magic", "unit": "g"}]}')
    with pytest.raises(ValidationFailed):
        mappings.loads("not json")


def test_units_convert_to_the_catalogue_unit():
    assert mappings.factor("sodium_mg", "g") == 1000.0
    assert mappings.factor("selenium_ug", "mg") == pytest.approx(1000.0)
    assert mappings.factor("energy_kcal", "kJ") == pytest.approx(1 / 4.184)
