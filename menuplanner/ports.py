"""Ports: what the services need from storage. Adapters (DuckDB, in-memory fakes) implement them
and pass one shared contract suite (tests/contract/).

Every user-owned row belongs to a workspace; a unit of work is opened for one workspace and its
repositories can neither read nor change another workspace's rows. Reference food data (the
bundled USDA tables) is shared by all workspaces; an imported dataset belongs to the workspace
that imported it. Another workspace's row is refused exactly as a missing one (NotFound, same
message), also when a menu item or a recipe ingredient names it by id.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from menuplanner.domain.clients import Client
from menuplanner.domain.foods import Food, FoodGroup
from menuplanner.domain.menus import Menu
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.tags import Tag
from menuplanner.ports_reference import ReferenceIntakes, WorkspaceSettings

LOCAL_WORKSPACE = "local"


@dataclass(frozen=True, slots=True)
class FoodHit:
    food_id: int
    name: str
    group_code: str
    group_name: str
    dataset: str
    is_branded: bool
    is_common: bool  # in USDA's dietary survey: a commonly eaten food
    portion_count: int


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[FoodHit]
    total: int  # matches over all pages


@dataclass(frozen=True, slots=True)
class MenuTitle:
    """A menu as a picker lists it."""

    menu_id: int
    name: str
    start_date: dt.date
    days: int


@dataclass(frozen=True, slots=True)
class Usage:
    """Where a food or recipe is used, for refusal messages."""

    kind: str  # "recipe" or "menu"
    name: str


class FoodCatalog(abc.ABC):
    """Read access to the food-composition data a workspace sees (the shared foods and its own
    imports), plus its tag corrections."""

    @abc.abstractmethod
    def search(
        self, query: str, group_code: str | None = None, limit: int = 25, offset: int = 0
    ) -> SearchPage: ...

    @abc.abstractmethod
    def get(self, food_id: int) -> Food:
        """The food with its portions; raises NotFound."""

    @abc.abstractmethod
    def get_many(self, food_ids: Sequence[int]) -> dict[int, Food]: ...

    @abc.abstractmethod
    def groups(self) -> list[FoodGroup]: ...

    @abc.abstractmethod
    def count(self) -> int: ...

    @abc.abstractmethod
    def nutrients_per_100g(self, food_ids: Sequence[int]) -> pl.DataFrame:
        """One row per food: `food_id` then one Float64 column per nutrient key (null = unknown)."""

    @abc.abstractmethod
    def tag_overrides(self, food_ids: Sequence[int] | None = None) -> dict[int, frozenset[Tag]]:
        """User corrections of food tags, by food id."""

    @abc.abstractmethod
    def set_tag_override(self, food_id: int, tags: frozenset[Tag] | None) -> None:
        """Store a correction (None removes it, returning the food to the rules)."""


class ClientRepository(abc.ABC):
    @abc.abstractmethod
    def list(self) -> list[Client]: ...

    @abc.abstractmethod
    def get(self, client_id: int) -> Client:
        """Raises NotFound."""

    @abc.abstractmethod
    def add(self, client: Client) -> int:
        """Stores a new client, returns its id; raises ValidationFailed on a duplicate name."""

    @abc.abstractmethod
    def update(self, client: Client) -> None: ...

    @abc.abstractmethod
    def delete(self, client_id: int) -> None:
        """Deletes the client and its menus."""


class RecipeRepository(abc.ABC):
    @abc.abstractmethod
    def list(self) -> list[Recipe]: ...

    @abc.abstractmethod
    def get(self, recipe_id: int) -> Recipe: ...

    @abc.abstractmethod
    def get_many(self, recipe_ids: Sequence[int]) -> dict[int, Recipe]: ...

    @abc.abstractmethod
    def add(self, recipe: Recipe) -> int: ...

    @abc.abstractmethod
    def update(self, recipe: Recipe) -> None: ...

    @abc.abstractmethod
    def delete(self, recipe_id: int) -> None: ...

    @abc.abstractmethod
    def using_food(self, food_id: int) -> list[Usage]: ...


class MenuRepository(abc.ABC):
    @abc.abstractmethod
    def list(self, client_id: int | None = None) -> list[Menu]:
        """Complete menus (items included), newest first."""

    def titles(self, client_id: int | None = None) -> list[MenuTitle]:
        """The menus without their items, newest first: what a menu picker needs, read on
        every click of the menu pages."""
        return [MenuTitle(m.menu_id, m.name, m.start_date, m.days) for m in self.list(client_id)]

    @abc.abstractmethod
    def get(self, menu_id: int) -> Menu: ...

    @abc.abstractmethod
    def add(self, menu: Menu) -> int: ...

    @abc.abstractmethod
    def update(self, menu: Menu) -> None:
        """Replaces the stored menu, items included, if `menu.version` is the stored version
        (VersionConflict otherwise); the stored version and `menu.version` go up by one. Two
        units of work saving one menu cannot both commit: the later gets ConcurrentUpdate."""

    @abc.abstractmethod
    def delete(self, menu_id: int) -> None: ...

    @abc.abstractmethod
    def using_food(self, food_id: int) -> list[Usage]: ...

    @abc.abstractmethod
    def using_recipe(self, recipe_id: int) -> list[Usage]: ...


class UnitOfWork(abc.ABC):
    """One transaction over one workspace. Rolls back on exit unless `commit()` was called."""

    foods: FoodCatalog
    clients: ClientRepository
    recipes: RecipeRepository
    menus: MenuRepository
    intakes: ReferenceIntakes  # the Dietary Reference Intakes (shared reference data)
    settings: WorkspaceSettings  # the workspace's own settings (energy unit)

    def __init__(self, workspace: str = LOCAL_WORKSPACE) -> None:
        if not workspace:
            raise ValueError("A workspace is required.")
        self.workspace = workspace

    def __enter__(self) -> UnitOfWork:
        self._begin()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    @abc.abstractmethod
    def _begin(self) -> None: ...

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...
