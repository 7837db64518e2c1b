"""In-memory fake of menuplanner.export.ports.ImportedFoods, beside the other fakes
(store/memory/). Like the reference foods it adds to, it is not undone by a rollback. The
foods it adds belong to the unit of work's workspace: no other workspace sees them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import polars as pl

from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food, FoodGroup
from menuplanner.domain.nutrients import KEYS
from menuplanner.export.ports import ExchangeUnitOfWork, ImportedFoods
from menuplanner.store.memory.foods import MemoryFoodCatalog
from menuplanner.store.memory.uow import MemoryDatabase, MemoryUnitOfWork


class MemoryImportedFoods(ImportedFoods):
    def __init__(
        self, database: MemoryDatabase, workspace: str, *open_catalogs: MemoryFoodCatalog
    ) -> None:
        self._database = database
        self._workspace = workspace
        self._catalogs = (database.foods, *open_catalogs)  # copies an open unit of work reads

    def _own(self) -> set[str]:
        return self._database.imported_datasets.setdefault(self._workspace, set())

    def new_dataset(self, name: str, licence: str) -> str:
        base = self._database.foods
        taken = {f.dataset for i, f in base._foods.items() if i not in base._owners}
        taken |= self._own()
        chosen, number = name, 2
        while chosen in taken:
            chosen, number = f"{name} ({number})", number + 1
        self._own().add(chosen)
        return chosen

    def add_food(
        self, dataset: str, food: Food, group_name: str, per_100g: Mapping[str, float]
    ) -> int:
        if dataset not in self._own():
            raise NotFound(f"There is no dataset named {dataset!r}.")
        base = self._database.foods
        food_id = max(base._foods, default=0) + 1
        group_code = food.group_code
        if group_code not in {g.code for g in self._catalogs[-1].groups()}:  # as DuckDB's
            group_code = f"D:{dataset}:{group_code}"
        stored = dataclasses.replace(food, food_id=food_id, dataset=dataset, group_code=group_code)
        row = pl.DataFrame(
            [{"food_id": food_id, **{k: per_100g.get(k) for k in KEYS}}],
            schema={"food_id": pl.Int64, **{k: pl.Float64 for k in KEYS}},
        )
        nutrients = pl.concat([base._nutrients, row], how="diagonal_relaxed")
        base.add_owned(stored, self._workspace)  # the open catalogs share its dicts
        for catalog in self._catalogs:
            catalog._nutrients = nutrients
            catalog._groups.setdefault(group_code, FoodGroup(group_code, group_name))
        return food_id


class MemoryExchangeUnitOfWork(MemoryUnitOfWork, ExchangeUnitOfWork):
    def _begin(self) -> None:
        super()._begin()
        self.imported_foods = MemoryImportedFoods(self.database, self.workspace, self.foods)
