"""The menu exchange file: one menu as JSON with everything needed to rebuild it in another
database and get the same totals: its client (profile and targets), its items, the recipes it
serves, and every food it uses with its household measures and nutrient values per 100 g.

Pydantic models check a file at this edge; `format` and `format_version` say what it is. On
import a food is reused only when this database has it with the same id, name and nutrient
values; otherwise it is added, with the file's values, to a dataset named "Imported with menu
<name>", and the result says so. The day totals stored in the file are recomputed after the
import and compared, so "the same totals" is checked, not hoped for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping

from menuplanner.domain.clients import Client, NutrientGoal
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.formatting import format_number
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.validation import (
    clean_name,
    clean_notes,
    validate_client,
)
from menuplanner.export.exchange_file import (  # noqa: F401  (the file API, from here too)
    CHECKED,
    FORMAT,
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    FoodData,
    MenuFile,
    dump,
    parse,
    to_file,
    values_by_food,
)
from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.nutrition import totals


@dataclasses.dataclass(frozen=True)
class ImportResult:
    menu_id: int
    menu_name: str
    renamed_from: str | None  # the file's menu name when it was taken
    client_id: int
    client_name: str
    client_created: bool
    recipes_added: list[str]
    recipes_reused: list[str]
    foods_added: list[str]  # foods this database lacked (or had with other values)
    dataset: str | None  # where they were added
    totals_match: bool
    differences: list[str]  # days whose totals differ from the file's, as sentences

    @property
    def messages(self) -> list[str]:
        """What happened, as sentences a user reads after importing."""
        said = [
            f"Imported the menu '{self.menu_name}' for {self.client_name}"
            + (" (a new client)." if self.client_created else ".")
        ]
        if self.renamed_from:
            said.append(
                f"{self.client_name} already had a menu named '{self.renamed_from}', so "
                f"this one is called '{self.menu_name}'."
            )
        if self.recipes_added:
            said.append(
                f"Added {_count(len(self.recipes_added), 'recipe')}: "
                f"{', '.join(self.recipes_added)}."
            )
        if self.recipes_reused:
            said.append(
                f"Used {_count(len(self.recipes_reused), 'existing recipe')} with the "
                "same ingredients."
            )
        if self.foods_added:
            said.append(
                f"{_count(len(self.foods_added), 'food')} of the file "
                f"{'was' if len(self.foods_added) == 1 else 'were'} not in this database with the "
                f"same values and {'was' if len(self.foods_added) == 1 else 'were'} added with the "
                f"file's nutrient values to the dataset '{self.dataset}': "
                f"{', '.join(self.foods_added)}."
            )
        if self.totals_match:
            said.append("Every day's totals are the same as in the file.")
        else:
            said += self.differences
        return said


def import_into(
    uow: ExchangeUnitOfWork,
    menu_file: MenuFile,
    client_id: int | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Write the file's menu (and what it needs) through an open unit of work; not committed.

    The menu goes to `client_id`, else to the client with the file's client name, else to a new
    client made from the file's profile. Recipes with the same name and ingredients are reused,
    others added (renamed "… (imported)" when the name is taken); so is the menu."""
    menu_name = clean_name(menu_file.menu.name, "Menu name")
    foods, added, dataset = _import_foods(uow, menu_file, menu_name)
    client, created = _client(uow, menu_file, client_id, today)
    recipes, recipes_added, recipes_reused = _import_recipes(uow, menu_file, foods)
    taken = {m.name for m in uow.menus.list(client.client_id)}
    name = _free_name(menu_name, taken)
    menu = Menu(
        client_id=client.client_id,
        name=name,
        start_date=menu_file.menu.start_date,
        days=menu_file.menu.days,
        slots=tuple(clean_name(s, "Meal name", 40) for s in menu_file.menu.slots),
        items=[
            MenuItem(
                i.day,
                i.slot,
                i.kind,
                foods[i.ref_id] if i.kind == ItemKind.FOOD else recipes[i.ref_id],
                i.quantity,
                i.unit,
                i.grams,
                i.label,
                i.position,
                i.locked,
            )
            for i in menu_file.menu.items
        ],
        day_targets={d: t.targets() for d, t in menu_file.menu.day_targets.items()},
    )
    menu_id = uow.menus.add(menu)
    differences = _compare_totals(uow, menu_id, menu_file)
    return ImportResult(
        menu_id,
        name,
        menu_name if name != menu_name else None,
        client.client_id,
        client.name,
        created,
        recipes_added,
        recipes_reused,
        [f.name for f in added],
        dataset,
        not differences,
        differences,
    )


