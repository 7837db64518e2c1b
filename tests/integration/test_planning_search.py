"""Search for planning (menu builder, recipes): the forms people eat first (issue 17), on the
bundled USDA foods; the Foods explorer keeps the plain ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services.foods import search_for_planning
from menuplanner.store.factory import open_store


@pytest.fixture(scope="module")
def catalog(built_database: Path):
    with open_store(built_database, build=False).session() as session:
        yield session.catalog(LOCAL_WORKSPACE)


def first(catalog, query: str, n: int) -> list[str]:
    return [h.name for h in search_for_planning(catalog, query, 15).hits[:n]]


def test_oatmeal_offers_cooked_oats_not_cookies(catalog):
    assert catalog.search("oatmeal", limit=1).hits[0].name.startswith("Cookies, oatmeal")
    assert first(catalog, "oatmeal", 2) == [
        "Cereals, oats, instant, fortified, plain, prepared with water (boiling water added or "
        "microwaved)",
        "Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and "
        "microwaving), without salt",
    ]


def test_lentils_offers_cooked_lentils_before_raw_ones(catalog):
    names = first(catalog, "lentils", 15)
    assert names[0] == "Lentils, mature seeds, cooked, boiled, without salt"
    assert names.index("Lentils, mature seeds, cooked, boiled, with salt") < names.index(
        "Lentils, raw"
    )


def test_naming_the_product_still_finds_it_and_a_plain_food_beats_a_dish_of_its_name(catalog):
    assert first(catalog, "oatmeal cookies", 1) == [
        "Cookies, oatmeal, commercially prepared, regular"
    ]
    assert (
        first(catalog, "spaghetti", 1)[0].startswith("Spaghetti, ")
        and "cooked" in first(catalog, "spaghetti", 1)[0]
    )
    assert first(catalog, "butter salted", 1) == ["Butter, salted"]
    assert first(catalog, "bananas raw", 1) == ["Bananas, raw"]
