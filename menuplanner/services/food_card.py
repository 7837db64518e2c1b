"""One food, whole, for `menuplanner foods show` (and anyone else who wants it in one piece):
its dataset and group, where its energy comes from, what it contains for allergy and diet
checks, its household measures, and every nutrient per 100 g and per each measure."""

from __future__ import annotations

from dataclasses import dataclass

from menuplanner.domain.errors import MenuplannerError, NotFound
from menuplanner.domain.foods import Food
from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.ports import FoodCatalog
from menuplanner.ports_datasets import DatasetStore
from menuplanner.services.foods import FoodTags, food_tags

AS_PUBLISHED = "as published by the food table"
MAX_LISTED = 10


@dataclass(frozen=True)
class FoodCard:
    food: Food
    group_name: str
    energy_source: str
    tags: FoodTags
    per_100g: dict[str, float | None]  # by nutrient key, None where the table has no value

    def per_measure(self, grams: float) -> dict[str, float | None]:
        return {
            key: None if value is None else value * grams / 100.0
            for key, value in self.per_100g.items()
        }


def find_food(catalog: FoodCatalog, wanted: str) -> int:
    """The food an id or a name means: its id; a name must match one food (its whole name, or
    the only search hit), else a sentence listing the candidates."""
    text = wanted.strip()
    if text.isdigit():
        return catalog.get(int(text)).food_id  # NotFound: "There is no food with id …"
    page = catalog.search(text, limit=MAX_LISTED)
    exact = [h for h in page.hits if h.name.casefold() == text.casefold()]
    if len(exact) == 1 or (page.total == 1 and page.hits):
        return (exact or page.hits)[0].food_id
    if not page.hits:
        raise NotFound(f"No food matches {text!r}; try fewer words, or `menuplanner foods search`.")
    listed = "; ".join(f"{h.food_id} {h.name}" for h in page.hits)
    more = f" (the first {len(page.hits)} of {page.total:,})" if page.total > len(page.hits) else ""
    raise MenuplannerError(
        f"{text!r} matches {page.total:,} foods; give the id of one{more}: {listed}."
    )


def food_card(catalog: FoodCatalog, datasets: DatasetStore, food_id: int) -> FoodCard:
    food = catalog.get(food_id)
    groups = {g.code: g.name for g in catalog.groups()}
    row = catalog.nutrients_per_100g([food_id]).row(0, named=True)
    per_100g = {n.key: row.get(n.key) for n in NUTRIENTS}
    note = datasets.notes(food_id).get("energy_kcal", "")
    return FoodCard(
        food,
        groups.get(food.group_code, food.group_code),
        note or AS_PUBLISHED,
        food_tags(catalog, food_id),
        per_100g,
    )
