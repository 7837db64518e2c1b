"""Food tags from USDA SR26 groups and names, including the names that trap naive matching."""

from __future__ import annotations

import pytest

from menuplanner.domain.tagging import effective_tags, tags_for_food
from menuplanner.domain.tags import Tag

MILK, EGG, FISH, SHELLFISH, MOLLUSC = Tag.MILK, Tag.EGG, Tag.FISH, Tag.SHELLFISH, Tag.MOLLUSC
TREE_NUTS, PEANUTS, WHEAT, GLUTEN = Tag.TREE_NUTS, Tag.PEANUTS, Tag.WHEAT, Tag.GLUTEN
SOY, SESAME, MEAT, HONEY = Tag.SOY, Tag.SESAME, Tag.MEAT, Tag.HONEY


@pytest.mark.parametrize(
    ("name", "group", "tags"),
    [
        ("Butter, salted", "0100", {MILK}),
        ("Cheese, cheddar", "0100", {MILK}),
        ("Egg, whole, raw, fresh", "0100", {EGG}),
        ("Chicken, broilers or fryers, breast, meat only, cooked, roasted", "0500", {MEAT}),
        ("Crustaceans, shrimp, mixed species, raw", "1500", {SHELLFISH}),
        ("Mollusks, clam, mixed species, raw", "1500", {MOLLUSC}),
        ("Fish, salmon, Atlantic, farmed, raw", "1500", {FISH}),
        ("Nuts, almonds", "1200", {TREE_NUTS}),
        ("Peanut butter, smooth style, with salt", "1600", {PEANUTS}),
        ("Soymilk, original and vanilla, unfortified", "1600", {SOY}),
        ("Tofu, raw, firm, prepared with calcium sulfate", "1600", {SOY}),
        ("Seeds, sesame seeds, whole, dried", "1200", {SESAME}),
        ("Tahini", "1200", {SESAME}),
        ("Bread, whole-wheat, commercially prepared", "1800", {WHEAT, GLUTEN}),
        ("Pasta, fresh-refrigerated, plain, as purchased", "2000", {WHEAT, GLUTEN}),
        ("Honey", "1900", {HONEY}),
        ("Oil, peanut, salad or cooking", "0400", {PEANUTS}),
        ("Oil, soybean, salad or cooking", "0400", {SOY}),
        ("Cereals, oats, regular and quick, not fortified, dry", "0800", {GLUTEN}),
    ],
)
def test_plain_foods_get_the_tags_their_group_and_name_say(name, group, tags):
    assert tags_for_food(name, group) == frozenset(tags)


@pytest.mark.parametrize(
    ("name", "group", "tags"),
    [
        ("Squash, winter, butternut, raw", "1100", set()),  # not milk (butter), not a nut
        ("Soup, butternut squash, canned", "0600", set()),
        ("Spices, nutmeg, ground", "0200", set()),  # not a tree nut
        ("Nuts, coconut meat, raw", "1200", set()),  # coconut is no tree nut; no meat either
        ("Nuts, coconut milk, canned (liquid expressed from grated meat and water)", "1200", set()),
        ("Oil, cocoa butter", "0400", set()),  # no milk in it
        ("Buckwheat flour, whole-groat", "2000", set()),  # no wheat, no gluten
        ("Eggplant, raw", "1100", set()),  # not egg
        ("Fish, milkfish, raw", "1500", {FISH}),  # a fish, not milk
        ("Leavening agents, cream of tartar", "1800", set()),  # no milk, and not baked wheat
        ("Rice, white, long-grain, regular, raw, enriched", "2000", set()),  # no gluten
        ("Rice, white, glutinous, raw", "2000", set()),  # sticky, not gluten
        ("Oats", "2000", {GLUTEN}),  # conservative: most oats meet wheat
        ("Beverages, almond milk, sweetened, vanilla flavor, ready-to-drink", "1400", {TREE_NUTS}),
        ("Margarine, regular, 80% fat, composite, stick, with salt", "0400", set()),
        ("Water chestnuts, chinese, raw", "1100", set()),
        ("Cereals ready-to-eat, POST, GRAPE-NUTS Cereal", "0800", {GLUTEN}),  # no nuts
        ("Peanuts, all types, raw", "1600", {PEANUTS}),  # not a tree nut
        ("Egg, turkey, whole, fresh, raw", "0100", {EGG}),  # a turkey's egg is no meat
        ("Mushrooms, oyster, raw", "1100", set()),  # no mollusc
        ("Spices, pumpkin pie spice", "0200", set()),  # no pie crust, so no wheat
        ("Pumpkin pie mix, canned", "1100", set()),  # the filling only
        ("Wheat flour, white, cake, enriched", "2000", {WHEAT, GLUTEN}),  # cake flour: no egg
        ("Squash, winter, spaghetti, raw", "1100", set()),  # a squash, not pasta
        ("Lambs quarters, cooked, boiled, drained, with salt", "1100", set()),  # a leafy green
        ("Alcoholic beverage, creme de menthe, 72 proof", "1400", set()),  # no cream in it
        ("Beverages, QUAKER OATS, Propel Zero, fruit-flavored, non-carbonated", "1400", set()),
        ("PACE, Jalapenos Nacho Sliced Peppers", "1100", set()),  # sliced for nachos
    ],
)
def test_names_that_trap_naive_matching_are_tagged_right(name, group, tags):
    assert tags_for_food(name, group) == frozenset(tags)


