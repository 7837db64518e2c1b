"""FoodCatalog contract: search, foods with portions, groups, nutrients, tag corrections."""

from __future__ import annotations

import polars as pl
import pytest

from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import FoodGroup, Portion
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.tags import Tag
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog

BUTTER, EGG, BANANA = 1001, 1123, 9040
UNKNOWN_FOOD = 99_999_999


def ids(page) -> list[int]:
    return [hit.food_id for hit in page.hits]


# Search


def test_search_finds_salted_butter_first(uow):
    first = uow.foods.search("butter salted").hits[0]
    assert (first.food_id, first.name) == (BUTTER, "Butter, salted")
    assert (first.group_code, first.group_name) == ("0100", "Dairy and Egg Products")
    assert (first.dataset, first.is_branded, first.is_common) == ("USDA SR26", False, True)
    assert first.portion_count == 4


def test_search_finds_words_in_any_order(uow):
    assert ids(uow.foods.search("salted butter")) == ids(uow.foods.search("butter salted"))
    assert ids(uow.foods.search("roasted breast chicken")) == ids(
        uow.foods.search("chicken breast roasted")
    )


def test_search_ignores_case_accents_and_plurals(uow):
    assert ids(uow.foods.search("BÜTTER, Salted"))[0] == BUTTER
    assert ids(uow.foods.search("banana"))[0] == BANANA  # "Bananas, raw"
    assert ids(uow.foods.search("bananas raw"))[0] == BANANA


def test_search_matches_the_start_of_words(uow):
    assert ids(uow.foods.search("bana"))[0] == BANANA
    assert BUTTER not in ids(uow.foods.search("utter", limit=1000))


def test_search_ranks_the_plain_egg_before_egg_products(uow):
    assert uow.foods.search("egg").hits[0].name == "Egg, whole, raw, fresh"


def test_search_in_a_group_returns_only_that_groups_foods(uow):
    everywhere = uow.foods.search("egg", limit=1000)
    in_dairy = uow.foods.search("egg", group_code="0100", limit=1000)
    assert {hit.group_code for hit in in_dairy.hits} == {"0100"}
    assert 0 < in_dairy.total < everywhere.total
    assert ids(in_dairy) == [hit.food_id for hit in everywhere.hits if hit.group_code == "0100"]


def test_search_pages_through_results_with_limit_and_offset(uow):
    everything = uow.foods.search("egg", limit=1000)
    second_page = uow.foods.search("egg", limit=10, offset=10)
    assert ids(second_page) == ids(everything)[10:20]
    assert second_page.total == everything.total == len(everything.hits)


def test_search_past_the_last_page_is_empty_but_still_counts_the_matches(uow):
    page = uow.foods.search("butter salted", limit=10, offset=50)
    assert page.hits == []
    assert page.total == 1


def test_search_without_a_match_is_empty(uow):
    page = uow.foods.search("xylophone")
    assert (page.hits, page.total) == ([], 0)


def test_search_with_an_empty_query_lists_every_food_a_page_at_a_time(uow):
    page = uow.foods.search("", limit=5)
    assert len(page.hits) == 5
    assert page.total == uow.foods.count()


def test_search_treats_hostile_text_as_words(uow, hostile_text):
    uow.foods.search(hostile_text)
    assert uow.foods.search("butter salted").hits[0].food_id == BUTTER


# Foods, groups, counts


def test_get_returns_butter_with_its_four_household_measures(uow):
    butter = uow.foods.get(BUTTER)
    assert (butter.food_id, butter.name, butter.group_code) == (BUTTER, "Butter, salted", "0100")
    assert butter.dataset == "USDA SR26"
    assert butter.portions == (
        Portion(1, 1.0, 'pat (1" sq, 1/3" high)', 5.0),
        Portion(2, 1.0, "tbsp", 14.2),
        Portion(3, 1.0, "cup", 227.0),
        Portion(4, 1.0, "stick", 113.0),
    )


def test_get_of_an_unknown_food_says_there_is_none(uow):
    with pytest.raises(NotFound, match=r"^There is no food with id 99999999\.$"):
        uow.foods.get(UNKNOWN_FOOD)


def test_get_many_returns_the_known_foods_and_skips_the_unknown(uow):
    found = uow.foods.get_many([EGG, UNKNOWN_FOOD, BANANA, EGG])
    assert set(found) == {EGG, BANANA}
    assert found[BANANA].name == "Bananas, raw"
    assert len(found[EGG].portions) == 6
    assert uow.foods.get_many([]) == {}


