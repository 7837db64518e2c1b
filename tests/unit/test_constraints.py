"""Allergies, diets and dislikes judged against a food's (or a recipe's) tags and names."""

from __future__ import annotations

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.constraints import Violation, violations
from menuplanner.domain.tagging import tags_for_food
from menuplanner.domain.tags import Allergen, Diet, Tag


def client(**rules) -> Client:
    return Client("Client", Sex.FEMALE, **rules)


def test_a_vegan_client_is_told_an_egg_is_not_vegan():
    vegan = client(diets=frozenset({Diet.VEGAN}))
    egg = tags_for_food("Egg, whole, raw, fresh", "0100")

    assert violations(egg, ["Egg, whole, raw, fresh"], vegan) == [
        Violation("diet", "Not vegan: contains egg")
    ]


def test_a_client_allergic_to_milk_is_warned_about_cheese():
    allergic = client(allergies=frozenset({Allergen.MILK}))

    assert violations(frozenset({Tag.MILK}), ["Cheese, cheddar"], allergic) == [
        Violation("allergy", "Contains milk — client is allergic to milk")
    ]


def test_a_dislike_matches_a_food_name_whatever_its_case_and_plural():
    dislikes_mushroom = client(dislikes=("mushroom",))

    assert violations(frozenset(), ["Mushrooms, white, raw"], dislikes_mushroom) == [
        Violation("dislike", "Client dislikes 'mushroom'")
    ]


def test_a_dislike_matches_whole_words_only():
    dislikes_egg_and_pea = client(dislikes=("egg", "pea"))

    assert (
        violations(frozenset(), ["Eggplant, raw", "Peanuts, all types, raw"], dislikes_egg_and_pea)
        == []
    )


def test_a_dislike_of_several_words_matches_an_inverted_usda_name():
    dislikes_blue_cheese = client(dislikes=("Blue cheese",))

    assert violations(frozenset(), ["Cheese, blue"], dislikes_blue_cheese) == [
        Violation("dislike", "Client dislikes 'Blue cheese'")
    ]
    assert violations(frozenset(), ["Cheese, cheddar"], dislikes_blue_cheese) == []


def test_a_wheat_allergy_allows_rice_but_not_bread_or_barley():
    allergic = client(allergies=frozenset({Allergen.WHEAT}))
    rice = "Rice, white, long-grain, regular, raw, enriched"
    bread = "Bread, whole-wheat, commercially prepared"
    barley = "Barley, pearled, raw"

    assert violations(tags_for_food(rice, "2000"), [rice], allergic) == []
    assert violations(tags_for_food(bread, "1800"), [bread], allergic) == [
        Violation("allergy", "Contains wheat and gluten — client is allergic to wheat / gluten")
    ]
    assert violations(tags_for_food(barley, "2000"), [barley], allergic) == [
        Violation("allergy", "Contains gluten — client is allergic to wheat / gluten")
    ]


def test_a_recipe_is_judged_by_all_its_ingredients_allergies_first():
    picky_vegan = client(
        allergies=frozenset({Allergen.TREE_NUTS}),
        diets=frozenset({Diet.VEGAN, Diet.GLUTEN_FREE}),
        dislikes=("coriander", "kale"),
    )
    ingredients = [
        "Pasta, cooked, enriched",
        "Nuts, walnuts, english",
        "Cheese, parmesan, grated",
        "Coriander (cilantro) leaves, raw",
    ]
    tags = frozenset({Tag.WHEAT, Tag.GLUTEN, Tag.TREE_NUTS, Tag.MILK})

    assert violations(tags, ingredients, picky_vegan) == [
        Violation("allergy", "Contains tree nuts — client is allergic to tree nuts"),
        Violation("diet", "Not vegan: contains milk"),
        Violation("diet", "Not gluten-free: contains wheat and gluten"),
        Violation("dislike", "Client dislikes 'coriander'"),
    ]


def test_several_forbidden_tags_are_listed_in_one_sentence():
    vegan = client(diets=frozenset({Diet.VEGAN}))
    custard_with_honey = frozenset({Tag.MILK, Tag.EGG, Tag.HONEY})

    assert violations(custard_with_honey, ["Custard"], vegan) == [
        Violation("diet", "Not vegan: contains milk, egg and honey")
    ]


def test_a_client_without_rules_has_no_violations():
    assert violations(frozenset(Tag), ["Anything at all"], client()) == []


def test_a_pescatarian_may_eat_fish_but_not_meat():
    pescatarian = client(diets=frozenset({Diet.PESCATARIAN}))

    assert violations(frozenset({Tag.FISH}), ["Fish, tuna"], pescatarian) == []
    assert violations(frozenset({Tag.MEAT}), ["Beef, ground"], pescatarian) == [
        Violation("diet", "Not pescatarian: contains meat")
    ]
