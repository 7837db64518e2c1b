"""The roles a recipe fills in a meal, from its ingredients: an ingredient of 30 g or more per
serving fills the role of its kind, so "Salmon with potatoes and green beans" is a main, a starch
and a vegetable, and a meal holding it has room for no other main or starch.

Ingredient (USDA group, words of its name)                | Role
--------------------------------------------------------- | ---------
meat, poultry, fish, sausages (0500 0700 1000 1300 1500   | main
1700), eggs, pulses and tofu (1600)                       |
potatoes, sweet potatoes, yams (1100); grains, pasta,      | starch
bread (1800 2000)                                         |
breakfast cereals (0800), oats, granola, muesli (2000)     | cereal
other vegetables (1100)                                   | vegetable
fruit (0900)                                              | fruit
yogurt, cottage cheese (0100)                             | dairy
cheese (0100)                                             | cheese
milk (0100)                                               | milk

At lunch and dinner fruit in a dish is part of the dish (chicken with apricots), not a fruit
on the plate: it fills no role there (no lunch or dinner pattern has fruit, patterns.toml).
A recipe named a soup, stew or chowder is a soup rather than a main. A recipe whose ingredients
give no role is a main at lunch and dinner, a starch at breakfast; at a snack a recipe is one
snack food, whatever it holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from menuplanner.domain.search import words
from menuplanner.planning.meals import MealKind
from menuplanner.planning.suitability_rules import has, split

MIN_GRAMS_PER_SERVING = 30.0
_MAIN_GROUPS = frozenset("0500 0700 1000 1300 1500 1700 1600".split())
_STARCH_GROUPS = frozenset("1800 2000".split())
_STARCHY = split("potato|sweet potato|yam|plantain|cassava")
_SOUP = split("soup|stew|chowder|chili|broth")
_NOT_FOOD = split("oil|sauce|soy sauce|miso|broth|stock")
_NOT_FOOD_GROUPS = frozenset("0200 0400 0600 1900".split())  # spices, fats, sauces, sweets
_INGREDIENT = split("flour|starch")  # flour as such, not a flour tortilla (group 1800)


def ingredient_role(name: str, group: str) -> str | None:
    text = " " + " ".join(words(name)) + " "
    if group in _NOT_FOOD_GROUPS or has(text, _NOT_FOOD):
        return None
    if group != "1800" and has(text, _INGREDIENT):
        return None
    if has(text, ("avocado",)):
        return "fat"
    if group in _MAIN_GROUPS or (group == "0100" and has(text, ("egg",))):
        return "main"
    if group == "0800" or (group == "2000" and has(text, split("oat|oats|granola|muesli"))):
        return "cereal"
    if group in _STARCH_GROUPS or (group == "1100" and has(text, _STARCHY)):
        return "starch"
    if group == "1100":
        return "vegetable"
    if group == "0900":
        return "fruit"
    if group == "0100" and has(text, split("yogurt|kefir|cottage|ricotta")):
        return "dairy"
    if group == "0100" and has(text, ("cheese",)):
        return "cheese"
    if group == "0100" and has(text, ("milk",)):
        return "milk"
    return None


def recipe_roles(
    name: str, ingredients: Iterable[tuple[str, str, float]], servings: float, meal: MealKind
) -> tuple[str, ...]:
    """`ingredients`: (food name, USDA group, grams in the whole recipe)."""
    if meal == MealKind.SNACK:
        return ("snack",)
    found: list[str] = []
    for food, group, grams in ingredients:
        role = ingredient_role(food, group)
        per_serving = grams / servings if servings > 0 else 0.0
        if role == "fruit" and meal == MealKind.MAIN:
            continue
        if role and per_serving >= MIN_GRAMS_PER_SERVING and role not in found:
            found.append(role)
    if has(" " + " ".join(words(name)) + " ", _SOUP):
        found = ["soup"] + [r for r in found if r != "main"]
    if not found:
        found = ["main" if meal == MealKind.MAIN else "starch"]
    return tuple(found)
