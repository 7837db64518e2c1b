"""`menuplanner foods show`: one food's nutrients per 100 g and per household measure, its
dataset, energy source and tags, by id or by a name matching one food; --json for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_admin_cli import assert_fails, menuplanner

pytestmark = pytest.mark.slow


def test_butter_by_id_per_100_g_and_per_tablespoon(built_database: Path):
    done = menuplanner("foods", "show", "1001", "--db", built_database)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        "Butter, salted (id 1001)",
        "Dataset: USDA SR26 · group 0100 Dairy and Egg Products",
        "Energy: as published by the food table",
        "Contains: milk",
    ]
    header = next(line for line in lines if line.startswith("nutrient"))
    assert header.split("  ")[0:1] == ["nutrient"] and "1 tbsp (14.2 g)" in header
    energy = next(line for line in lines if line.startswith("Energy ")).split()
    fat = next(line for line in lines if line.startswith("Fat ")).split()
    # per 100 g, 1 pat (5 g), 1 tbsp (14.2 g), 1 cup (227 g), 1 stick (113 g)
    assert energy[2:] == ["717", "36", "102", "1,628", "810"]
    assert fat[2:] == ["81.1", "4.1", "11.5", "184.1", "91.7"]


def test_json_gives_exact_values_per_measure(built_database: Path):
    done = menuplanner("foods", "show", "Butter, salted", "--json", "--db", built_database)
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert (card["food_id"], card["contains"], card["unverified"]) == (1001, ["milk"], [])
    tbsp = [m["description"] for m in card["measures"]].index("tbsp")
    assert card["measures"][tbsp]["grams"] == 14.2
    energy = next(n for n in card["nutrients"] if n["key"] == "energy_kcal")
    assert energy["per_100g"] == 717
    assert energy["per_measure"][tbsp] == pytest.approx(101.814)


def test_a_name_matching_several_foods_lists_them_with_their_ids(built_database: Path):
    message = assert_fails(menuplanner("foods", "show", "butter", "--db", built_database))
    assert message.startswith("Error: 'butter' matches ")
    assert "give the id of one (the first 10 of " in message
    assert "1001 Butter, salted; 1145 Butter, without salt" in message


def test_an_unknown_id_or_name_is_one_sentence(built_database: Path):
    assert_fails(
        menuplanner("foods", "show", "99999999", "--db", built_database),
        "Error: There is no food with id 99999999.",
    )
    assert_fails(
        menuplanner("foods", "show", "zzqx", "--db", built_database),
        "Error: No food matches 'zzqx'; try fewer words, or `menuplanner foods search`.",
    )
