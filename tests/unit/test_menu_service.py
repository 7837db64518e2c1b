"""The menu service on in-memory fakes: each action is one committed unit of work, totals come
from the one totals engine, and violations follow the client's rules and tag corrections."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import InUse, InvalidAmount, ValidationFailed
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Allergen, Diet, Tag
from menuplanner.domain.targets import Targets
from menuplanner.services import menus, recipes
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork

BUTTER, EGG, BANANA = 1001, 1123, 9040
PER_100G = {  # USDA SR26: kcal, protein, carbohydrate, fat per 100 g
    BUTTER: (717.0, 0.85, 0.06, 81.11),
    EGG: (143.0, 12.56, 0.72, 9.51),
    BANANA: (89.0, 1.09, 22.84, 0.33),
}
TARGETS = Targets(2000, 100, 250, 67, 25, 2300)


def _catalog() -> MemoryFoodCatalog:
    foods = {
        BUTTER: Food(BUTTER, "Butter, salted", "0100", portions=(Portion(2, 1, "tbsp", 14.2),)),
        EGG: Food(EGG, "Egg, whole, raw, fresh", "0100", portions=(Portion(1, 1, "large", 50.0),)),
        BANANA: Food(BANANA, "Bananas, raw", "0900", portions=(Portion(3, 1, "medium", 118.0),)),
    }
    rows = {"food_id": list(PER_100G)}
    for index, key in enumerate(("energy_kcal", "protein_g", "carbohydrate_g", "fat_g")):
        rows[key] = [values[index] for values in PER_100G.values()]
    nutrients = pl.DataFrame(rows).with_columns(
        pl.lit(None, pl.Float64).alias(k) for k in KEYS if k not in rows
    )
    groups = [FoodGroup("0100", "Dairy and Egg Products"), FoodGroup("0900", "Fruits")]
    return MemoryFoodCatalog(foods, nutrients, groups)


@pytest.fixture
def database() -> MemoryDatabase:
    return MemoryDatabase(_catalog())


def uow(database: MemoryDatabase) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(database)


@pytest.fixture
def menu_id(database: MemoryDatabase) -> int:
    client = Client(
        "Ana",
        Sex.FEMALE,
        allergies=frozenset({Allergen.EGG}),
        diets=frozenset({Diet.VEGETARIAN}),
        manual_targets=TARGETS,
    )
    with uow(database) as work:
        client_id = work.clients.add(client)
        work.commit()
    return menus.create_menu(uow(database), client_id, "Week 1", dt.date(2026, 11, 23))


def test_a_day_total_is_the_sum_of_its_foods(database, menu_id) -> None:
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BUTTER, 1, "tbsp")
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BANANA, 1, "medium")
    report = menus.report(uow(database), menu_id)
    monday = report.days.row(0, named=True)
    assert monday["energy_kcal"] == pytest.approx(14.2 * 7.17 + 118 * 0.89)  # 206.834
    assert monday["fat_g"] == pytest.approx(14.2 * 0.8111 + 118 * 0.0033)
    assert report.days.row(1, named=True)["energy_kcal"] == 0


def test_a_day_is_split_into_its_meals_in_the_menus_order(database, menu_id) -> None:
    menus.add_food(uow(database), menu_id, 0, "Lunch", BANANA, 1, "medium")
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BUTTER, 1, "tbsp")
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BANANA, 1, "medium")
    menus.add_food(uow(database), menu_id, 1, "Breakfast", EGG, 1, "large")
    report = menus.report(uow(database), menu_id)
    monday = report.day_meals(0)
    assert [meal.slot for meal in monday] == list(report.menu.slots)
    by_slot = {meal.slot: meal for meal in monday}
    assert by_slot["Breakfast"].items["label"].to_list() == ["Butter, salted", "Bananas, raw"]
    assert by_slot["Breakfast"].energy_kcal == pytest.approx(14.2 * 7.17 + 118 * 0.89)
    assert by_slot["Lunch"].energy_kcal == pytest.approx(105.02)
    assert by_slot["Dinner"].items.height == 0 and by_slot["Dinner"].energy_kcal == 0
    assert [meal.items.height for meal in report.day_meals(1)].count(1) == 1  # the egg


def test_an_egg_is_flagged_for_a_client_allergic_to_egg(database, menu_id) -> None:
    item = menus.add_food(uow(database), menu_id, 0, "Breakfast", EGG, 1, "large")
    report = menus.report(uow(database), menu_id)
    reasons = [v.reason for v in next(iter(report.violations.values()))]
    assert reasons == ["Contains egg — client is allergic to egg"]
    assert item.grams == 50.0


def test_a_tag_correction_changes_what_is_flagged(database, menu_id) -> None:
    menus.add_food(uow(database), menu_id, 0, "Lunch", BANANA, 1, "medium")
    assert menus.report(uow(database), menu_id).violations == {}
    with uow(database) as work:
        work.foods.set_tag_override(BANANA, frozenset({Tag.MEAT}))
        work.commit()
    reasons = [
        v.reason for vs in menus.report(uow(database), menu_id).violations.values() for v in vs
    ]
    assert reasons == ["Not vegetarian: contains meat"]


def test_a_recipe_in_servings_counts_its_share_of_the_ingredients(database, menu_id) -> None:
    toast = Recipe(
        "Banana butter",
        2,
        [Ingredient(BANANA, 2, "medium", 236.0), Ingredient(BUTTER, 1, "tbsp", 14.2)],
    )
    recipe_id = recipes.save(uow(database), toast)
    menus.add_recipe(uow(database), menu_id, 2, "Dinner", recipe_id, 1.5)
    wednesday = menus.report(uow(database), menu_id).days.row(2, named=True)
    assert wednesday["energy_kcal"] == pytest.approx((236 * 0.89 + 14.2 * 7.17) * 1.5 / 2)


def test_changing_servings_keeps_per_serving_nutrition(database) -> None:
    two = Recipe(
        "Banana butter",
        2,
        [Ingredient(BANANA, 2, "medium", 236.0), Ingredient(BUTTER, 1, "tbsp", 14.2)],
    )
    four = Recipe(
        "Banana butter",
        4,
        [Ingredient(BANANA, 4, "medium", 472.0), Ingredient(BUTTER, 2, "tbsp", 28.4)],
    )
    catalog = database.foods
    assert recipes.nutrition(catalog, two)[1]["energy_kcal"] == pytest.approx(
        recipes.nutrition(catalog, four)[1]["energy_kcal"]
    )


def test_an_item_is_moved_copied_and_removed(database, menu_id) -> None:
    item = menus.add_food(uow(database), menu_id, 0, "Breakfast", BANANA, 118, "g")
    item_id = menus.report(uow(database), menu_id).menu.items[0].item_id
    menus.move(uow(database), menu_id, item_id, 1, "Lunch")
    menus.copy_day(uow(database), menu_id, 1, 4)
    days = menus.report(uow(database), menu_id).days
    assert days["energy_kcal"].to_list() == pytest.approx([0, 105.02, 0, 0, 105.02, 0, 0])
    menus.remove(uow(database), menu_id, item_id)
    assert menus.report(uow(database), menu_id).days["energy_kcal"].sum() == pytest.approx(105.02)
    assert item.label == "Bananas, raw"


def test_switching_an_item_to_its_household_measure_keeps_its_weight(database, menu_id) -> None:
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BUTTER, 28.4, "g")
    item_id = menus.report(uow(database), menu_id).menu.items[0].item_id
    assert menus.change_unit(uow(database), menu_id, item_id, "tbsp") == 2.0
    item = menus.report(uow(database), menu_id).menu.items[0]
    assert (item.quantity, item.unit, item.grams) == (2.0, "tbsp", pytest.approx(28.4))


@pytest.mark.parametrize(
    ("quantity", "unit", "message"),
    [
        (0, "g", "Amount must be more than 0, got 0."),
        (-5, "g", "Amount must be more than 0, got -5."),
        (50, "kg", "50 kg is 50.0 kg; one item can be at most 5 kg."),
        (1, "cup", "This food has no household measure 'cup'; its measures are: tbsp, or grams."),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_saved(database, menu_id, quantity, unit, message):
    with pytest.raises(InvalidAmount) as refused:
        menus.add_food(uow(database), menu_id, 0, "Breakfast", BUTTER, quantity, unit)
    assert str(refused.value) == message
    assert menus.report(uow(database), menu_id).menu.items == []


def test_day_targets_override_the_clients_for_that_day_only(database, menu_id) -> None:
    training = Targets(2600, 140, 330, 80, 30, 2300)
    menus.set_day_targets(uow(database), menu_id, 5, training)
    report = menus.report(uow(database), menu_id)
    assert report.day_targets[5] == training and report.day_targets[4] == TARGETS


def test_a_recipe_used_by_a_menu_cannot_be_deleted(database, menu_id) -> None:
    recipe_id = recipes.save(
        uow(database), Recipe("Toast", 1, [Ingredient(BUTTER, 1, "tbsp", 14.2)])
    )
    menus.add_recipe(uow(database), menu_id, 0, "Breakfast", recipe_id, 1)
    with pytest.raises(InUse, match="Recipe 'Toast' cannot be deleted: it is used in menu"):
        recipes.delete(uow(database), recipe_id)


def test_a_food_in_use_cannot_be_removed_and_the_message_says_where(database, menu_id) -> None:
    recipes.save(uow(database), Recipe("Toast", 1, [Ingredient(BUTTER, 1, "tbsp", 14.2)]))
    menus.add_food(uow(database), menu_id, 0, "Breakfast", BUTTER, 10, "g")
    with pytest.raises(InUse) as refused:
        recipes.ensure_food_unused(uow(database), BUTTER)
    assert str(refused.value).startswith(
        "'Butter, salted' cannot be removed: it is used in recipe 'Toast', menu "
    )
    recipes.ensure_food_unused(uow(database), EGG)  # unused: no error


def test_a_menu_needs_days_and_distinct_meal_names(database, menu_id) -> None:
    with pytest.raises(ValidationFailed, match="A menu has 1 to 31 days, not 0."):
        menus.create_menu(uow(database), 1, "Empty", dt.date(2026, 1, 1), days=0)
    with pytest.raises(ValidationFailed, match="Meal names must be given and different"):
        menus.create_menu(uow(database), 1, "Twice", dt.date(2026, 1, 1), slots=("Lunch", "Lunch"))


def test_an_edited_demo_recipe_becomes_the_users_own(database) -> None:
    demo = Recipe("Demo toast", 1, [Ingredient(BUTTER, 1, "tbsp", 14.2)], is_demo=True)
    with uow(database) as work:
        recipe_id = work.recipes.add(demo)
        work.commit()
    with uow(database) as work:
        edited = work.recipes.get(recipe_id)
    edited.servings = 2
    recipes.save(uow(database), edited)
    with uow(database) as work:
        assert work.recipes.get(recipe_id).is_demo is False
