"""Hidden sources over the whole bundled catalogue: processed foods the first rules missed
(margarine, traditional refried beans, drink mixes, seasonings, frozen fries, fresh pasta, baby
food dinners) and plain foods they suspected for no reason (bottled water, plain tofu, cabbage
"danish", beef "for stew"). Names and groups as in data/usda-sr26/FOOD_DES.txt (issue 12)."""

from __future__ import annotations

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.composition import composition_of
from menuplanner.domain.constraints import problems
from menuplanner.domain.tags import Allergen, Diet, Tag

A, D = Allergen, Diet


def client(diets=(), allergies=()) -> Client:
    return Client("Client", Sex.FEMALE, diets=frozenset(diets), allergies=frozenset(allergies))


def reasons(name: str, group: str, who: Client) -> list[str]:
    return [v.reason for v in problems(composition_of(name, group), [name], who)]


@pytest.mark.parametrize(
    ("name", "group", "who", "reason"),
    [
        (
            "Margarine, regular, 80% fat, composite, stick, with salt",
            "0400",
            client(diets=[D.DAIRY_FREE]),
            "Not verified dairy-free: may contain milk (margarine or spread); check the label",
        ),
        (
            "Refried beans, canned, traditional style (includes USDA commodity)",
            "1600",
            client(diets=[D.VEGETARIAN]),
            "Not verified vegetarian: may contain meat (refried beans, often made with lard); "
            "check the label",
        ),
        (
            "Cocoa mix, powder",
            "1400",
            client(allergies=[A.SOY]),
            "Allergens unverified: may contain soy (drink mix, shake or protein powder); "
            "check the label",
        ),
        (
            "Beverages, Protein powder soy based",
            "1400",
            client(allergies=[A.MILK]),
            "Allergens unverified: may contain milk (drink mix, shake or protein powder); "
            "check the label",
        ),
        (
            "Seasoning mix, dry, taco, original",
            "0200",
            client(allergies=[A.WHEAT]),
            "Allergens unverified: may contain wheat and gluten (seasoning, glaze or dry mix); "
            "check the label",
        ),
        (
            "Egg Mix, USDA Commodity",  # eggs with nonfat dry milk
            "0100",
            client(allergies=[A.MILK]),
            "Allergens unverified: may contain milk (seasoning, glaze or dry mix); check the label",
        ),
        (
            "Turkey roast, boneless, frozen, seasoned, light and dark meat, roasted",
            "0500",
            client(allergies=[A.SOY]),
            "Allergens unverified: may contain soy (seasoning, glaze or dry mix); check the label",
        ),
        (
            "Potatoes, french fried, all types, salt added in processing, frozen, home-prepared, "
            "oven heated",
            "1100",
            client(diets=[D.GLUTEN_FREE]),
            "Not verified gluten-free: may contain wheat and gluten (fried potato product); "
            "check the label",
        ),
        (
            "Pasta, fresh-refrigerated, plain, cooked",
            "2000",
            client(allergies=[A.EGG]),
            "Allergens unverified: may contain egg (fresh pasta); check the label",
        ),
        (
            "Falafel, home-prepared",
            "1600",
            client(allergies=[A.WHEAT]),
            "Allergens unverified: may contain wheat and gluten (mixed dish); check the label",
        ),
        (
            "Babyfood, dinner, vegetables and beef, strained",
            "0300",
            client(allergies=[A.MILK]),
            "Allergens unverified: may contain milk (baby food dinner, cereal, dessert or snack); "
            "check the label",
        ),
        (
            "V8 SPLASH Smoothies, Peach Mango",  # a brand's smoothie is more than juice
            "1400",
            client(diets=[D.VEGAN]),
            "Not verified vegan: may contain milk and egg (branded product); check the label",
        ),
    ],
)
def test_processed_foods_whose_names_hide_an_allergen_are_unverified(name, group, who, reason):
    assert reasons(name, group, who) == [reason]


@pytest.mark.parametrize(
    ("name", "group", "contains"),
    [
        ("Cabbage, common (danish, domestic, and pointed types), freshly harvest, raw", "1100", ()),
        ("Beef, chuck for stew, separable lean and fat, all grades, raw", "1300", {Tag.MEAT}),
        ("Spices, pumpkin pie spice", "0200", ()),
        ("Wheat flour, white, cake, enriched", "2000", {Tag.WHEAT, Tag.GLUTEN}),
        ("Guava sauce, cooked", "0900", ()),
        ("Tomato sauce, canned, no salt added", "1100", ()),
        ("Water, bottled, PERRIER", "1400", ()),
        ("V8 SPLASH Juice Drinks, Berry Blend", "1400", ()),
        ("MORI-NU, Tofu, silken, firm", "1600", {Tag.SOY}),
        ("Wheat, KAMUT khorasan, cooked", "2000", {Tag.WHEAT, Tag.GLUTEN}),  # a grain, no brand
        ("Snacks, popcorn, home-prepared, oil-popped, unsalted", "2500", ()),
        ("Crackers, matzo, plain", "1800", {Tag.WHEAT, Tag.GLUTEN}),  # flour and water
        ("Refried beans, canned, vegetarian", "1600", ()),
        ("Refried beans, canned, fat-free", "1600", ()),  # no lard in it
        ("Babyfood, fruit, applesauce, strained", "0300", ()),
        ("Babyfood, vegetables, carrots, strained", "0300", ()),
    ],
)
def test_plain_foods_are_not_suspected(name, group, contains):
    composition = composition_of(name, group)
    assert composition.unverified == frozenset()
    assert composition.contains == frozenset(contains)


def test_a_non_dairy_margarine_is_not_suspected_of_milk():
    margarine = composition_of(
        "Margarine, industrial, non-dairy, cottonseed, soy oil (partially hydrogenated ), "
        "for flaky pastries",
        "0400",
    )
    assert margarine.contains == {Tag.SOY} and margarine.unverified == frozenset()
