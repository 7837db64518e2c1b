"""The menu exchange file's format: Pydantic models that check a file at this edge (`format`
and `format_version` say what it is), `to_file` that builds one from a menu, and reading and
writing it as JSON. Importing one into a database is in exchange.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from menuplanner.domain.clients import ActivityLevel, Client, Condition, Goal, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.foods import Food
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import Targets
from menuplanner.domain.units import MAX_GRAMS
from menuplanner.domain.validation import (
    MAX_NOTES_LENGTH,
)
from menuplanner.export.document import MenuSource
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


class GoalData(_Model):
    """A dietitian's own micronutrient goal or limit (domain/nutrient_goals.py)."""

    nutrient: Short
    minimum: Positive | None = None
    maximum: Positive | None = None
    reason: Text = ""


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
    condition: Condition = Condition.NONE  # pregnant or breastfeeding (files of 2026-12 on)
    nutrient_goals: list[GoalData] = []


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


def to_file(source: MenuSource, now: dt.datetime | None = None) -> MenuFile:
    report = source.report
    menu, client = report.menu, report.client
    values = values_by_food(source.per_100g)
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
        condition=client.condition,
        nutrient_goals=[GoalData(**dataclasses.asdict(g)) for g in client.nutrient_goals],
    )


def values_by_food(per_100g: pl.DataFrame) -> dict[int, dict[str, float]]:
    return {
        row["food_id"]: {k: v for k, v in row.items() if k in KEYS and v is not None}
        for row in per_100g.iter_rows(named=True)
    }
