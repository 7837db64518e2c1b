"""Generating menus through the service on in-memory fakes: a small catalogue of everyday foods
(USDA SR26 values per 100 g), one client, one menu."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import polars as pl
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.constraints import violations
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food, Portion
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.tagging import tags_for_food
from menuplanner.domain.tags import FORBIDDEN_BY_DIET, Diet
from menuplanner.domain.targets import Targets
from menuplanner.planning.meals import MealKind
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import FoodRule
from menuplanner.services import generate, substitutes
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork
from menuplanner.store.memory.planning import MemoryPlanningStore

# id: (name, group, kcal, protein, carbohydrate, fat, fibre, sodium, portions)
FOODS = {
    1: (
        "Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and "
        "microwaving), without salt",
        "0800",
        71,
        2.5,
        12.0,
        1.5,
        1.7,
        4,
        (("cup", 234),),
    ),
    2: (
        "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
        "0100",
        50,
        3.3,
        4.8,
        2.0,
        0,
        44,
        (("cup", 244),),
    ),
    3: (
        "Bread, whole-wheat, commercially prepared",
        "1800",
        247,
        13,
        41,
        3.4,
        6.8,
        450,
        (("slice", 32),),
    ),
    4: ("Egg, whole, cooked, hard-boiled", "0100", 155, 12.6, 1.1, 10.6, 0, 124, (("large", 50),)),
    5: ("Yogurt, Greek, plain, nonfat", "0100", 59, 10.2, 3.6, 0.4, 0, 36, (("container", 170),)),
    6: ("Peanut butter, smooth style, with salt", "1600", 588, 25, 20, 50, 6, 459, (("tbsp", 16),)),
    7: (
        "Soymilk, original and vanilla, with added calcium, vitamins A and D",
        "1600",
        54,
        3.3,
        6.3,
        1.8,
        0.6,
        51,
        (("cup", 243),),
    ),
    8: ("Bananas, raw", "0900", 89, 1.1, 22.8, 0.3, 2.6, 1, (("medium", 118),)),
    9: ("Apples, raw, with skin", "0900", 52, 0.3, 13.8, 0.2, 2.4, 1, (("medium", 182),)),
    10: (
        "Oranges, raw, all commercial varieties",
        "0900",
        47,
        0.9,
        11.8,
        0.1,
        2.4,
        0,
        (("fruit", 131),),
    ),
    11: (
        "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
        "0500",
        165,
        31,
        0,
        3.6,
        0,
        74,
        (),
    ),
    12: ("Fish, salmon, sockeye, cooked, dry heat", "1500", 169, 26.5, 0, 6.2, 0, 92, ()),
    13: (
        "Lentils, mature seeds, cooked, boiled, without salt",
        "1600",
        116,
        9,
        20,
        0.4,
        7.9,
        2,
        (("cup", 198),),
    ),
    14: (
        "Chickpeas (garbanzo beans, bengal gram), mature seeds, cooked, boiled, without salt",
        "1600",
        164,
        8.9,
        27.4,
        2.6,
        7.6,
        7,
        (("cup", 164),),
    ),
    15: (
        "Tofu, raw, firm, prepared with calcium sulfate",
        "1600",
        144,
        17.3,
        2.8,
        8.7,
        2.3,
        14,
        (),
    ),
    16: (
        "Rice, white, long-grain, regular, cooked, enriched",
        "2000",
        130,
        2.7,
        28,
        0.3,
        0.4,
        1,
        (("cup", 158),),
    ),
    17: (
        "Spaghetti, cooked, enriched, without added salt",
        "2000",
        158,
        5.8,
        30.9,
        0.9,
        1.8,
        1,
        (("cup", 140),),
    ),
    18: (
        "Broccoli, cooked, boiled, drained, without salt",
        "1100",
        35,
        2.4,
        7.2,
        0.4,
        3.3,
        41,
        (("cup", 156),),
    ),
    19: ("Carrots, raw", "1100", 41, 0.9, 9.6, 0.2, 2.8, 69, (("cup", 128),)),
    20: ("Lettuce, cos or romaine, raw", "1100", 17, 1.2, 3.3, 0.3, 2.1, 8, (("cup", 47),)),
    21: (
        "Potatoes, baked, flesh and skin, without salt",
        "1100",
        93,
        2.5,
        21,
        0.1,
        2.2,
        10,
        (("medium", 173),),
    ),
    22: ("Cheese, cheddar", "0100", 403, 24.9, 1.3, 33.1, 0, 621, (("slice", 28),)),
    23: ("Nuts, almonds", "1200", 579, 21.2, 21.6, 49.9, 12.5, 1, ()),
    24: (
        "Beef, ground, 85% lean meat / 15% fat, patty, cooked, broiled",
        "1300",
        250,
        26,
        0,
        15,
        0,
        72,
        (),
    ),
    25: ("Hummus, home prepared", "1600", 177, 4.9, 20, 8.6, 4, 242, (("tbsp", 15),)),
    26: ("Crackers, whole-wheat", "1800", 443, 10.6, 68.6, 17.2, 10.5, 704, ()),
    27: ("Avocados, raw, all commercial varieties", "0900", 160, 2, 8.5, 14.7, 6.7, 7, ()),
    28: (
        "Beans, black turtle, mature seeds, cooked, boiled, without salt",
        "1600",
        130,
        8.2,
        24.4,
        0.4,
        8.3,
        3,
        (("cup", 185),),
    ),
    29: ("Quinoa, cooked", "2000", 120, 4.4, 21.3, 1.9, 2.8, 7, (("cup", 185),)),
    30: (
        "Peas, green, frozen, cooked, boiled, drained, without salt",
        "1100",
        78,
        5.2,
        14.3,
        0.3,
        4.5,
        72,
        (("cup", 160),),
    ),
    31: ("Cereals ready-to-eat, granola, homemade", "0800", 489, 13.7, 53.9, 24.3, 8.9, 26, ()),
    32: ("Seeds, sunflower seed kernels, dried", "1200", 584, 20.8, 20, 51.5, 8.6, 9, ()),
    # never suggested
    90: (
        "Chicken, broilers or fryers, breast, meat only, raw",
        "0500",
        120,
        22.5,
        0,
        2.6,
        0,
        45,
        (),
    ),
    91: (
        "Wheat flour, white, all-purpose, enriched, bleached",
        "2000",
        364,
        10.3,
        76.3,
        1,
        2.7,
        2,
        (),
    ),
    92: ("Mustard, prepared, yellow", "0200", 60, 3.7, 5.8, 3.3, 4, 1104, ()),
}
SLOTS = ("Breakfast", "Lunch", "Afternoon snack", "Dinner")
TARGETS = Targets(2000, 90, 250, 70, 25, 2300)
START = dt.date(2026, 1, 5)


def _catalog() -> MemoryFoodCatalog:
    foods, rows = {}, []
    for food_id, (name, group, *values, portions) in FOODS.items():
        measures = tuple(Portion(i, 1, d, g) for i, (d, g) in enumerate(portions, start=1))
        foods[food_id] = Food(food_id, name, group, portions=measures)
        rows.append((food_id, *map(float, values)))
    planned = ["energy_kcal", "protein_g", "carbohydrate_g", "fat_g", "fibre_g", "sodium_mg"]
    nutrients = pl.DataFrame(rows, schema=["food_id", *planned], orient="row").with_columns(
        pl.lit(None, pl.Float64).alias(k) for k in KEYS if k not in planned
    )
    return MemoryFoodCatalog(foods, nutrients, common=list(foods))


class World:
    """One client with one empty menu, on in-memory stores."""

    def __init__(self, client: Client, days: int = 3) -> None:
        catalog = _catalog()
        self.database = MemoryDatabase(catalog)
        self.store = MemoryPlanningStore(catalog)
        with (uow := self.uow()):
            client.manual_targets = client.manual_targets or TARGETS
            self.client_id = uow.clients.add(client)
            self.menu_id = uow.menus.add(Menu(self.client_id, "Week", START, days, SLOTS))
            uow.commit()

    def uow(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.database)

    def generate(self, days=None, **settings) -> list[generate.DayResult]:
        return list(
            generate.generate(
                self.uow(), self.store, self.menu_id, days, GenerateSettings(**settings)
            )
        )

    def menu(self) -> Menu:
        with (uow := self.uow()):
            return uow.menus.get(self.menu_id)

    def add(self, item: MenuItem) -> None:
        from menuplanner.domain.menus import add_item

        with (uow := self.uow()):
            menu = uow.menus.get(self.menu_id)
            add_item(menu, item)
            uow.menus.update(menu)
            uow.commit()


def _client(**changes) -> Client:
    return Client("Ana", Sex.FEMALE, **changes)


def test_every_day_lands_within_five_percent_of_its_targets() -> None:
    world = World(_client())
    results = world.generate()
    assert [r.within for r in results] == [True, True, True]
    report = generate_report(world)
    four = report.adherence.filter(
        pl.col("measure").is_in(["energy_kcal", "protein_g", "carbohydrate_g", "fat_g"])
    )
    assert four["diff_pct"].abs().max() <= 5.0 + 1e-6


def generate_report(world: World):
    from menuplanner.services import menus

    return menus.report(world.uow(), world.menu_id)


def test_a_vegan_client_never_gets_animal_products() -> None:
    world = World(_client(diets=frozenset({Diet.VEGAN})))
    world.generate()
    items = world.menu().items
    assert items
    animal = FORBIDDEN_BY_DIET[Diet.VEGAN]
    for item in items:
        name, group = FOODS[item.ref_id][:2]
        assert not tags_for_food(name, group) & animal, name


def test_no_item_breaks_an_allergy_or_a_dislike() -> None:
    from menuplanner.domain.tags import Allergen

    client = _client(allergies=frozenset({Allergen.MILK, Allergen.PEANUTS}), dislikes=("broccoli",))
    world = World(client)
    world.generate()
    for item in world.menu().items:
        name, group = FOODS[item.ref_id][:2]
        assert not violations(tags_for_food(name, group), [name], client), name


def test_ingredients_and_silly_items_never_appear() -> None:
    world = World(_client(), days=3)
    world.generate()
    assert not {i.ref_id for i in world.menu().items} & {90, 91, 92}


def test_portions_are_household_measures_or_round_grams() -> None:
    world = World(_client())
    world.generate()
    for item in world.menu().items:
        if item.unit == "g":
            assert item.quantity % 5 == 0, item
        else:
            assert (item.quantity * 2) % 1 == 0, item  # whole or half measures


def test_items_already_placed_stay_and_their_meal_is_left_alone() -> None:
    world = World(_client(), days=1)
    world.add(MenuItem(0, "Lunch", ItemKind.FOOD, 11, 150, "g", 150.0, "Chicken"))
    results = world.generate()
    lunch = [i for i in world.menu().items if i.slot == "Lunch"]
    assert [(i.ref_id, i.grams) for i in lunch] == [(11, 150.0)]
    assert results[0].within and "Lunch" not in results[0].filled


def test_replacing_keeps_locked_items_and_completes_their_meal() -> None:
    world = World(_client(), days=1)
    world.add(MenuItem(0, "Dinner", ItemKind.FOOD, 12, 120, "g", 120.0, "Salmon", locked=True))
    world.add(MenuItem(0, "Lunch", ItemKind.FOOD, 24, 100, "g", 100.0, "Beef"))
    world.generate(replace=True)
    items = world.menu().items
    assert any(i.ref_id == 12 and i.grams == 120.0 and i.locked for i in items)
    assert not any(i.ref_id == 24 for i in items)  # unlocked: replaced
    assert len([i for i in items if i.slot == "Dinner"]) >= 2


def test_no_food_appears_more_often_than_the_weekly_limit() -> None:
    world = World(_client(), days=4)
    world.generate(repeat_limit=1, max_items=2, snack_max_items=1)
    uses = Counter((i.kind, i.ref_id) for i in world.menu().items)
    assert uses and max(uses.values()) == 1


def test_no_two_days_are_identical_and_another_seed_gives_another_day() -> None:
    world = World(_client(), days=3)
    world.generate(repeat_limit=3)
    days = [
        frozenset((i.slot, i.ref_id) for i in world.menu().items if i.day == d) for d in range(3)
    ]
    assert len(set(days)) == 3
    first = days[0]
    world.generate(days=[0], replace=True, repeat_limit=3, seed=7)
    again = frozenset((i.slot, i.ref_id) for i in world.menu().items if i.day == 0)
    assert again != first


def test_an_impossible_target_says_which_one_and_why() -> None:
    vegan = Targets(1200, 250, 40, 40, 10, 2300)  # 250 g protein in 1,200 kcal, vegan
    world = World(_client(diets=frozenset({Diet.VEGAN}), manual_targets=vegan), days=1)
    [result] = world.generate()
    assert not result.within and result.added > 0  # the closest day is kept
    protein = next(g for g in result.gaps if g.measure == "protein_g")
    assert protein.actual < protein.low
    assert any(r.startswith("Protein: ") for r in result.reasons)
    energy = next((g for g in result.gaps if g.measure == "energy_kcal"), None)
    assert energy is None or abs(energy.pct) < abs(protein.pct)  # energy kept first
    assert any(
        "give at most" in r and "g of protein, so 238 g is out of reach" in r
        for r in result.reasons
    ), result.reasons


def test_the_diet_is_named_when_it_is_what_blocks_a_target() -> None:
    lean = Targets(1500, 150, 120, 45, 10, 2300)  # 40 % protein: chicken and fish make it
    world = World(_client(diets=frozenset({Diet.VEGAN}), manual_targets=lean), days=1)
    [result] = world.generate()
    assert not result.within
    assert any("Without the client's vegan diet it would be reachable" in r for r in result.reasons)


def test_a_user_rule_can_ban_a_food_or_limit_its_portion() -> None:
    world = World(_client(), days=2)
    world.store.set_rule(FoodRule(ItemKind.FOOD, 16, frozenset()))  # rice: never
    world.store.set_rule(FoodRule(ItemKind.FOOD, 11, frozenset({MealKind.MAIN}), 60, 80))
    world.generate(repeat_limit=2)
    items = world.menu().items
    assert not any(i.ref_id == 16 for i in items)
    assert all(60 <= i.grams <= 80 for i in items if i.ref_id == 11)


def test_no_days_is_refused_with_a_sentence() -> None:
    world = World(_client())
    with pytest.raises(ValidationFailed, match="Choose at least one day"):
        world.generate(days=[])


def test_substitutes_keep_the_day_close_and_say_why_then_one_click_swaps() -> None:
    world = World(_client(), days=1)
    world.add(MenuItem(0, "Afternoon snack", ItemKind.FOOD, 8, 1, "medium", 118.0, "Bananas, raw"))
    world.generate()
    menu = world.menu()
    fruit = next(i for i in menu.items if i.ref_id == 8)
    found = substitutes.substitutes(world.uow(), world.store, world.menu_id, fruit.item_id)
    assert found.options
    best = found.options[0]
    assert best.ref_id != fruit.ref_id and best.ref_id not in {i.ref_id for i in menu.items}
    assert best.deviation_after <= min(o.deviation_after for o in found.options) + 1.0
    assert "mean deviation" in best.why and "points from the item's" in best.why
    assert set(best.effect) == {
        "energy_kcal",
        "protein_g",
        "carbohydrate_g",
        "fat_g",
        "fibre_g",
        "sodium_mg",
    }
    swapped = substitutes.swap(world.uow(), world.menu_id, fruit.item_id, best)
    after = {i.item_id: i for i in world.menu().items}[fruit.item_id]
    assert (after.ref_id, after.slot, after.position) == (best.ref_id, fruit.slot, fruit.position)
    assert swapped.label == best.label


def test_locking_an_item_is_saved() -> None:
    world = World(_client(), days=1)
    world.generate()
    item = world.menu().items[0]
    generate.set_locked(world.uow(), world.menu_id, item.item_id, True)
    assert {i.item_id: i.locked for i in world.menu().items}[item.item_id]


def test_the_cheapest_menu_leaves_out_the_dear_foods() -> None:
    world = World(_client(), days=2)
    for food_id in FOODS:
        world.store.set_price(food_id, 3.0)
    world.store.set_price(11, 400.0)  # chicken breast
    world.store.set_price(12, 500.0)  # salmon
    results = world.generate(cheapest=True)
    assert all(r.within for r in results)
    assert not {i.ref_id for i in world.menu().items} & {11, 12}


def test_a_swapped_food_never_keeps_a_unit_it_has_no_measure_for() -> None:
    # A substitute carrying the old food's unit ("cup (not packed)", as the builder once sent)
    # is put in bread's own measure at the same grams: 64 g is 2 slices of 32 g.
    world = World(_client(), days=1)
    world.add(MenuItem(0, "Breakfast", ItemKind.FOOD, 8, 1, "medium", 118.0, "Bananas, raw"))
    banana = world.menu().items[0]
    bread = substitutes.Substitute(
        ItemKind.FOOD, 3, "Bread", 0.5, "cup (not packed)", 64.0, {}, {}, 0, 0, 0, False
    )
    swapped = substitutes.swap(world.uow(), world.menu_id, banana.item_id, bread)
    assert (swapped.ref_id, swapped.quantity, swapped.unit, swapped.grams) == (
        3,
        2.0,
        "slice",
        64.0,
    )
    assert world.menu().items[0].unit == "slice"


def test_a_swapped_food_without_a_close_measure_is_put_in_grams() -> None:
    world = World(_client(), days=1)
    world.add(MenuItem(0, "Breakfast", ItemKind.FOOD, 8, 1, "medium", 118.0, "Bananas, raw"))
    banana = world.menu().items[0]
    bread = substitutes.Substitute(
        ItemKind.FOOD, 3, "Bread", 1, "cup (not packed)", 11.0, {}, {}, 0, 0, 0, False
    )
    swapped = substitutes.swap(world.uow(), world.menu_id, banana.item_id, bread)
    assert (swapped.quantity, swapped.unit, swapped.grams) == (11.0, "g", 11.0)
