"""The header synonyms are data (menuplanner/imports/header_synonyms.toml), checked when read."""

from __future__ import annotations

import pytest

from menuplanner.imports import mapping, synonyms
from menuplanner.imports.synonyms import SynonymsError

ROLES = tuple(mapping.ROLES)


def parse(text: str):
    return synonyms.parse(text, ROLES, mapping._fold)


def test_the_shipped_file_loads_with_every_role_and_the_main_nutrients():
    by_role, by_nutrient = synonyms.load(ROLES, mapping._fold)
    assert set(by_role) == set(ROLES)
    assert {"energy_kcal", "protein_g", "fat_g", "carbohydrate_g"} <= set(by_nutrient)
    assert "eiweiß" in by_nutrient["protein_g"]
    assert mapping.suggest_nutrient("Eiweiß (g/100 g)") == ("protein_g", "g")


def test_an_unknown_nutrient_key_is_refused():
    with pytest.raises(SynonymsError, match=r"unknown nutrient \['protien_g'\]"):
        parse('[roles]\nid = ["id"]\n[nutrients]\nprotien_g = ["protein"]\n')


def test_a_name_meaning_two_things_is_refused_as_compared_folded():
    with pytest.raises(
        SynonymsError, match="'Fat' is listed for nutrient fat_g and nutrient protein_g"
    ):
        parse('[roles]\n[nutrients]\nfat_g = ["fat"]\nprotein_g = ["Fat"]\n')


def test_a_list_of_empty_names_is_refused():
    with pytest.raises(SynonymsError, match="nutrient fat_g needs a list of names"):
        parse('[roles]\n[nutrients]\nfat_g = [""]\n')


def test_a_missing_section_is_refused():
    with pytest.raises(SynonymsError, match="must have \\[roles\\] and \\[nutrients\\]"):
        parse('[nutrients]\nfat_g = ["fat"]\n')
