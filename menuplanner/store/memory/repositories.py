"""In-memory repositories of clients, recipes and menus, over one workspace's rows."""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from menuplanner.domain.clients import ActivityLevel, Client, Condition, Goal, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed, VersionConflict
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.tags import Allergen, Diet, Tag
from menuplanner.ports import ClientRepository, FoodCatalog, MenuRepository, RecipeRepository, Usage


@dataclass
class WorkspaceRows:
    """Everything one workspace owns."""

    clients: dict[int, Client] = field(default_factory=dict)
    recipes: dict[int, Recipe] = field(default_factory=dict)
    menus: dict[int, Menu] = field(default_factory=dict)
    tag_overrides: dict[int, frozenset[Tag]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)

    def restore(self, other: WorkspaceRows) -> None:
        """Become a copy of `other`, in place, so repositories holding us see the change."""
        for name in ("clients", "recipes", "menus", "tag_overrides", "settings"):
            mine = getattr(self, name)
            mine.clear()
            mine.update(copy.deepcopy(getattr(other, name)))


def new_ids() -> Iterator[int]:
    return itertools.count(1)


class MemoryClientRepository(ClientRepository):
    def __init__(self, rows: WorkspaceRows | None = None, ids: Iterator[int] | None = None):
        self._rows = rows if rows is not None else WorkspaceRows()
        self._ids = ids or new_ids()

    def list(self) -> list[Client]:
        clients = sorted(self._rows.clients.values(), key=_by_name)
        return [copy.deepcopy(c) for c in clients]

    def get(self, client_id: int) -> Client:
        if client_id not in self._rows.clients:
            raise NotFound(f"There is no client with id {client_id}.")
        return copy.deepcopy(self._rows.clients[client_id])

    def add(self, client: Client) -> int:
        self._refuse_duplicate(client.name, None)
        client_id = next(self._ids)
        self._rows.clients[client_id] = _stored_client(client, client_id=client_id)
        return client_id

    def update(self, client: Client) -> None:
        self.get(client.client_id)
        self._refuse_duplicate(client.name, client.client_id)
        self._rows.clients[client.client_id] = _stored_client(client)

    def delete(self, client_id: int) -> None:
        self.get(client_id)
        for menu_id in [m.menu_id for m in self._rows.menus.values() if m.client_id == client_id]:
            del self._rows.menus[menu_id]
        del self._rows.clients[client_id]

    def _refuse_duplicate(self, name: str, own_id: int | None) -> None:
        if any(c.name == name and c.client_id != own_id for c in self._rows.clients.values()):
            raise ValidationFailed(f"A client named '{name}' already exists.")


class MemoryRecipeRepository(RecipeRepository):
    """`foods` names the ingredients on the way out, as the DuckDB adapter's join does."""

    def __init__(
        self,
        rows: WorkspaceRows | None = None,
        ids: Iterator[int] | None = None,
        foods: FoodCatalog | None = None,
    ) -> None:
        self._rows = rows if rows is not None else WorkspaceRows()
        self._ids = ids or new_ids()
        self._foods = foods

    def list(self) -> list[Recipe]:
        recipes = sorted(self._rows.recipes.values(), key=_by_name)
        return [self._named(r) for r in recipes]

    def get(self, recipe_id: int) -> Recipe:
        if recipe_id not in self._rows.recipes:
            raise NotFound(f"There is no recipe with id {recipe_id}.")
        return self._named(self._rows.recipes[recipe_id])

    def get_many(self, recipe_ids: Sequence[int]) -> dict[int, Recipe]:
        return {int(i): self.get(int(i)) for i in recipe_ids if int(i) in self._rows.recipes}

    def add(self, recipe: Recipe) -> int:
        self._refuse_duplicate(recipe.name, None)
        self._refuse_unseen(recipe, known=set())
        recipe_id = next(self._ids)
        self._rows.recipes[recipe_id] = _stored(recipe, recipe_id=recipe_id)
        return recipe_id

    def update(self, recipe: Recipe) -> None:
        stored = self.get(recipe.recipe_id)
        self._refuse_duplicate(recipe.name, recipe.recipe_id)
        self._refuse_unseen(recipe, known={i.food_id for i in stored.ingredients})
        self._rows.recipes[recipe.recipe_id] = _stored(recipe)

    def delete(self, recipe_id: int) -> None:
        self.get(recipe_id)
        del self._rows.recipes[recipe_id]

    def using_food(self, food_id: int) -> list[Usage]:
        return [
            Usage("recipe", r.name)
            for r in self.list()
            if any(i.food_id == food_id for i in r.ingredients)
        ]

    def _named(self, recipe: Recipe) -> Recipe:
        recipe = copy.deepcopy(recipe)
        known = self._foods.get_many([i.food_id for i in recipe.ingredients]) if self._foods else {}
        recipe.ingredients = [
            dataclasses.replace(i, food_name=known[i.food_id].name if i.food_id in known else "")
            for i in recipe.ingredients
        ]
        return recipe

    def _refuse_unseen(self, recipe: Recipe, known: set[int]) -> None:
        if self._foods is None:
            return
        new = [i.food_id for i in recipe.ingredients if i.food_id not in known]
        seen = self._foods.get_many(new)
        unseen = [i for i in dict.fromkeys(new) if i not in seen]
        if unseen:
            raise NotFound(f"There is no food with id {unseen[0]}.")

    def _refuse_duplicate(self, name: str, own_id: int | None) -> None:
        if any(r.name == name and r.recipe_id != own_id for r in self._rows.recipes.values()):
            raise ValidationFailed(f"A recipe named '{name}' already exists.")


