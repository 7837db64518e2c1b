"""Food look-ups for the Foods page, the CLI and notebooks: search, a portion's nutrients,
where the energy comes from, and side-by-side comparison."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from menuplanner.domain import search, units
from menuplanner.domain.composition import food_composition
from menuplanner.domain.constraints import unverified_note
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.nutrients import NUTRIENTS, NutrientGroup
from menuplanner.domain.planning_search import is_product, names_head, planning_key
from menuplanner.domain.tags import Tag
from menuplanner.nutrition.energy import EnergySplit, energy_split, is_alcoholic_name
from menuplanner.ports import FoodCatalog, SearchPage, UnitOfWork

PER_100G = "100 g"
MAX_COMPARED = 4
PLANNING_POOL = 60  # matches re-ordered for planning: the plain rank's first


def search_for_planning(catalog: FoodCatalog, query: str, limit: int) -> SearchPage:
    """The first `limit` matches with the forms people eat first (domain/planning_search.py),
    for the menu builder, recipes and rules; the Foods explorer uses the plain ranking."""
    found = catalog.search(query, limit=max(limit, PLANNING_POOL))
    terms = search.query_terms(query)
    plain_named = any(
        not is_product(h.group_code) and names_head(h.name, terms) for h in found.hits
    )
    ordered = sorted(
        enumerate(found.hits),
        key=lambda pair: planning_key(
            pair[1].name, pair[1].group_code, terms, pair[0], plain_named
        ),
    )
    return SearchPage([hit for _, hit in ordered][:limit], found.total)


@dataclass(frozen=True)
class PortionChoice:
    """One entry of a food's portion picker: '100 g', 'grams', or a household measure."""

    label: str
    unit: str  # "g" or the portion's description
    quantity: float  # how many `unit` this choice means by default

    @staticmethod
    def for_food(food: Food) -> list[PortionChoice]:
        choices = [PortionChoice(PER_100G, "g", 100.0)]
        choices += [_portion_choice(p) for p in food.portions]
        return choices


def _portion_choice(portion: Portion) -> PortionChoice:
    grams = f"{portion.gram_weight:g} g"
    return PortionChoice(f"{portion.label} ({grams})", portion.description, portion.amount)


@dataclass(frozen=True)
class FoodPanel:
    food: Food
    grams: float
    nutrients: pl.DataFrame  # group, nutrient, name, unit, decimals, per_100g, amount
    energy: EnergySplit


def food_panel(catalog: FoodCatalog, food_id: int, quantity: float, unit: str) -> FoodPanel:
    """Nutrients of `quantity` × `unit` of one food; raises NotFound / InvalidAmount."""
    food = catalog.get(food_id)
    grams = units.to_grams(quantity, unit, food.portions)
    per_100g = catalog.nutrients_per_100g([food_id]).row(0, named=True)
    rows = nutrient_rows(per_100g, grams)
    amounts = dict(zip(rows["nutrient"], rows["amount"], strict=True))
    split = energy_split(amounts, is_alcoholic=is_alcoholic_name(food.name))
    return FoodPanel(food, grams, rows, split)


def nutrient_rows(per_100g: dict[str, float | None], grams: float) -> pl.DataFrame:
    catalogue = pl.DataFrame(
        {
            "group": [n.group.value for n in NUTRIENTS],
            "nutrient": [n.key for n in NUTRIENTS],
            "name": [n.name for n in NUTRIENTS],
            "unit": [n.unit for n in NUTRIENTS],
            "decimals": [n.decimals for n in NUTRIENTS],
            "per_100g": [per_100g.get(n.key) for n in NUTRIENTS],
        },
        schema_overrides={"per_100g": pl.Float64},
    )
    return catalogue.with_columns((pl.col("per_100g") * grams / 100.0).alias("amount"))


@dataclass(frozen=True)
class Compared:
    food_id: int
    label: str  # food name and portion, as a chart legend shows it
    grams: float


def compare_foods(
    catalog: FoodCatalog, selections: Sequence[tuple[int, float, str]]
) -> tuple[list[Compared], pl.DataFrame]:
    """Up to four foods, each in (food_id, quantity, unit). Returns the foods and a long frame:
    label, nutrient, name, unit, group, amount (for that portion)."""
    if len(selections) > MAX_COMPARED:
        raise ValueError(f"Compare at most {MAX_COMPARED} foods at a time.")
    foods = catalog.get_many([food_id for food_id, _, _ in selections])
    per_100g = catalog.nutrients_per_100g([food_id for food_id, _, _ in selections])
    compared, frames = [], []
    for food_id, quantity, unit in selections:
        food = foods[food_id]
        grams = units.to_grams(quantity, unit, food.portions)
        label = (
            f"{food.name} ({quantity:g} {unit})" if unit != "g" else f"{food.name} ({grams:g} g)"
        )
        compared.append(Compared(food_id, label, grams))
        row = per_100g.filter(pl.col("food_id") == food_id).row(0, named=True)
        frames.append(nutrient_rows(row, grams).with_columns(pl.lit(label).alias("label")))
    return compared, pl.concat(frames) if frames else pl.DataFrame()


def groups_in_panel_order() -> list[str]:
    return [g.value for g in NutrientGroup]


@dataclass(frozen=True)
class FoodTags:
    by_rules: frozenset[Tag]  # what the documented rules say it contains
    effective: frozenset[Tag]  # what allergy and diet checks use
    corrected: bool  # a person confirmed or corrected the tags in this workspace
    unverified: frozenset[Tag] = frozenset()  # may contain: only its label can tell
    note: str = ""  # "Allergens unverified: may contain …; check the label", or ""
    from_ingredients: bool = False  # read from the food's ingredient list


def food_tags(catalog: FoodCatalog, food_id: int) -> FoodTags:
    food = catalog.get(food_id)
    overrides = catalog.tag_overrides([food_id])
    by_rules = food_composition(food, {})
    effective = food_composition(food, overrides)
    return FoodTags(
        by_rules.contains,
        effective.contains,
        effective.confirmed,
        effective.unverified,
        unverified_note(effective),
        effective.from_ingredients,
    )


def correct_tags(uow: UnitOfWork, food_id: int, tags: frozenset[Tag] | None) -> None:
    """Store what the food really contains (None: back to the rules); it sticks for every
    later check in this workspace."""
    with uow:
        uow.foods.set_tag_override(food_id, tags)
        uow.commit()
