"""The demo data file (data/demo/demo.toml), read and checked: everyday recipes and demo
clients, each with a planned week. See the file's header for its shape."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.sr26 import files

DEMO_FILE = files.BUNDLED_DIR.parent / "demo" / "demo.toml"
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Amount(_Model):
    """A food in an amount of grams ("g") or of one of its household measures."""

    food: int
    quantity: Annotated[float, Field(gt=0)]
    unit: Text


class Serving(_Model):
    """A demo recipe, in servings."""

    recipe: Text
    servings: Annotated[float, Field(gt=0)] = 1.0


class DemoRecipe(_Model):
    name: Text
    servings: Annotated[float, Field(gt=0)]
    method: Text
    ingredients: Annotated[list[Amount], Field(min_length=1)]


class DemoClient(_Model):
    name: Text
    sex: Sex
    birth_year: int
    height_cm: float
    weight_kg: float
    activity: ActivityLevel
    goal: Goal
    allergies: list[Allergen] = []
    diets: list[Diet] = []
    dislikes: list[str] = []
    notes: str = ""
    menu: Text
    week: Annotated[list[dict[str, list[Amount | Serving]]], Field(min_length=1, max_length=31)]

    def client(self) -> Client:
        return Client(
            name=self.name,
            sex=self.sex,
            birth_year=self.birth_year,
            height_cm=self.height_cm,
            weight_kg=self.weight_kg,
            activity=self.activity,
            goal=self.goal,
            allergies=frozenset(self.allergies),
            diets=frozenset(self.diets),
            dislikes=tuple(self.dislikes),
            notes=self.notes,
            is_demo=True,
        )


class DemoData(_Model):
    recipes: list[DemoRecipe]
    clients: Annotated[list[DemoClient], Field(min_length=1)]

    @model_validator(mode="after")
    def _recipes_served_exist(self) -> DemoData:
        known = {r.name for r in self.recipes}
        for client in self.clients:
            for day, meals in enumerate(client.week):
                for meal, entries in meals.items():
                    for entry in entries:
                        if isinstance(entry, Serving) and entry.recipe not in known:
                            raise ValueError(
                                f"{client.name}, day {day + 1}, {meal}: there is no demo recipe "
                                f"named {entry.recipe!r}"
                            )
        return self

    def food_ids(self) -> set[int]:
        ids = {i.food for r in self.recipes for i in r.ingredients}
        for client in self.clients:
            for meals in client.week:
                ids |= {
                    e.food for entries in meals.values() for e in entries if isinstance(e, Amount)
                }
        return ids


def read(path: Path) -> DemoData:
    """The demo file at `path`, checked; MenuplannerError naming the problem otherwise."""
    try:
        return DemoData.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise MenuplannerError(f"The demo data file {path} cannot be read: {error}.") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise MenuplannerError(
            f"The demo data file {path} is not valid at {where}: {first['msg']}."
        ) from None


@functools.cache
def demo_data() -> DemoData:
    """The bundled demo data (read once)."""
    return read(DEMO_FILE)