class MemoryMenuRepository(MenuRepository):
    """With `foods`, new items must name a food it sees (and, always, one of the rows' recipes)."""

    def __init__(
        self,
        rows: WorkspaceRows | None = None,
        ids: Iterator[int] | None = None,
        foods: FoodCatalog | None = None,
    ) -> None:
        self._rows = rows if rows is not None else WorkspaceRows()
        self._ids = ids or new_ids()
        self._foods = foods

    def list(self, client_id: int | None = None) -> list[Menu]:
        menus = sorted(self._rows.menus.values(), key=lambda m: -m.menu_id)
        return [self.get(m.menu_id) for m in menus if client_id in (None, m.client_id)]

    def get(self, menu_id: int) -> Menu:
        if menu_id not in self._rows.menus:
            raise NotFound(f"There is no menu with id {menu_id}.")
        menu = copy.deepcopy(self._rows.menus[menu_id])
        menu.items.sort(key=lambda i: _item_order(menu.slots, i))
        return menu

    def add(self, menu: Menu) -> int:
        self._check_name(menu, None)
        self._refuse_unseen(menu.items, known=set())
        menu_id = next(self._ids)
        stored = _stored(menu, menu_id=menu_id, version=0)
        stored.items = self._with_ids(stored.items, keep=set())
        self._rows.menus[menu_id] = stored
        return menu_id

    def update(self, menu: Menu) -> None:
        old = self.get(menu.menu_id)
        if old.version != menu.version:
            raise VersionConflict(menu.menu_id, menu.version, old.version)
        self._check_name(menu, menu.menu_id)
        self._refuse_unseen(menu.items, known={(ItemKind(i.kind), i.ref_id) for i in old.items})
        stored = _stored(menu, version=old.version + 1)
        stored.items = self._with_ids(stored.items, keep={i.item_id for i in old.items})
        self._rows.menus[menu.menu_id] = stored
        menu.version = stored.version

    def delete(self, menu_id: int) -> None:
        self.get(menu_id)
        del self._rows.menus[menu_id]

    def using_food(self, food_id: int) -> list[Usage]:
        return self._using(ItemKind.FOOD, food_id)

    def using_recipe(self, recipe_id: int) -> list[Usage]:
        return self._using(ItemKind.RECIPE, recipe_id)

    def _using(self, kind: ItemKind, ref_id: int) -> list[Usage]:
        found = [
            (f"{m.name} ({self._rows.clients[m.client_id].name})", m.menu_id)
            for m in self._rows.menus.values()
            if m.client_id in self._rows.clients
            and any(i.kind == kind and i.ref_id == ref_id for i in m.items)
        ]
        found.sort(key=lambda pair: (pair[0].casefold(), pair[1]))
        return [Usage("menu", name) for name, _ in found]

    def _refuse_unseen(self, items: list[MenuItem], known: set) -> None:
        refs = [(ItemKind(i.kind), i.ref_id) for i in items]
        new = [ref for ref in refs if ref not in known]
        foods = list(dict.fromkeys(ref for kind, ref in new if kind == ItemKind.FOOD))
        if self._foods is not None:
            seen = self._foods.get_many(foods)
            unseen = [i for i in foods if i not in seen]
            if unseen:
                raise NotFound(f"There is no food with id {unseen[0]}.")
        for kind, ref in new:
            if kind == ItemKind.RECIPE and ref not in self._rows.recipes:
                raise NotFound(f"There is no recipe with id {ref}.")

    def _check_name(self, menu: Menu, own_id: int | None) -> None:
        client = self._rows.clients.get(menu.client_id)
        if client is None:
            raise NotFound(f"There is no client with id {menu.client_id}.")
        if any(
            m.client_id == menu.client_id and m.name == menu.name and m.menu_id != own_id
            for m in self._rows.menus.values()
        ):
            raise ValidationFailed(f"A menu named '{menu.name}' already exists for {client.name}.")

    def _with_ids(self, items: list[MenuItem], keep: set) -> list[MenuItem]:
        numbered = []
        for item in items:
            item_id = item.item_id if item.item_id in keep else next(self._ids)
            keep.discard(item_id)  # an id listed twice is kept once
            numbered.append(dataclasses.replace(item, kind=ItemKind(item.kind), item_id=item_id))
        return numbered


def _by_name(entity: Client | Recipe) -> tuple:
    """Clients and recipes are listed by name, whatever the case, as the DuckDB adapter does."""
    own_id = entity.client_id if isinstance(entity, Client) else entity.recipe_id
    return entity.name.casefold(), own_id


def _item_order(slots: tuple[str, ...], item: MenuItem) -> tuple:
    slot = (0, slots.index(item.slot)) if item.slot in slots else (1, 0)
    return item.day, slot, item.position, item.item_id


def _stored(entity, **changes):
    """A deep copy with `changes` applied: what the caller holds never aliases what is stored."""
    entity = copy.deepcopy(entity)
    for name, value in changes.items():
        setattr(entity, name, value)
    return entity


def _stored_client(client: Client, **changes) -> Client:
    """Enums and tuples as the DuckDB adapter hands them back, even if given as strings/lists."""
    client = _stored(client, **changes)
    client.sex = Sex(client.sex)
    client.activity = ActivityLevel(client.activity)
    client.goal = Goal(client.goal)
    client.allergies = frozenset(Allergen(a) for a in client.allergies)
    client.diets = frozenset(Diet(d) for d in client.diets)
    client.dislikes = tuple(client.dislikes)
    client.condition = Condition(client.condition)
    client.nutrient_goals = tuple(client.nutrient_goals)
    return client
