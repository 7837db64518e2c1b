"""Recipes: ingredients in grams or household measures, and a number of servings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Ingredient:
    food_id: int
    quantity: float
    unit: str  # "g", another mass unit, or one of the food's household measures
    grams: float  # `quantity` of `unit` resolved with the food's portions
    food_name: str = ""


@dataclass(slots=True)
class Recipe:
    name: str
    servings: float
    ingredients: list[Ingredient] = field(default_factory=list)
    method: str = ""
    is_demo: bool = False
    recipe_id: int | None = None
