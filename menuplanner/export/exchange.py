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
import json
import math
from collections.abc import Mapping
from typing import Annotated, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.formatting import format_number
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import Targets
from menuplanner.domain.units import MAX_GRAMS
from menuplanner.domain.validation import (
    MAX_NOTES_LENGTH,
    clean_name,
    clean_notes,
    validate_client,
)
from menuplanner.export.document import MenuSource
from menuplanner.export.ports import ExchangeUnitOfWork
from menuplanner.nutrition import totals
from menuplanner.nutrition.adherence import MEASURES

FORMAT = "menuplanner.menu"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20_000_000
CHECKED = tuple(measure for measure, _, _ in MEASURES)  # the day totals a file carries

# Names as long as any stored name (an imported food's is at most 500 characters), free text as
# long as a client's notes or a recipe's method may be; the domain checks refine both on import.
Name = Annotated[str, Field(min_length=1, max_length=500)]
Short = Annotated[str, Field(max_length=500)]
Text = Annotated[str, Field(max_length=MAX_NOTES_LENGTH)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Grams = Annotated[float, Field(gt=0, le=MAX_GRAMS * 100, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PortionData(_Model):
    seq: int
    amount: Positive
    description: Name
    gram_weight: Positive


class FoodData(_Model):
    food_id: int
    name: Name
    group_code: Annotated[str, Field(min_length=1, max_length=20)]
    group_name: Short = ""
    dataset: Short = ""
    source_id: Short = ""
    manufacturer: Short = ""
    refuse_pct: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = 0.0
    portions: Annotated[list[PortionData], Field(max_length=500)] = []
    per_100g: dict[str, NonNegative]  # nutrient key → amount in 100 g; unknown values left out
    branded: bool = False
    ingredients: Annotated[str, Field(max_length=20_000)] = ""  # the label's list, if known

    @field_validator("per_100g")
    @classmethod
    def _known_nutrients(cls, values: dict[str, float]) -> dict[str, float]:
        return {key: value for key, value in values.items() if key in KEYS}


class IngredientData(_Model):
    food_id: int
    quantity: Positive
    unit: Name
    grams: Grams


class RecipeData(_Model):
    recipe_id: int
    name: Name
    servings: Positive
    method: Text = ""
    ingredients: Annotated[list[IngredientData], Field(max_length=500)]


class TargetsData(_Model):
    energy_kcal: NonNegative
    protein_g: NonNegative
    carbohydrate_g: NonNegative
    fat_g: NonNegative
    fibre_min_g: NonNegative
    sodium_max_mg: NonNegative

    def targets(self) -> Targets:
        return Targets(**self.model_dump())


class ClientData(_Model):
    name: Name
    sex: Sex
    birth_year: int | None = None
    height_cm: float | None = None
    weight_kg: float | None = None
    activity: ActivityLevel = ActivityLevel.LIGHT
    goal: Goal = Goal.MAINTAIN
    allergies: list[Allergen] = []
    diets: list[Diet] = []
    dislikes: list[Short] = []
    notes: Text = ""
    protein_g_per_kg: float = 1.2
    fat_pct: float = 30.0
    manual_targets: TargetsData | None = None


class ItemData(_Model):
    day: Annotated[int, Field(ge=0)]
    slot: Name
    kind: ItemKind
    ref_id: int
    quantity: Positive
    unit: Name
    grams: Grams | None = None
    label: Short = ""
    position: Annotated[int, Field(ge=0)] = 0
    locked: bool = False


class MenuData(_Model):
    name: Name
    start_date: dt.date
    days: Annotated[int, Field(ge=1, le=31)]
    slots: Annotated[list[Name], Field(min_length=1, max_length=20)]
    day_targets: dict[int, TargetsData] = {}
    items: Annotated[list[ItemData], Field(max_length=5000)]


class DayTotalsData(_Model):
    day: int
    date: dt.date
    energy_kcal: float
    protein_g: float
    carbohydrate_g: float
    fat_g: float
    fibre_g: float
    sodium_mg: float


class MenuFile(_Model):
    format: Literal["menuplanner.menu"]
    format_version: Literal[1]
    exported_at: dt.datetime
    client: ClientData
    targets: TargetsData  # the client's daily targets when the file was written
    menu: MenuData
    recipes: Annotated[list[RecipeData], Field(max_length=1000)]
    foods: Annotated[list[FoodData], Field(max_length=10_000)]
    day_totals: list[DayTotalsData]

    @model_validator(mode="after")
    def _references_resolve(self) -> MenuFile:
        foods = {f.food_id for f in self.foods}
        recipes = {r.recipe_id for r in self.recipes}
        for item in self.menu.items:
            if item.day >= self.menu.days:
                raise ValueError(f"an item is on day {item.day + 1} of a {self.menu.days}-day menu")
            known = foods if item.kind == ItemKind.FOOD else recipes
            if item.ref_id not in known:
                raise ValueError(
                    f"the item {item.label!r} uses {item.kind.value} #{item.ref_id}, "
                    "which the file does not contain"
                )
            if item.kind == ItemKind.FOOD and item.grams is None:
                raise ValueError(f"the item {item.label!r} has no weight in grams")
        for recipe in self.recipes:
            for ingredient in recipe.ingredients:
                if ingredient.food_id not in foods:
                    raise ValueError(
                        f"the recipe {recipe.name!r} uses food #{ingredient.food_id},"
                        " which the file does not contain"
                    )
        return self


# ------------------------------------------------------------------------------------ export


def to_file(source: MenuSource, now: dt.datetime | None = None) -> MenuFile:
    report = source.report
    menu, client = report.menu, report.client
    values = _values_by_food(source.per_100g)
    food_ids = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
    food_ids += [ing.food_id for r in source.recipes.values() for ing in r.ingredients]
    foods = []
    for food_id in dict.fromkeys(food_ids):
        food = source.foods.get(food_id)
        if food is None:
            raise NotFound(
                f"The menu uses food #{food_id}, which is no longer in this database; "
                "replace it in the menu first."
            )
        foods.append(_food_data(food, source.groups.get(food.group_code, ""), values[food_id]))
    return MenuFile(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        exported_at=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
        client=_client_data(client),
        targets=TargetsData(**dataclasses.asdict(report.targets)),
        menu=MenuData(
            name=menu.name,
            start_date=menu.start_date,
            days=menu.days,
            slots=list(menu.slots),
            day_targets={
                d: TargetsData(**dataclasses.asdict(t)) for d, t in menu.day_targets.items()
            },
            items=[
                ItemData(
                    day=i.day,
                    slot=i.slot,
                    kind=i.kind,
                    ref_id=i.ref_id,
                    quantity=i.quantity,
                    unit=i.unit,
                    grams=i.grams,
                    label=i.label,
                    position=i.position,
                    locked=i.locked,
                )
                for i in menu.items
            ],
        ),
        recipes=[_recipe_data(recipe_id, r) for recipe_id, r in source.recipes.items()],
        foods=foods,
        day_totals=[
            DayTotalsData(**{k: row[k] for k in ("day", "date", *CHECKED)})
            for row in report.days.iter_rows(named=True)
        ],
    )


def dump(menu_file: MenuFile) -> bytes:
    return menu_file.model_dump_json(indent=1).encode("utf-8")


def parse(data: bytes | str) -> MenuFile:
    """The file's menu, or ValidationFailed saying in one sentence what is wrong with it."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationFailed(
            f"The file is {len(data) / 1e6:,.0f} MB; a menu file is at most "
            f"{MAX_FILE_BYTES / 1e6:,.0f} MB."
        )
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        raw = json.loads(text)
    except UnicodeDecodeError:
        raise ValidationFailed("The file is not a menu file: it is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ValidationFailed(
            f"The file is not a menu file: it is not valid JSON ({error.msg} at line "
            f"{error.lineno}, column {error.colno})."
        ) from None
    except (ValueError, RecursionError):  # a number of thousands of digits; lists nested deeper
        raise ValidationFailed(  # than Python's recursion limit: no menu file holds either
            "The file is not a menu file: it holds a number too long or lists nested too deep."
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValidationFailed(
            f'The file is not a menuplanner menu file (its "format" is not {FORMAT!r}).'
        )
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationFailed(
            f"The file has menu format version {version!r}; this menuplanner reads version "
            f"{FORMAT_VERSION}. Update menuplanner to read it."
        )
    try:
        return MenuFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        more = error.error_count() - 1
        also = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        message = first["msg"].removeprefix("Value error, ").rstrip(".")
        where = f"{where}: " if where else ""
        raise ValidationFailed(f"The menu file is not valid: {where}{message}{also}.") from None


# ------------------------------------------------------------------------------------ import


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
    values_here = _values_by_food(uow.foods.nutrients_per_100g(ids))
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


# ----------------------------------------------------------------------------------- helpers


def _values_by_food(per_100g: pl.DataFrame) -> dict[int, dict[str, float]]:
    return {
        row["food_id"]: {k: v for k, v in row.items() if k in KEYS and v is not None}
        for row in per_100g.iter_rows(named=True)
    }


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


def _food_data(food: Food, group_name: str, values: dict[str, float]) -> FoodData:
    return FoodData(
        food_id=food.food_id,
        name=food.name,
        group_code=food.group_code,
        group_name=group_name,
        dataset=food.dataset,
        source_id=food.source_id,
        manufacturer=food.manufacturer,
        refuse_pct=food.refuse_pct or 0.0,
        portions=[
            PortionData(
                seq=p.seq, amount=p.amount, description=p.description, gram_weight=p.gram_weight
            )
            for p in food.portions
        ],
        per_100g=values,
        branded=food.branded,
        ingredients=food.ingredients,
    )


def _recipe_data(recipe_id: int, recipe: Recipe) -> RecipeData:
    return RecipeData(
        recipe_id=recipe_id,
        name=recipe.name,
        servings=recipe.servings,
        method=recipe.method,
        ingredients=[
            IngredientData(food_id=i.food_id, quantity=i.quantity, unit=i.unit, grams=i.grams)
            for i in recipe.ingredients
        ],
    )


def _client_data(client: Client) -> ClientData:
    manual = client.manual_targets
    return ClientData(
        name=client.name,
        sex=client.sex,
        birth_year=client.birth_year,
        height_cm=client.height_cm,
        weight_kg=client.weight_kg,
        activity=client.activity,
        goal=client.goal,
        allergies=sorted(client.allergies),
        diets=sorted(client.diets),
        dislikes=list(client.dislikes),
        notes=client.notes,
        protein_g_per_kg=client.protein_g_per_kg,
        fat_pct=client.fat_pct,
        manual_targets=TargetsData(**dataclasses.asdict(manual)) if manual else None,
    )