def _import_foods(
    uow: ExchangeUnitOfWork, menu_file: MenuFile, menu_name: str
) -> tuple[dict[int, int], list[FoodData], str | None]:
    """file food id → food id here; the foods added; the dataset they went to."""
    ids = [f.food_id for f in menu_file.foods]
    here = uow.foods.get_many(ids)
    values_here = values_by_food(uow.foods.nutrients_per_100g(ids))
    mapping, added, dataset = {}, [], None
    for food in menu_file.foods:
        existing = here.get(food.food_id)
        if (
            existing is not None
            and existing.name == food.name
            and _same_values(food.per_100g, values_here.get(food.food_id, {}))
        ):
            mapping[food.food_id] = food.food_id
            continue
        if dataset is None:
            dataset = uow.imported_foods.new_dataset(
                f"Imported with menu {menu_name}",
                "Nutrient values as stored in a menu file exported "
                f"{menu_file.exported_at:%Y-%m-%d}"
                f" (from {', '.join(sorted({f.dataset for f in menu_file.foods if f.dataset}))}).",
            )
        mapping[food.food_id] = uow.imported_foods.add_food(
            dataset, _food(food), food.group_name or food.group_code, food.per_100g
        )
        added.append(food)
    return mapping, added, dataset


def _client(
    uow: ExchangeUnitOfWork, menu_file: MenuFile, client_id: int | None, today: dt.date | None
) -> tuple[Client, bool]:
    if client_id is not None:
        return uow.clients.get(client_id), False
    wanted = " ".join(menu_file.client.name.split())
    for client in uow.clients.list():
        if client.name == wanted:
            return client, False
    data = menu_file.client
    client = validate_client(
        Client(
            name=data.name,
            sex=data.sex,
            birth_year=data.birth_year,
            height_cm=data.height_cm,
            weight_kg=data.weight_kg,
            activity=data.activity,
            goal=data.goal,
            allergies=frozenset(data.allergies),
            diets=frozenset(data.diets),
            dislikes=tuple(data.dislikes),
            notes=data.notes,
            protein_g_per_kg=data.protein_g_per_kg,
            fat_pct=data.fat_pct,
            manual_targets=data.manual_targets.targets() if data.manual_targets else None,
            condition=data.condition,
            nutrient_goals=tuple(NutrientGoal(**g.model_dump()) for g in data.nutrient_goals),
        ),
        today,
    )
    client_id = uow.clients.add(client)
    return uow.clients.get(client_id), True


def _import_recipes(
    uow: ExchangeUnitOfWork, menu_file: MenuFile, foods: dict[int, int]
) -> tuple[dict[int, int], list[str], list[str]]:
    names = {f.food_id: f.name for f in menu_file.foods}
    existing = {r.name: r for r in uow.recipes.list()}
    mapping, added, reused = {}, [], []
    for data in menu_file.recipes:
        recipe = Recipe(
            name=clean_name(data.name, "Recipe name"),
            servings=data.servings,
            ingredients=[
                Ingredient(foods[i.food_id], i.quantity, i.unit, i.grams, names[i.food_id])
                for i in data.ingredients
            ],
            method=clean_notes(data.method, field="Method"),
        )
        same = existing.get(recipe.name)
        if same is not None and _same_recipe(same, recipe):
            mapping[data.recipe_id] = same.recipe_id
            reused.append(same.name)
            continue
        recipe.name = _free_name(recipe.name, set(existing))
        mapping[data.recipe_id] = uow.recipes.add(recipe)
        existing[recipe.name] = dataclasses.replace(recipe, recipe_id=mapping[data.recipe_id])
        added.append(recipe.name)
    return mapping, added, reused


def _compare_totals(uow: ExchangeUnitOfWork, menu_id: int, menu_file: MenuFile) -> list[str]:
    menu = uow.menus.get(menu_id)
    recipes = uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])
    ids = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
    ids += [ing.food_id for r in recipes.values() for ing in r.ingredients]
    days = totals.day_totals(menu, recipes, uow.foods.nutrients_per_100g(list(dict.fromkeys(ids))))
    now = {row["day"]: row for row in days.iter_rows(named=True)}
    differences = []
    for stored in menu_file.day_totals:
        row = now.get(stored.day)
        if row is None:
            continue
        changed = [key for key in CHECKED if not _close(getattr(stored, key), row[key])]
        if changed:
            key = changed[0]
            differences.append(
                f"Day {stored.day + 1} ({stored.date:%a %d %b}) totals differ from the file's: "
                f"{key.split('_')[0]} {format_number(row[key], 1)} here, "
                f"{format_number(getattr(stored, key), 1)} in the file."
            )
    return differences


def _same_values(mine: Mapping[str, float], theirs: Mapping[str, float]) -> bool:
    return mine.keys() == theirs.keys() and all(_close(mine[k], theirs[k]) for k in mine)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _same_recipe(here: Recipe, incoming: Recipe) -> bool:
    def key(recipe: Recipe) -> list[tuple]:
        return [
            (i.food_id, round(i.quantity, 9), i.unit, round(i.grams, 9)) for i in recipe.ingredients
        ]

    return _close(here.servings, incoming.servings) and key(here) == key(incoming)


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    for number in range(1, 1000):
        candidate = f"{name} (imported)" if number == 1 else f"{name} (imported {number})"
        if candidate not in taken:
            return candidate
    raise ValidationFailed(f"Too many copies named {name!r}; rename some first.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _food(data: FoodData) -> Food:
    portions = tuple(Portion(p.seq, p.amount, p.description, p.gram_weight) for p in data.portions)
    return Food(
        0,
        data.name,
        data.group_code,
        data.dataset,
        data.source_id or str(data.food_id),
        data.manufacturer,
        data.refuse_pct,
        portions,
        branded=data.branded,
        ingredients=data.ingredients,
    )