def test_groups_are_listed_by_name(uow):
    groups = uow.foods.groups()
    assert FoodGroup("0100", "Dairy and Egg Products") in groups
    assert [g.name for g in groups] == sorted(g.name for g in groups)
    assert len(groups) == 25


def test_count_counts_every_food(uow):
    assert uow.foods.count() == 8463


# Nutrients


def test_nutrients_per_100g_of_butter_are_usdas_values(uow):
    butter = uow.foods.nutrients_per_100g([BUTTER]).row(0, named=True)
    assert butter["food_id"] == BUTTER
    assert butter["energy_kcal"] == 717.0
    assert butter["fat_g"] == pytest.approx(81.11)
    assert butter["protein_g"] == pytest.approx(0.85)


def test_nutrients_come_one_row_per_food_in_the_order_asked_with_nulls_for_unknown_foods(uow):
    frame = uow.foods.nutrients_per_100g([BANANA, UNKNOWN_FOOD, BUTTER, BANANA])
    assert frame.columns == ["food_id", *KEYS]
    assert frame["food_id"].to_list() == [BANANA, UNKNOWN_FOOD, BUTTER]
    assert frame.schema["food_id"] == pl.Int64
    assert all(frame.schema[key] == pl.Float64 for key in KEYS)
    unknown = frame.row(1, named=True)
    assert all(unknown[key] is None for key in KEYS)


def test_nutrients_of_no_foods_is_an_empty_frame_with_every_column(uow):
    frame = uow.foods.nutrients_per_100g([])
    assert frame.height == 0
    assert frame.columns == ["food_id", *KEYS]


# Tag corrections


def test_a_tag_correction_is_stored_replaced_and_removed(uow):
    assert uow.foods.tag_overrides() == {}
    uow.foods.set_tag_override(BUTTER, frozenset({Tag.MILK}))
    assert uow.foods.tag_overrides() == {BUTTER: frozenset({Tag.MILK})}
    uow.foods.set_tag_override(BUTTER, frozenset({Tag.MILK, Tag.SOY}))
    assert uow.foods.tag_overrides() == {BUTTER: frozenset({Tag.MILK, Tag.SOY})}
    uow.foods.set_tag_override(BUTTER, None)
    assert uow.foods.tag_overrides() == {}


def test_a_correction_to_no_tags_is_kept_apart_from_no_correction(uow):
    uow.foods.set_tag_override(BUTTER, frozenset())
    assert uow.foods.tag_overrides() == {BUTTER: frozenset()}


def test_tag_corrections_can_be_asked_for_some_foods(uow):
    uow.foods.set_tag_override(BUTTER, frozenset({Tag.MILK}))
    uow.foods.set_tag_override(EGG, frozenset({Tag.EGG}))
    assert uow.foods.tag_overrides([EGG, BANANA]) == {EGG: frozenset({Tag.EGG})}
    assert uow.foods.tag_overrides([]) == {}


def test_a_tag_correction_of_an_unknown_food_is_refused(uow):
    with pytest.raises(NotFound, match="There is no food with id 99999999."):
        uow.foods.set_tag_override(UNKNOWN_FOOD, frozenset({Tag.MILK}))


def test_tag_corrections_belong_to_one_workspace(make_uow):
    with make_uow("north") as north:
        north.foods.set_tag_override(BUTTER, frozenset({Tag.MILK}))
        north.commit()
    with make_uow("south") as south:
        assert south.foods.tag_overrides() == {}
        south.foods.set_tag_override(BUTTER, None)  # removes nothing of north's
        south.foods.set_tag_override(EGG, frozenset({Tag.EGG}))
        south.commit()
    with make_uow("north") as north:
        assert north.foods.tag_overrides() == {BUTTER: frozenset({Tag.MILK})}


# Both adapters, side by side


QUERIES = [
    "butter salted",
    "egg",
    "chicken breast roasted",
    "blueberries",
    "milk 2%",
    "cheese",
    "apple",
    "salt",
    "oil olive",
    "beef ground",
]


def test_the_memory_fake_ranks_every_match_as_duckdb_does(contract_database, memory_foods):
    conn = database.connect(contract_database, read_only=True)
    try:
        duckdb_foods = DuckDBFoodCatalog(conn, "local")
        for query in QUERIES:
            for group in (None, "0100"):
                expected = duckdb_foods.search(query, group, limit=10_000)
                assert memory_foods.search(query, group, limit=10_000) == expected, query
        some = [BUTTER, EGG, BANANA, 5064, 20081]
        assert memory_foods.nutrients_per_100g(some).equals(duckdb_foods.nutrients_per_100g(some))
        assert memory_foods.get_many(some) == duckdb_foods.get_many(some)
    finally:
        conn.close()
