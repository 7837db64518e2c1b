"""In-memory fake of menuplanner.export.ports.ImportedFoods, beside the other fakes
(store/memory.py). Like the reference foods it adds to, it is not undone by a rollback."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import polars as pl

from menuplanner.domain import search
from menuplanner.domain.foods import Food, FoodGroup
from menuplanner.domain.nutrients import KEYS
from menuplanner.export.ports import ExchangeUnitOfWork, ImportedFoods
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork


class MemoryImportedFoods(ImportedFoods):
    def __init__(self, database: MemoryDatabase, *open_catalogs: MemoryFoodCatalog) -> None:
        self._database = database
        self._catalogs = (database.foods, *open_catalogs)  # copies an open unit of work reads

    def new_dataset(self, name: str, licence: str) -> str:
        taken = {f.dataset for f in self._database.foods._foods.values()}
        taken |= getattr(self._database, "imported_datasets", set())
        chosen, number = name, 2
        while chosen in taken:
            chosen, number = f"{name} ({number})", number + 1
        self._database.imported_datasets = taken | {chosen}
        return chosen

    def add_food(
        self, dataset: str, food: Food, group_name: str, per_100g: Mapping[str, float]
    ) -> int:
        base = self._database.foods
        food_id = max(base._foods, default=0) + 1
        stored = dataclasses.replace(food, food_id=food_id, dataset=dataset)
        row = pl.DataFrame(
            [{"food_id": food_id, **{k: per_100g.get(k) for k in KEYS}}],
            schema={"food_id": pl.Int64, **{k: pl.Float64 for k in KEYS}},
        )
        nutrients = pl.concat([base._nutrients, row], how="diagonal_relaxed")
        for catalog in self._catalogs:
            catalog._foods[food_id] = stored
            catalog._search_text[food_id] = search.search_text(food.name)
            catalog._nutrients = nutrients
            catalog._groups.setdefault(food.group_code, FoodGroup(food.group_code, group_name))
        return food_id


class MemoryExchangeUnitOfWork(MemoryUnitOfWork, ExchangeUnitOfWork):
    def _begin(self) -> None:
        super()._begin()
        self.imported_foods = MemoryImportedFoods(self.database, self.foods)
