"""What a food contains, as tags, and what allergies and diets forbid.

Tags come from documented rules over food groups and names (see `menuplanner.domain.tagging`);
a user can correct a food's tags and the correction replaces the rules' answer for that food.
"""

from __future__ import annotations

from enum import StrEnum


class Tag(StrEnum):
    MILK = "milk"
    EGG = "egg"
    FISH = "fish"
    SHELLFISH = "shellfish"  # crustacean shellfish
    MOLLUSC = "mollusc"
    TREE_NUTS = "tree_nuts"
    PEANUTS = "peanuts"
    WHEAT = "wheat"
    GLUTEN = "gluten"  # wheat, barley, rye, spelt and their products
    SOY = "soy"
    SESAME = "sesame"
    MEAT = "meat"  # red meat, poultry, game, and products made from them (gelatin, lard)
    HONEY = "honey"


TAG_LABELS = {
    Tag.MILK: "Milk",
    Tag.EGG: "Egg",
    Tag.FISH: "Fish",
    Tag.SHELLFISH: "Crustacean shellfish",
    Tag.MOLLUSC: "Molluscs",
    Tag.TREE_NUTS: "Tree nuts",
    Tag.PEANUTS: "Peanuts",
    Tag.WHEAT: "Wheat",
    Tag.GLUTEN: "Gluten",
    Tag.SOY: "Soy",
    Tag.SESAME: "Sesame",
    Tag.MEAT: "Meat or poultry",
    Tag.HONEY: "Honey",
}


class Allergen(StrEnum):
    MILK = "milk"
    EGG = "egg"
    FISH = "fish"
    SHELLFISH = "shellfish"
    TREE_NUTS = "tree_nuts"
    PEANUTS = "peanuts"
    WHEAT = "wheat"  # wheat / gluten
    SOY = "soy"
    SESAME = "sesame"

    @property
    def label(self) -> str:
        return ALLERGEN_LABELS[self]


ALLERGEN_LABELS = {
    Allergen.MILK: "Milk",
    Allergen.EGG: "Egg",
    Allergen.FISH: "Fish",
    Allergen.SHELLFISH: "Crustacean shellfish",
    Allergen.TREE_NUTS: "Tree nuts",
    Allergen.PEANUTS: "Peanuts",
    Allergen.WHEAT: "Wheat / gluten",
    Allergen.SOY: "Soy",
    Allergen.SESAME: "Sesame",
}


class Diet(StrEnum):
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    PESCATARIAN = "pescatarian"
    GLUTEN_FREE = "gluten_free"
    DAIRY_FREE = "dairy_free"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


# An allergy to wheat is treated as avoiding gluten too: the issue names them together.
FORBIDDEN_BY_ALLERGEN: dict[Allergen, frozenset[Tag]] = {
    Allergen.MILK: frozenset({Tag.MILK}),
    Allergen.EGG: frozenset({Tag.EGG}),
    Allergen.FISH: frozenset({Tag.FISH}),
    Allergen.SHELLFISH: frozenset({Tag.SHELLFISH}),
    Allergen.TREE_NUTS: frozenset({Tag.TREE_NUTS}),
    Allergen.PEANUTS: frozenset({Tag.PEANUTS}),
    Allergen.WHEAT: frozenset({Tag.WHEAT, Tag.GLUTEN}),
    Allergen.SOY: frozenset({Tag.SOY}),
    Allergen.SESAME: frozenset({Tag.SESAME}),
}

FORBIDDEN_BY_DIET: dict[Diet, frozenset[Tag]] = {
    Diet.VEGETARIAN: frozenset({Tag.MEAT, Tag.FISH, Tag.SHELLFISH, Tag.MOLLUSC}),
    Diet.VEGAN: frozenset(
        {Tag.MEAT, Tag.FISH, Tag.SHELLFISH, Tag.MOLLUSC, Tag.MILK, Tag.EGG, Tag.HONEY}
    ),
    Diet.PESCATARIAN: frozenset({Tag.MEAT}),
    Diet.GLUTEN_FREE: frozenset({Tag.GLUTEN, Tag.WHEAT}),
    Diet.DAIRY_FREE: frozenset({Tag.MILK}),
}
