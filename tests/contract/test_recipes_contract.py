"""RecipeRepository contract: recipes with their ingredients, per workspace."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.ports import Usage

BUTTER, EGG, BANANA, FLOUR = 1001, 1123, 9040, 20081
FLOUR_NAME = "Wheat flour, white, all-purpose, enriched, bleached"


def pancakes(**changes) -> Recipe:
    recipe = Recipe(
        name="Banana pancakes",
        servings=2.5,
        ingredients=[
            Ingredient(BANANA, 1.0, 'medium (7" to 7-7/8" long)', 118.0, "Bananas, raw"),
            Ingredient(EGG, 2.0, "large", 100.0, "Egg, whole, raw, fresh"),
            Ingredient(FLOUR, 60.0, "g", 60.0, FLOUR_NAME),
            Ingredient(BUTTER, 0.5, "tbsp", 7.1, "Butter, salted"),
        ],
        method="Mash, whisk, fry.\n\nServe warm.",
    )
    return dataclasses.replace(recipe, **changes)


def test_an_added_recipe_comes_back_with_its_ingredients_in_order(uow):
    recipe_id = uow.recipes.add(pancakes())
    assert uow.recipes.get(recipe_id) == pancakes(recipe_id=recipe_id)


def test_ingredients_come_back_named_after_their_food(uow):
    unnamed = pancakes(ingredients=[Ingredient(BUTTER, 10.0, "g", 10.0)])
    recipe = uow.recipes.get(uow.recipes.add(unnamed))
    assert recipe.ingredients == [Ingredient(BUTTER, 10.0, "g", 10.0, "Butter, salted")]


def test_a_recipe_without_ingredients_round_trips(uow):
    recipe_id = uow.recipes.add(Recipe("Water", 1.0))
    assert uow.recipes.get(recipe_id) == Recipe("Water", 1.0, recipe_id=recipe_id)


def test_recipes_are_listed_by_name_whatever_the_case(uow):
    for name in ("soup", "Apple pie", "bread"):
        uow.recipes.add(pancakes(name=name))
    listed = uow.recipes.list()
    assert [r.name for r in listed] == ["Apple pie", "bread", "soup"]
    assert all(len(r.ingredients) == 4 for r in listed)


def test_get_many_returns_the_recipes_found_with_their_ingredients(uow):
    first = uow.recipes.add(pancakes())
    second = uow.recipes.add(pancakes(name="Toast", ingredients=[Ingredient(BUTTER, 5, "g", 5)]))
    found = uow.recipes.get_many([second, 987_654, first])
    assert set(found) == {first, second}
    assert found[first] == pancakes(recipe_id=first)
    assert found[second].ingredients == [Ingredient(BUTTER, 5, "g", 5, "Butter, salted")]
    assert uow.recipes.get_many([]) == {}


def test_an_update_replaces_the_recipe_and_all_its_ingredients(uow):
    recipe_id = uow.recipes.add(pancakes())
    egg, banana = pancakes().ingredients[1], pancakes().ingredients[0]
    changed = pancakes(
        recipe_id=recipe_id, name="Egg pancakes", servings=4.0, method="", ingredients=[egg, banana]
    )
    uow.recipes.update(changed)
    assert uow.recipes.get(recipe_id) == changed


def test_a_second_recipe_with_the_same_name_is_refused_with_a_sentence(uow):
    uow.recipes.add(pancakes())
    refused = r"^A recipe named 'Banana pancakes' already exists\.$"
    with pytest.raises(ValidationFailed, match=refused):
        uow.recipes.add(pancakes(servings=1.0))
    assert len(uow.recipes.list()) == 1


def test_renaming_a_recipe_to_another_recipes_name_is_refused(uow):
    uow.recipes.add(pancakes())
    toast_id = uow.recipes.add(pancakes(name="Toast"))
    with pytest.raises(ValidationFailed, match="A recipe named 'Banana pancakes' already exists."):
        uow.recipes.update(pancakes(recipe_id=toast_id))
    assert uow.recipes.get(toast_id).name == "Toast"


def test_getting_a_missing_recipe_says_there_is_none(uow):
    with pytest.raises(NotFound, match=r"^There is no recipe with id 12\.$"):
        uow.recipes.get(12)
    with pytest.raises(NotFound, match="There is no recipe with id 12."):
        uow.recipes.update(pancakes(recipe_id=12))
    with pytest.raises(NotFound, match="There is no recipe with id 12."):
        uow.recipes.delete(12)


def test_a_deleted_recipe_is_gone_with_its_ingredients(uow):
    recipe_id = uow.recipes.add(pancakes())
    uow.recipes.delete(recipe_id)
    assert uow.recipes.list() == []
    assert uow.recipes.using_food(BUTTER) == []


def test_using_food_names_the_recipes_that_use_it(uow):
    uow.recipes.add(pancakes())
    uow.recipes.add(pancakes(name="Butter toast", ingredients=[Ingredient(BUTTER, 5, "g", 5)]))
    uow.recipes.add(pancakes(name="Fruit", ingredients=[Ingredient(BANANA, 100, "g", 100)]))
    assert uow.recipes.using_food(BUTTER) == [
        Usage("recipe", "Banana pancakes"),
        Usage("recipe", "Butter toast"),
    ]
    assert uow.recipes.using_food(5064) == []


def test_a_recipe_using_a_food_twice_is_named_once(uow):
    twice = [Ingredient(BUTTER, 5, "g", 5), Ingredient(BUTTER, 1, "tbsp", 14.2)]
    uow.recipes.add(pancakes(ingredients=twice))
    assert uow.recipes.using_food(BUTTER) == [Usage("recipe", "Banana pancakes")]


def test_a_workspace_cannot_see_change_or_delete_another_workspaces_recipes(make_uow):
    with make_uow("north") as north:
        recipe_id = north.recipes.add(pancakes())
        north.commit()
    with make_uow("south") as south:
        assert south.recipes.list() == []
        assert south.recipes.get_many([recipe_id]) == {}
        assert south.recipes.using_food(BUTTER) == []
        missing = f"There is no recipe with id {recipe_id}."
        for attempt in (
            lambda: south.recipes.get(recipe_id),
            lambda: south.recipes.update(pancakes(recipe_id=recipe_id, ingredients=[])),
            lambda: south.recipes.delete(recipe_id),
        ):
            with pytest.raises(NotFound, match=missing):
                attempt()
        south.recipes.add(pancakes())  # the same name is free in another workspace
        south.commit()
    with make_uow("north") as north:
        assert north.recipes.get(recipe_id) == pancakes(recipe_id=recipe_id)


def test_hostile_text_round_trips_unchanged(uow, hostile_text):
    butter = Ingredient(BUTTER, 1, hostile_text, 14.2, "Butter, salted")
    recipe = pancakes(name=hostile_text, method=hostile_text, ingredients=[butter])
    recipe_id = uow.recipes.add(recipe)
    assert uow.recipes.get(recipe_id) == dataclasses.replace(recipe, recipe_id=recipe_id)
    assert uow.recipes.using_food(BUTTER) == [Usage("recipe", hostile_text)]


def test_menus_using_a_recipe_are_named_by_menu_and_client(uow):
    recipe_id = uow.recipes.add(pancakes())
    client_id = uow.clients.add(Client("Ana", Sex.FEMALE))
    item = MenuItem(0, "Breakfast", ItemKind.RECIPE, recipe_id, 1.0, "serving")
    uow.menus.add(Menu(client_id, "Week 1", dt.date(2025, 3, 3), items=[item]))
    assert uow.menus.using_recipe(recipe_id) == [Usage("menu", "Week 1 (Ana)")]
    assert uow.menus.using_food(recipe_id) == []  # a recipe id is not a food id
