"""The in-memory food catalogue: the shared reference foods, and imported foods each seen by
the one workspace that owns them."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Collection, Mapping, Sequence

import polars as pl

from menuplanner.domain import search
from menuplanner.domain.drinks import is_poured_measure, poured_measures
from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food, FoodGroup
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.tags import Tag
from menuplanner.ports import FoodCatalog, FoodHit, SearchPage


class MemoryFoodCatalog(FoodCatalog):
    """Foods from a dict. `common` lists the foods in USDA's dietary survey; `common_names`
    holds extra names searched along with a food's name (SR26's ComName). `owners` gives the
    workspace of imported foods (others are shared); a catalog sees the shared foods and those
    of its `workspace` (see `for_workspace`), and no other food at all."""

    def __init__(
        self,
        foods: Mapping[int, Food],
        nutrients: pl.DataFrame | None = None,
        groups: Sequence[FoodGroup] = (),
        *,
        common: Collection[int] = (),
        common_names: Mapping[int, str] | None = None,
        tag_overrides: dict[int, frozenset[Tag]] | None = None,
        owners: dict[int, str] | None = None,
        workspace: str | None = None,
    ) -> None:
        self._foods = dict(foods)
        self._owners = {} if owners is None else owners  # shared with for_workspace copies
        self._workspace = workspace
        self._nutrients = nutrients if nutrients is not None else pl.DataFrame({"food_id": []})
        self._groups = {g.code: g for g in groups}
        self._common = frozenset(common)
        names = common_names or {}
        self._search_text = {
            i: search.search_text(f"{f.name} {names.get(i, '')}") for i, f in self._foods.items()
        }
        self._tag_overrides = {} if tag_overrides is None else tag_overrides

    def for_workspace(
        self, workspace: str, tag_overrides: dict[int, frozenset[Tag]]
    ) -> MemoryFoodCatalog:
        """The same foods as one workspace sees them, with its corrections (shared, not
        copied)."""
        catalog = copy.copy(self)
        catalog._workspace = workspace
        catalog._tag_overrides = tag_overrides
        return catalog

    def copied(self) -> MemoryFoodCatalog:
        """An independent copy: adding foods to it leaves this catalog as it is."""
        catalog = copy.copy(self)
        catalog._foods, catalog._search_text = dict(self._foods), dict(self._search_text)
        catalog._owners, catalog._groups = dict(self._owners), dict(self._groups)
        return catalog

    def add_owned(self, food: Food, owner: str) -> None:
        """Add an imported food that only `owner` sees."""
        self._foods[food.food_id] = food
        self._search_text[food.food_id] = search.search_text(food.name)
        self._owners[food.food_id] = owner

    def _sees(self, food_id: int) -> bool:
        return food_id in self._foods and self._owners.get(food_id) in (None, self._workspace)

    def search(
        self, query: str, group_code: str | None = None, limit: int = 25, offset: int = 0
    ) -> SearchPage:
        terms = search.query_terms(query)
        hits = [
            self._hit(food)
            for food_id, food in self._foods.items()
            if self._sees(food_id)
            and search.matches(self._search_text[food_id], terms)
            and (not group_code or food.group_code == group_code)
        ]
        hits.sort(
            key=lambda h: search.rank_key(
                h.name, h.group_code, h.is_branded, h.is_common, h.portion_count, terms
            )
        )
        return SearchPage(hits[offset : offset + limit], len(hits))

    def _hit(self, food: Food) -> FoodHit:
        group = self._groups.get(food.group_code)
        return FoodHit(
            food.food_id,
            food.name,
            food.group_code,
            group.name if group else "",
            food.dataset,
            food.is_branded,
            food.food_id in self._common,
            sum(not is_poured_measure(p) for p in food.portions),  # the table's own
        )

    def get(self, food_id: int) -> Food:
        if not self._sees(food_id):
            raise NotFound(f"There is no food with id {food_id}.")
        return _poured(self._foods[food_id])

    def get_many(self, food_ids: Sequence[int]) -> dict[int, Food]:
        return {int(i): _poured(self._foods[int(i)]) for i in food_ids if self._sees(int(i))}

    def groups(self) -> list[FoodGroup]:
        """Every group, except one whose foods all belong to other workspaces."""
        codes = {f.group_code for i, f in self._foods.items() if self._sees(i)}
        hidden = {f.group_code for f in self._foods.values()} - codes
        return sorted(
            (g for g in self._groups.values() if g.code not in hidden), key=lambda g: g.name
        )

    def count(self) -> int:
        return sum(1 for food_id in self._foods if self._sees(food_id))

    def nutrients_per_100g(self, food_ids: Sequence[int]) -> pl.DataFrame:
        ids = list(dict.fromkeys(int(i) for i in food_ids))
        wide = pl.DataFrame({"food_id": ids}, schema={"food_id": pl.Int64})
        seen = [i for i in ids if self._sees(i)]
        known = self._nutrients.cast({"food_id": pl.Int64}).filter(pl.col("food_id").is_in(seen))
        wide = wide.join(known, on="food_id", how="left", maintain_order="left")
        return wide.select(
            "food_id",
            *(
                pl.col(k).cast(pl.Float64)
                if k in wide.columns
                else pl.lit(None, pl.Float64).alias(k)
                for k in KEYS
            ),
        )

    def tag_overrides(self, food_ids: Sequence[int] | None = None) -> dict[int, frozenset[Tag]]:
        wanted = self._tag_overrides.keys() if food_ids is None else {int(i) for i in food_ids}
        return {i: tags for i, tags in self._tag_overrides.items() if i in wanted}

    def set_tag_override(self, food_id: int, tags: frozenset[Tag] | None) -> None:
        self.get(food_id)
        if tags is None:
            self._tag_overrides.pop(food_id, None)
        else:
            self._tag_overrides[food_id] = frozenset(Tag(t) for t in tags)


def _poured(food: Food) -> Food:
    """The food with the measures drinks are poured in, as the SQL stores read it."""
    portions = poured_measures(food.name, food.portions)
    return food if portions == food.portions else dataclasses.replace(food, portions=portions)
