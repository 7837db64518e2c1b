"""Demo data: a client, 22 everyday recipes and a planned week, so a newcomer's first screen is
a populated dashboard rather than an empty one.

Everything is built from the bundled USDA SR26 foods (ids are SR26 NDB numbers) and marked
`is_demo=True`; `remove_demo` deletes it again in one action. Amounts are plain data: grams or
one of the food's household measures exactly as USDA spells it, resolved to grams by
`domain.units.to_grams` when the demo is written, so a mistyped measure fails the build loudly.

The week is designed for the demo client's profile targets (in 2026: 2,075 kcal, 77 g protein,
286 g carbohydrate, 69 g fat): every day comes within ±5 % of the energy target and within ±10 %
of each macro, with at least the fibre minimum and under the sodium maximum. Her age, and so her
target, drops by about 8 kcal a year, which the margins absorb for decades.
`tests/integration/test_demo_data.py` checks each day against ±10 % with the totals engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from menuplanner.domain import menus as menu_rules
from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Allergen
from menuplanner.domain.units import to_grams
from menuplanner.ports import LOCAL_WORKSPACE, UnitOfWork
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

if TYPE_CHECKING:
    import duckdb

DEMO_CLIENT = Client(
    name="Maya Jensen (demo)",
    sex=Sex.FEMALE,
    birth_year=1988,
    height_cm=168.0,
    weight_kg=64.0,
    activity=ActivityLevel.MODERATE,
    goal=Goal.MAINTAIN,
    allergies=frozenset({Allergen.PEANUTS}),
    dislikes=("liver",),
    notes=(
        "Demo client: a made-up profile with a planned week, to show how menus are judged "
        "against targets. Remove all demo data in one action when you no longer need it."
    ),
    is_demo=True,
)
DEMO_MENU_NAME = "Demo week"


class DemoRecipe(NamedTuple):
    name: str
    servings: float
    method: str
    ingredients: tuple[tuple[int, float, str], ...]  # (USDA food id, quantity, unit)


class Serve(NamedTuple):
    """A demo recipe on the menu, in servings."""

    recipe: str
    servings: float = 1.0


class Eat(NamedTuple):
    """A single food on the menu, in grams or one of its household measures."""

    food_id: int
    quantity: float
    unit: str


# Household measures, spelt exactly as in the USDA portions table.
MEDIUM_TOMATO_SLICE = 'slice, medium (1/4" thick)'

RECIPES: tuple[DemoRecipe, ...] = (
    DemoRecipe(
        "Oatmeal with blueberries and walnuts",
        1,
        "Simmer the oats in the milk and half a cup of water for 5 minutes, stirring, until "
        "creamy. Top with the blueberries and chopped walnuts and drizzle with the honey.",
        (
            (8120, 0.5, "cup"),
            (1079, 0.5, "cup"),
            (9050, 0.5, "cup"),
            (12155, 0.5, "oz (14 halves)"),
            (19296, 0.5, "tbsp"),
        ),
    ),
    DemoRecipe(
        "Greek yogurt with honey and almonds",
        1,
        "Spoon the yogurt into a bowl, add the strawberries and scatter the almonds over. "
        "Drizzle with the honey just before eating.",
        (
            (1256, 1, "container"),
            (9316, 0.5, "cup, halves"),
            (12061, 0.5, "oz (23 whole kernels)"),
            (19296, 1, "tbsp"),
        ),
    ),
    DemoRecipe(
        "Scrambled eggs on wholewheat toast",
        1,
        "Whisk the eggs with the milk. Cook them gently in the melted butter, folding until "
        "just set, and serve on the toast with the sliced tomato.",
        (
            (1123, 2, "large"),
            (1079, 1, "fl oz"),
            (1001, 1, 'pat (1" sq, 1/3" high)'),
            (18075, 2, "slice"),
            (11529, 3, MEDIUM_TOMATO_SLICE),
        ),
    ),
    DemoRecipe(
        "Vegetable omelette",
        1,
        "Soften the mushrooms and pepper in the butter, then add the spinach until it wilts. "
        "Pour in the beaten eggs, scatter the cheddar over and fold once the eggs have set.",
        (
            (1123, 2, "large"),
            (11260, 0.5, "cup, pieces or slices"),
            (11821, 0.25, "cup, chopped"),
            (11457, 1, "cup"),
            (1009, 0.5, "oz"),
            (1001, 1, 'pat (1" sq, 1/3" high)'),
        ),
    ),
    DemoRecipe(
        "Wholewheat toast with butter and jam",
        1,
        "Toast the bread until golden. Spread it with the butter while hot and top with the jam.",
        ((18075, 2, "slice"), (1001, 2, 'pat (1" sq, 1/3" high)'), (19297, 1, "tbsp")),
    ),
    DemoRecipe(
        "Banana smoothie",
        1,
        "Blend the banana, milk, oats and honey until smooth. Serve at once.",
        (
            (9040, 1, 'medium (7" to 7-7/8" long)'),
            (1079, 1, "cup"),
            (8120, 0.25, "cup"),
            (19296, 0.5, "tbsp"),
        ),
    ),
    DemoRecipe(
        "Chicken and rice bowl with broccoli",
        2,
        "Slice the roast chicken and warm it in the olive oil with the garlic. Serve over the "
        "rice with the steamed broccoli and a splash of soy sauce.",
        (
            (5064, 150, "g"),
            (20045, 3, "cup"),
            (11091, 2, "cup, chopped"),
            (4053, 2, "tablespoon"),
            (16424, 1, "tbsp"),
            (11215, 2, "clove"),
        ),
    ),
    DemoRecipe(
        "Lentil soup",
        4,
        "Soften the onion, carrots, celery and garlic in the olive oil for 10 minutes. Add the "
        "cumin, tomatoes, broth and cooked lentils and simmer for 20 minutes. Blend half of "
        "the soup for a thicker texture.",
        (
            (16070, 3, "cup"),
            (11282, 1, 'medium (2-1/2" dia)'),
            (11124, 2, "medium"),
            (11143, 2, 'stalk, medium (7-1/2" - 8" long)'),
            (11885, 1, "cup"),
            (4053, 2, "tablespoon"),
            (11215, 2, "clove"),
            (6970, 4, "cup"),
            (2014, 1, "tsp, whole"),
        ),
    ),
    DemoRecipe(
        "Salmon with potatoes and green beans",
        2,
        "Bake the salmon at 200 °C for 12–15 minutes. Boil the potatoes and green beans, toss "
        "them in the butter and parsley, and finish the fish with lemon juice.",
        (
            (15237, 200, "g"),
            (11367, 3, 'medium (2-1/4" to 3-1/4" dia.)'),
            (11053, 2, "cup"),
            (1001, 1, "tbsp"),
            (9152, 2, "wedge yields"),
            (11297, 1, "tbsp"),
        ),
    ),
    DemoRecipe(
        "Beef and vegetable stir-fry with rice",
        2,
        "Stir-fry the sliced steak in half the oil over high heat and set it aside. Fry the "
        "onion, pepper, broccoli, ginger and garlic in the rest, return the beef with the soy "
        "sauce and serve over the rice.",
        (
            (23610, 4.5, "oz"),
            (11821, 1, 'medium (approx 2-3/4" long, 2-1/2 dia.)'),
            (11090, 2, "cup chopped"),
            (11282, 1, 'medium (2-1/2" dia)'),
            (4582, 1, "tbsp"),
            (16424, 2, "tbsp"),
            (11216, 1, "tsp"),
            (11215, 2, "clove"),
            (20045, 3, "cup"),
        ),
    ),
    DemoRecipe(
        "Turkey and cheese sandwich",
        1,
        "Spread one slice of bread with the mayonnaise and the other with mustard. Layer the "
        "turkey, cheese, lettuce and tomato between them and cut in half to serve.",
        (
            (18075, 2, "slice"),
            (5711, 2, "oz"),
            (1040, 1, "slice (1 oz)"),
            (11251, 1, "leaf outer"),
            (11529, 2, MEDIUM_TOMATO_SLICE),
            (4025, 1, "tbsp"),
            (2046, 1, "tsp or 1 packet"),
        ),
    ),
    DemoRecipe(
        "Tuna salad",
        2,
        "Mix the tuna with the mayonnaise and lemon juice. Toss the lettuce, tomatoes, "
        "cucumber, onion and sliced boiled potatoes with the olive oil and top with the tuna.",
        (
            (15121, 1, "can"),
            (4025, 1, "tbsp"),
            (9152, 1, "wedge yields"),
            (11251, 2, "cup shredded"),
            (11529, 1, "cup cherry tomatoes"),
            (11206, 1, "cup, sliced"),
            (11282, 2, "tbsp chopped"),
            (4053, 2, "tablespoon"),
            (11367, 2, 'medium (2-1/4" to 3-1/4" dia.)'),
        ),
    ),
    DemoRecipe(
        "Chicken and avocado wrap",
        1,
        "Lay the sliced chicken, avocado, lettuce and tomato on the tortilla. Roll it up "
        "tightly and cut it in half on the diagonal.",
        (
            (18364, 1, 'tortilla (approx 10" dia)'),
            (5064, 70, "g"),
            (9037, 0.5, "cup, sliced"),
            (11251, 1, "cup shredded"),
            (11529, 2, MEDIUM_TOMATO_SLICE),
        ),
    ),
    DemoRecipe(
        "Pasta with tomato sauce and parmesan",
        2,
        "Cook the spaghetti until al dente. Warm the tomato sauce with the olive oil, toss it "
        "with the drained pasta and serve with the parmesan and torn basil.",
        (
            (20121, 3, "cup"),
            (6931, 2, "serving 1/2 cup"),
            (1032, 4, "tbsp"),
            (4053, 2, "tablespoon"),
            (2044, 5, "leaves"),
        ),
    ),
    DemoRecipe(
        "Bean chili",
        4,
        "Soften the onion, pepper and garlic in the olive oil, then stir in the spices. Add the "
        "tomatoes, beans and corn and simmer for 25 minutes until thick. Serve topped with "
        "the sliced avocado.",
        (
            (16033, 2, "cup"),
            (16017, 1, "cup"),
            (11885, 2, "cup"),
            (11282, 1, "large"),
            (11333, 1, 'medium (approx 2-3/4" long, 2-1/2" dia)'),
            (4053, 2, "tablespoon"),
            (2009, 1, "tbsp"),
            (2014, 1, "tsp, whole"),
            (11215, 3, "clove"),
            (11178, 1, "cup"),
            (9037, 1, "cup, sliced"),
        ),
    ),
    DemoRecipe(
        "Quinoa salad with chickpeas and feta",
        3,
        "Toss the cooled quinoa with the chickpeas, cucumber, tomatoes, onion and parsley. "
        "Dress with the olive oil and lemon juice and crumble the feta over.",
        (
            (20137, 2, "cup"),
            (16057, 1, "cup"),
            (1019, 3, "oz"),
            (11206, 1, "cup, sliced"),
            (11529, 1, "cup cherry tomatoes"),
            (11282, 2, "tbsp chopped"),
            (4053, 2, "tablespoon"),
            (9152, 1, "lemon yields"),
            (11297, 2, "tbsp"),
        ),
    ),
    DemoRecipe(
        "Baked cod with rice and peas",
        2,
        "Brush the cod with olive oil and bake at 200 °C for 12 minutes. Serve with the rice "
        "and peas, with lemon juice and parsley over the fish.",
        (
            (15016, 1, "fillet"),
            (20045, 3, "cup"),
            (11313, 0.5, "cup"),
            (4053, 2, "tablespoon"),
            (9152, 2, "wedge yields"),
            (11297, 1, "tbsp"),
        ),
    ),
    DemoRecipe(
        "Roast chicken with sweet potato",
        2,
        "Roast the sweet potato and carrots in the olive oil at 200 °C for 35 minutes. Slice "
        "the roast chicken breast and serve it with the vegetables and green beans.",
        (
            (5064, 150, "g"),
            (11508, 2.5, "large"),
            (11124, 2, "medium"),
            (4053, 2, "tablespoon"),
            (11053, 1, "cup"),
        ),
    ),
    DemoRecipe(
        "Tofu vegetable stir-fry",
        2,
        "Fry the cubed tofu in the canola oil until golden and set it aside. Stir-fry the "
        "vegetables, ginger and garlic, return the tofu with the soy sauce and sesame oil, and "
        "serve over the brown rice.",
        (
            (16426, 250, "g"),
            (11090, 2, "cup chopped"),
            (11821, 1, 'medium (approx 2-3/4" long, 2-1/2 dia.)'),
            (11124, 1, "medium"),
            (4582, 1, "tbsp"),
            (4058, 1, "tablespoon"),
            (16424, 2, "tbsp"),
            (11216, 1, "tsp"),
            (11215, 2, "clove"),
            (20037, 2, "cup"),
        ),
    ),
    DemoRecipe(
        "Hummus with carrots and pita",
        1,
        "Cut the carrots into sticks and the pita into wedges. Serve with the hummus for dipping.",
        (
            (16137, 4, "tablespoon"),
            (11124, 1, "cup strips or slices"),
            (18042, 0.5, 'pita, large (6-1/2" dia)'),
        ),
    ),
    DemoRecipe(
        "Apple with cheddar",
        1,
        "Core the apple and cut it into wedges. Serve with the cheddar cut into slices.",
        ((9003, 1, 'medium (3" dia)'), (1009, 1, "oz")),
    ),
    DemoRecipe(
        "Fruit salad",
        2,
        "Cut the fruit into bite-sized pieces, halving the grapes. Toss gently with the lemon "
        "juice and chill until served.",
        (
            (9316, 1, "cup, halves"),
            (9148, 2, 'fruit (2" dia)'),
            (9200, 1, 'fruit (2-5/8" dia)'),
            (9132, 1, "cup"),
            (9040, 1, 'medium (7" to 7-7/8" long)'),
            (9152, 1, "wedge yields"),
        ),
    ),
)

APPLE = Eat(9003, 1, 'medium (3" dia)')
BANANA = Eat(9040, 1, 'medium (7" to 7-7/8" long)')
ORANGE = Eat(9200, 1, 'fruit (2-5/8" dia)')
ORANGE_JUICE = Eat(9206, 1, "cup")
MILK = Eat(1079, 1, "cup")
BREAD = Eat(18075, 2, "slice")
WALNUTS = Eat(12155, 1, "oz (14 halves)")
CRACKERS = Eat(18235, 1, "serving")

B, MS, L, AS, D = DEFAULT_SLOTS
# Day 0 is Monday. Each day: meal → what is eaten, in order.
WEEK: tuple[dict[str, tuple[Serve | Eat, ...]], ...] = (
    {  # Monday
        B: (Serve("Oatmeal with blueberries and walnuts"), ORANGE_JUICE),
        MS: (APPLE, BANANA),
        L: (Serve("Lentil soup"), BREAD),
        AS: (WALNUTS, ORANGE),
        D: (Serve("Chicken and rice bowl with broccoli"),),
    },
    {  # Tuesday
        B: (Serve("Wholewheat toast with butter and jam"), ORANGE),
        MS: (Serve("Banana smoothie"),),
        L: (Serve("Turkey and cheese sandwich"),),
        AS: (APPLE,),
        D: (Serve("Pasta with tomato sauce and parmesan", 1.5),),
    },
    {  # Wednesday
        B: (Serve("Oatmeal with blueberries and walnuts"), ORANGE_JUICE),
        MS: (Serve("Apple with cheddar"),),
        L: (Serve("Quinoa salad with chickpeas and feta"), CRACKERS, ORANGE),
        AS: (Serve("Fruit salad"), MILK),
        D: (Serve("Salmon with potatoes and green beans"),),
    },
    {  # Thursday
        B: (Serve("Wholewheat toast with butter and jam"), BANANA),
        MS: (Serve("Greek yogurt with honey and almonds"),),
        L: (Serve("Bean chili"), CRACKERS),
        AS: (WALNUTS, APPLE),
        D: (Serve("Beef and vegetable stir-fry with rice"),),
    },
    {  # Friday
        B: (
            Serve("Vegetable omelette"),
            Serve("Wholewheat toast with butter and jam"),
            ORANGE_JUICE,
        ),
        MS: (Serve("Fruit salad"),),
        L: (Serve("Tuna salad"), ORANGE, APPLE),
        AS: (BANANA,),
        D: (Serve("Baked cod with rice and peas"),),
    },
    {  # Saturday
        B: (Serve("Wholewheat toast with butter and jam"), Serve("Fruit salad"), ORANGE_JUICE),
        MS: (ORANGE,),
        L: (Serve("Chicken and avocado wrap"),),
        AS: (Serve("Hummus with carrots and pita"), APPLE),
        D: (Serve("Tofu vegetable stir-fry"),),
    },
    {  # Sunday
        B: (Serve("Scrambled eggs on wholewheat toast"), ORANGE_JUICE),
        MS: (Serve("Fruit salad"), BANANA),
        L: (Serve("Quinoa salad with chickpeas and feta"), CRACKERS),
        AS: (Serve("Apple with cheddar"),),
        D: (Serve("Roast chicken with sweet potato"),),
    },
)


@dataclass(frozen=True)
class DemoRemoval:
    """What `remove_demo` deleted, and the demo rows it kept because user data needs them."""

    menus: int = 0
    clients: int = 0
    recipes: int = 0
    kept: list[str] = field(default_factory=list)


def seed(conn: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> None:
    """Add the demo client, recipes and week to the local workspace, all or nothing; does
    nothing when a demo client is already there. The `setup.SEED` hook of a first build."""
    add_demo_once(DuckDBUnitOfWork(conn, LOCAL_WORKSPACE), today or dt.date.today())


def add_demo_once(uow: UnitOfWork, today: dt.date) -> bool:
    """Add the demo data to the unit of work's workspace and commit, all or nothing; does
    nothing (and returns False) when that workspace already has a demo client."""
    with uow:
        if any(client.is_demo for client in uow.clients.list()):
            return False
        add_demo(uow, today)
        uow.commit()
    return True


def add_demo(uow: UnitOfWork, today: dt.date) -> int:
    """Write the demo data through an open unit of work (not committed); returns the menu id.

    The week starts on the Monday of `today`'s week, so the dashboard's current week is the
    populated one on a first run.
    """
    foods = uow.foods.get_many(sorted(_food_ids()))
    if missing := _food_ids() - foods.keys():
        raise NotFound(f"The demo data needs USDA foods this database lacks: {sorted(missing)}.")
    client_id = uow.clients.add(replace(DEMO_CLIENT))
    recipe_ids = {r.name: uow.recipes.add(_recipe(r, foods)) for r in RECIPES}
    monday = today - dt.timedelta(days=today.weekday())
    menu = Menu(client_id, DEMO_MENU_NAME, monday, days=len(WEEK), is_demo=True)
    for day, meals in enumerate(WEEK):
        for slot, entries in meals.items():
            for entry in entries:
                menu_rules.add_item(menu, _item(day, slot, entry, foods, recipe_ids))
    return uow.menus.add(menu)


def remove_demo(uow: UnitOfWork) -> DemoRemoval:
    """Delete every demo menu, client and recipe of the workspace, and commit: the one action.

    User rows are never touched. A demo recipe a user's menu uses, and a demo client with a
    user's menu, are kept and listed in `kept` with the reason.
    """
    kept: list[str] = []
    with uow:
        menus = [m for m in uow.menus.list() if m.is_demo]
        for menu in menus:
            uow.menus.delete(menu.menu_id)
        clients = 0
        for client in (c for c in uow.clients.list() if c.is_demo):
            if own := uow.menus.list(client.client_id):
                kept.append(f"{client.name} (has {_quoted('menu', [m.name for m in own])})")
            else:
                uow.clients.delete(client.client_id)
                clients += 1
        recipes = 0
        for recipe in (r for r in uow.recipes.list() if r.is_demo):
            if users := uow.menus.using_recipe(recipe.recipe_id):
                kept.append(f"{recipe.name} (used by {_quoted('menu', [u.name for u in users])})")
            else:
                uow.recipes.delete(recipe.recipe_id)
                recipes += 1
        uow.commit()
    return DemoRemoval(len(menus), clients, recipes, kept)


def _quoted(noun: str, names: list[str]) -> str:
    listed = ", ".join(f"'{name}'" for name in names)
    return f"{noun} {listed}" if len(names) == 1 else f"{noun}s {listed}"


def _food_ids() -> set[int]:
    ids = {food_id for recipe in RECIPES for food_id, _, _ in recipe.ingredients}
    entries = (entry for meals in WEEK for entries in meals.values() for entry in entries)
    return ids | {entry.food_id for entry in entries if isinstance(entry, Eat)}


def _recipe(data: DemoRecipe, foods: dict[int, Food]) -> Recipe:
    ingredients = [
        Ingredient(
            food_id, quantity, unit, _grams(foods[food_id], quantity, unit), foods[food_id].name
        )
        for food_id, quantity, unit in data.ingredients
    ]
    return Recipe(data.name, data.servings, ingredients, data.method, is_demo=True)


def _item(
    day: int, slot: str, entry: Serve | Eat, foods: dict[int, Food], recipe_ids: dict[str, int]
) -> MenuItem:
    if isinstance(entry, Serve):
        return MenuItem(
            day,
            slot,
            ItemKind.RECIPE,
            recipe_ids[entry.recipe],
            entry.servings,
            "serving",
            label=entry.recipe,
        )
    food = foods[entry.food_id]
    grams = _grams(food, entry.quantity, entry.unit)
    return MenuItem(
        day, slot, ItemKind.FOOD, food.food_id, entry.quantity, entry.unit, grams, label=food.name
    )


def _grams(food: Food, quantity: float, unit: str) -> float:
    return to_grams(quantity, unit, food.portions)
