"""Imported foods belong to one workspace: the catalog, the recipes and the menus of every other
workspace behave exactly as if the food did not exist. Both adapters are held to it; the food
is imported as a menu file's foods are (ExchangeUnitOfWork.imported_foods)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Tag

BUTTER = 1001
UNKNOWN_FOOD = 99_999_999
SR26_FOODS = 8463
DATASET = "North's own foods"
JAM = Food(0, "Hjortronsylt, cloudberry jam", "N100", portions=(Portion(1, 1.0, "tbsp", 20.0),))
NORDIC = "Nordic preserves"  # the group the file names; a new group of north's dataset


@pytest.fixture
def jam_id(make_exchange_uow) -> int:
    """North's imported food (committed), in a food group no other food is in."""
    with make_exchange_uow("north") as north:
        dataset = north.imported_foods.new_dataset(DATASET, "Our own measurements.")
        food_id = north.imported_foods.add_food(
            dataset, JAM, NORDIC, {"energy_kcal": 250.0, "protein_g": 0.5}
        )
        north.commit()
    return food_id


def same_refusal(action, food_id: int) -> str:
    """The message refusing `food_id`, with the id replaced; checked equal to the refusal of
    an id that exists nowhere."""
    with pytest.raises(NotFound) as real:
        action(food_id)
    with pytest.raises(NotFound) as unknown:
        action(UNKNOWN_FOOD)
    shown = re.sub(r"\d+", "N", str(real.value))
    assert shown == re.sub(r"\d+", "N", str(unknown.value))
    return shown


def test_the_importing_workspace_sees_its_food_everywhere(make_uow, jam_id):
    with make_uow("north") as north:
        hit = north.foods.search("hjortronsylt").hits[0]
        assert (hit.food_id, hit.name, hit.dataset, hit.group_name) == (
            jam_id,
            "Hjortronsylt, cloudberry jam",
            DATASET,
            "Nordic preserves",
        )
        food = north.foods.get(jam_id)
        assert (food.name, food.dataset, food.portions) == (JAM.name, DATASET, JAM.portions)
        assert sorted(north.foods.get_many([jam_id, BUTTER])) == sorted([jam_id, BUTTER])
        assert north.foods.count() == SR26_FOODS + 1
        values = north.foods.nutrients_per_100g([jam_id]).row(0, named=True)
        assert (values["energy_kcal"], values["protein_g"], values["fat_g"]) == (250.0, 0.5, None)
        assert FoodGroup(food.group_code, NORDIC) in north.foods.groups()


def group_names(unit) -> list[str]:
    return [g.name for g in unit.foods.groups()]


@pytest.mark.parametrize("workspace", ["south", "local"])
def test_another_workspace_finds_no_trace_of_the_food(make_uow, jam_id, workspace):
    with make_uow(workspace) as other:
        page = other.foods.search("hjortronsylt")
        assert (page.hits, page.total) == ([], 0)
        assert jam_id not in [h.food_id for h in other.foods.search("", limit=10_000).hits]
        assert same_refusal(other.foods.get, jam_id) == "There is no food with id N."
        assert list(other.foods.get_many([jam_id, BUTTER])) == [BUTTER]
        assert other.foods.count() == SR26_FOODS
        values = other.foods.nutrients_per_100g([jam_id]).row(0, named=True)
        assert values["food_id"] == jam_id
        assert {v for key, v in values.items() if key != "food_id"} == {None}
        assert NORDIC not in group_names(other) and len(other.foods.groups()) == 25
        assert (
            same_refusal(lambda i: other.foods.set_tag_override(i, frozenset({Tag.MILK})), jam_id)
            == "There is no food with id N."
        )


