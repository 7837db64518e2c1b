"""What importing a menu file needs from storage beyond the main ports: adding the file's foods,
with their nutrient values, to the reference data when this database lacks them."""

from __future__ import annotations

import abc
from collections.abc import Mapping

from menuplanner.domain.foods import Food
from menuplanner.ports import UnitOfWork


class ImportedFoods(abc.ABC):
    """Foods brought in by a menu file, in a dataset of their own that belongs to the unit of
    work's workspace (no other workspace sees it, as with any import)."""

    @abc.abstractmethod
    def new_dataset(self, name: str, licence: str) -> str:
        """Create a dataset of the workspace called `name`, or `name (2)`, `name (3)`… when the
        workspace sees one of that name already; returns the name given."""

    @abc.abstractmethod
    def add_food(
        self, dataset: str, food: Food, group_name: str, per_100g: Mapping[str, float]
    ) -> int:
        """Store `food` (its portions included; its id is ignored) in the workspace's `dataset`
        with its nutrient values per 100 g, adding its food group when unknown; returns the new
        id."""


class ExchangeUnitOfWork(UnitOfWork):
    """A unit of work that can also add imported foods, in the same transaction."""

    imported_foods: ImportedFoods