def test_a_cheese_pizza_has_milk_wheat_and_gluten():
    assert tags_for_food("Pizza, cheese topping, regular crust, frozen, cooked", "2100") == {
        MILK,
        WHEAT,
        GLUTEN,
    }


def test_a_meat_lasagna_has_meat_wheat_gluten_and_milk():
    assert tags_for_food("Lasagna with meat & sauce, frozen entree", "2200") == {
        MEAT,
        WHEAT,
        GLUTEN,
        MILK,
    }


def test_pasta_flour_and_tortillas_of_other_grains_have_no_wheat():
    assert tags_for_food("Rice noodles, cooked", "2000") == frozenset()
    assert tags_for_food("Pasta, corn, dry", "2000") == frozenset()
    assert tags_for_food("Tortillas, ready-to-bake or -fry, corn", "1800") == frozenset()
    assert tags_for_food("Tortillas, ready-to-bake or -fry, flour", "1800") == {WHEAT, GLUTEN}


def test_shoyu_has_wheat_but_tamari_does_not():
    assert tags_for_food("Soy sauce made from soy and wheat (shoyu)", "1600") == {
        SOY,
        WHEAT,
        GLUTEN,
    }
    assert tags_for_food("Soy sauce made from soy (tamari)", "1600") == {SOY}


def test_a_gluten_free_bread_has_no_wheat_or_gluten():
    name = "Bread, gluten-free, white, made with rice flour, corn starch, and/or tapioca"

    assert tags_for_food(name, "1800") == frozenset()


def test_what_a_name_says_is_left_out_is_not_tagged():
    mixed_nuts = "Nuts, mixed nuts, oil roasted, without peanuts, with salt added"

    assert tags_for_food(mixed_nuts, "1200") == {TREE_NUTS}
    assert tags_for_food("Pasta, homemade, made without egg, cooked", "2000") == {WHEAT, GLUTEN}


def test_meat_analogues_are_not_meat():
    assert tags_for_food("Chicken, meatless", "1600") == frozenset()
    assert tags_for_food("Fish sticks, meatless", "1600") == frozenset()
    analogue = "WORTHINGTON Smoked Turkey Roll, frozen, unprepared"
    assert tags_for_food(analogue, "1600") == frozenset()


def test_beans_baked_with_pork_are_meat_although_legumes():
    assert tags_for_food("Beans, baked, canned, with pork", "1600") == {MEAT}


def test_matching_ignores_case_accents_and_punctuation():
    assert tags_for_food("CRÈME FRAÎCHE", "") == {MILK}
    assert tags_for_food("peanut-butter cookies", "") == {PEANUTS, WHEAT, GLUTEN}


def test_a_user_override_replaces_what_the_rules_say():
    overrides = {42: frozenset({SOY}), 43: frozenset()}

    assert effective_tags(42, "Butter, salted", "0100", overrides) == {SOY}
    assert effective_tags(43, "Butter, salted", "0100", overrides) == frozenset()


def test_without_an_override_the_rules_decide():
    assert effective_tags(7, "Butter, salted", "0100", {42: frozenset({SOY})}) == {MILK}