def test_another_workspace_cannot_put_the_food_in_a_recipe_or_a_menu(make_uow, jam_id):
    with make_uow("south") as south:
        sam = south.clients.add(Client("Sam", Sex.MALE))

        def recipe_with(food_id: int) -> int:
            return south.recipes.add(Recipe("Jam toast", 1.0, [Ingredient(food_id, 20, "g", 20)]))

        def menu_with(food_id: int) -> int:
            item = MenuItem(0, "Breakfast", ItemKind.FOOD, food_id, 20.0, "g", 20.0)
            return south.menus.add(Menu(sam, "Week 1", dt.date(2025, 3, 3), 7, items=[item]))

        assert same_refusal(recipe_with, jam_id) == "There is no food with id N."
        assert same_refusal(menu_with, jam_id) == "There is no food with id N."
        assert south.recipes.list() == [] and south.menus.list() == []
        menu_id = menu_with(BUTTER)
        menu = south.menus.get(menu_id)
        menu.items.append(MenuItem(1, "Lunch", ItemKind.FOOD, jam_id, 20.0, "g", 20.0))
        with pytest.raises(NotFound, match=f"^There is no food with id {jam_id}.$"):
            south.menus.update(menu)
        toast = south.recipes.add(Recipe("Toast", 1.0, [Ingredient(BUTTER, 5, "g", 5)]))
        recipe = south.recipes.get(toast)
        recipe.ingredients.append(Ingredient(jam_id, 20, "g", 20))
        with pytest.raises(NotFound, match=f"^There is no food with id {jam_id}.$"):
            south.recipes.update(recipe)


def test_a_menu_cannot_serve_another_workspaces_recipe(make_uow):
    with make_uow("north") as north:
        pancakes = north.recipes.add(Recipe("Pancakes", 2.0, [Ingredient(BUTTER, 10, "g", 10)]))
        north.commit()
    with make_uow("south") as south:
        sam = south.clients.add(Client("Sam", Sex.MALE))

        def serving_of(recipe_id: int) -> int:
            item = MenuItem(0, "Breakfast", ItemKind.RECIPE, recipe_id, 1.0, "serving")
            return south.menus.add(Menu(sam, "Week 1", dt.date(2025, 3, 3), 7, items=[item]))

        with pytest.raises(NotFound) as real:
            serving_of(pancakes)
        with pytest.raises(NotFound) as unknown:
            serving_of(UNKNOWN_FOOD)
        assert str(real.value) == f"There is no recipe with id {pancakes}."
        assert str(unknown.value) == f"There is no recipe with id {UNKNOWN_FOOD}."


def test_dataset_names_are_per_workspace(make_exchange_uow, jam_id):
    with make_exchange_uow("south") as south:  # the name north took is free, and says so
        assert south.imported_foods.new_dataset(DATASET, "") == DATASET
        south.commit()
    with make_exchange_uow("north") as north:
        assert north.imported_foods.new_dataset(DATASET, "") == f"{DATASET} (2)"


def test_a_workspace_cannot_add_foods_to_another_workspaces_dataset(make_exchange_uow, jam_id):
    with make_exchange_uow("south") as south:
        with pytest.raises(NotFound, match=f"^There is no dataset named {DATASET!r}.$"):
            south.imported_foods.add_food(DATASET, JAM, NORDIC, {"energy_kcal": 1.0})


def test_a_food_imported_under_another_workspaces_group_code_gets_a_group_of_its_own(
    make_exchange_uow, make_uow, jam_id
):
    with make_uow("north") as north:
        norths = north.foods.get(jam_id).group_code
    with make_exchange_uow("south") as south:
        dataset = south.imported_foods.new_dataset("South's foods", "")
        food = Food(0, "Hjortronsylt, copied", norths)  # north's group code, say guessed
        food_id = south.imported_foods.add_food(dataset, food, "Guessed", {"energy_kcal": 1.0})
        south.commit()
    with make_uow("south") as south:
        hit = south.foods.search("hjortronsylt").hits[0]
        assert (hit.food_id, hit.group_name) == (food_id, "Guessed")
        assert hit.group_code != norths
        assert NORDIC not in group_names(south)
    with make_uow("north") as north:
        assert FoodGroup(norths, NORDIC) in north.foods.groups()
        assert [h.food_id for h in north.foods.search("hjortronsylt").hits] == [jam_id]


def test_a_food_imported_under_a_usda_group_code_joins_that_group(make_exchange_uow, make_uow):
    with make_exchange_uow("south") as south:
        dataset = south.imported_foods.new_dataset("South's foods", "")
        food_id = south.imported_foods.add_food(
            dataset, Food(0, "Skyr, plain", "0100"), "Dairy", {"energy_kcal": 60.0}
        )
        south.commit()
    with make_uow("south") as south:
        assert south.foods.get(food_id).group_code == "0100"
