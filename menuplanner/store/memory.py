"""In-memory fakes of the ports, for fast tests of services and pages.

They pass the same contract suite as the DuckDB adapter (tests/contract/): same answers, same
errors, same messages. A `MemoryDatabase` holds the committed rows of every workspace and the
foods: the shared reference foods, and imported foods each owned by one workspace and seen only
by it. A `MemoryUnitOfWork` works on a deep copy of its workspace's rows, which `commit()`
writes back and `rollback()` throws away.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from menuplanner.domain import search
from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import ConcurrentUpdate, NotFound, ValidationFailed, VersionConflict
from menuplanner.domain.foods import Food, FoodGroup
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.tags import Allergen, Diet, Tag
from menuplanner.ports import (
    LOCAL_WORKSPACE,
    ClientRepository,
    FoodCatalog,
    FoodHit,
    MenuRepository,
    RecipeRepository,
    SearchPage,
    UnitOfWork,
    Usage,
)


@dataclass
class WorkspaceRows:
    """Everything one workspace owns."""

    clients: dict[int, Client] = field(default_factory=dict)
    recipes: dict[int, Recipe] = field(default_factory=dict)
    menus: dict[int, Menu] = field(default_factory=dict)
    tag_overrides: dict[int, frozenset[Tag]] = field(default_factory=dict)

    def restore(self, other: WorkspaceRows) -> None:
        """Become a copy of `other`, in place, so repositories holding us see the change."""
        for name in ("clients", "recipes", "menus", "tag_overrides"):
            mine = getattr(self, name)
            mine.clear()
            mine.update(copy.deepcopy(getattr(other, name)))


def _ids() -> Iterator[int]:
    return itertools.count(1)


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
            len(food.portions),
        )

    def get(self, food_id: int) -> Food:
        if not self._sees(food_id):
            raise NotFound(f"There is no food with id {food_id}.")
        return self._foods[food_id]

    def get_many(self, food_ids: Sequence[int]) -> dict[int, Food]:
        return {int(i): self._foods[int(i)] for i in food_ids if self._sees(int(i))}

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


class MemoryClientRepository(ClientRepository):
    def __init__(self, rows: WorkspaceRows | None = None, ids: Iterator[int] | None = None):
        self._rows = rows if rows is not None else WorkspaceRows()
        self._ids = ids or _ids()

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
        self._ids = ids or _ids()
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
        self._ids = ids or _ids()
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
    return client


def _versions(rows: WorkspaceRows) -> dict[int, int]:
    return {menu_id: menu.version for menu_id, menu in rows.menus.items()}


class MemoryDatabase:
    """Committed rows of every workspace, the shared reference foods, and imported foods each
    seen by one workspace (`foods.add_owned`; `imported_datasets`: names by workspace)."""

    def __init__(self, foods: MemoryFoodCatalog | None = None) -> None:
        # A copy: foods imported into this database must not reach another one built on the
        # same catalog (a test fixture's, say).
        self.foods = foods.copied() if foods is not None else MemoryFoodCatalog({})
        self.workspaces: dict[str, WorkspaceRows] = {}
        self.imported_datasets: dict[str, set[str]] = {}
        self.ids = _ids()  # like a database sequence: rollback does not give ids back


class MemoryUnitOfWork(UnitOfWork):
    def __init__(self, database: MemoryDatabase | None = None, workspace: str = LOCAL_WORKSPACE):
        super().__init__(workspace)
        self.database = database if database is not None else MemoryDatabase()
        self.committed = False  # for service tests: did the service commit?
        self._rows: WorkspaceRows | None = None
        self._versions: dict[int, int] = {}

    def _begin(self) -> None:
        if self._rows is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        rows = WorkspaceRows()
        rows.restore(self._committed())
        self._rows = rows
        self._versions = _versions(rows)  # of the menus as read, for commit's conflict check
        self.foods = self.database.foods.for_workspace(self.workspace, rows.tag_overrides)
        self.clients = MemoryClientRepository(rows, self.database.ids)
        self.recipes = MemoryRecipeRepository(rows, self.database.ids, self.foods)
        self.menus = MemoryMenuRepository(rows, self.database.ids, self.foods)

    def __exit__(self, *exc_info: object) -> None:
        try:
            super().__exit__(*exc_info)
        finally:
            self._rows = None

    def commit(self) -> None:
        if self._rows is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        if self._menus_changed_by_others():
            self.rollback()  # as in DuckDB, the refused transaction's work is gone
            raise ConcurrentUpdate()
        committed = WorkspaceRows()
        committed.restore(self._rows)
        self.database.workspaces[self.workspace] = committed
        self._versions = _versions(committed)
        self.committed = True

    def _menus_changed_by_others(self) -> bool:
        """Like DuckDB's write-write conflict: did we change or delete a menu that another
        unit of work committed since we read it?"""
        mine = _versions(self._rows)
        now = _versions(self._committed())
        return any(
            mine.get(menu_id) != version and now.get(menu_id) != version
            for menu_id, version in self._versions.items()
        )

    def rollback(self) -> None:
        if self._rows is not None:
            self._rows.restore(self._committed())
            self._versions = _versions(self._rows)

    def _committed(self) -> WorkspaceRows:
        return self.database.workspaces.get(self.workspace, WorkspaceRows())
