"""The menu exchange file for random menus: export → import rebuilds the same items and totals
in another database; any mutation of a file is either read or refused with ValidationFailed;
an import either succeeds with matching totals or is refused in a sentence, changing nothing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import MenuplannerError, ValidationFailed
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.targets import Targets
from menuplanner.export import exchange
from menuplanner.services import export, menus
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork
from menuplanner.store.memory.exchange import MemoryExchangeUnitOfWork
from tests.property.conftest import examples

TODAY = dt.date(2026, 11, 23)
FOODS = {  # food id → (name, portion description, grams per portion)
    9040: ("Bananas, raw", 'medium (7" to 7-7/8" long)', 118.0),
    8120: ("Cereals, oats, dry", "cup", 81.0),
    1123: ("Egg, whole, raw, fresh", "large", 50.0),
}
values = st.one_of(st.none(), st.floats(0, 900, allow_nan=False, allow_subnormal=False))


def _catalog(per_100g: dict[int, dict[str, float | None]]) -> MemoryFoodCatalog:
    foods = {
        food_id: Food(food_id, name, "0900", portions=(Portion(1, 1, measure, grams),))
        for food_id, (name, measure, grams) in FOODS.items()
    }
    rows = {"food_id": list(FOODS)} | {key: [per_100g[f].get(key) for f in FOODS] for key in KEYS}
    frame = pl.DataFrame(rows, schema={"food_id": pl.Int64, **{k: pl.Float64 for k in KEYS}})
    return MemoryFoodCatalog(foods, frame, [FoodGroup("0900", "Fruits and Fruit Juices")])


@st.composite
def databases(draw):
    """A database holding one client and one random menu (foods and a recipe); its menu id."""
    per_100g = {
        f: {k: draw(values) for k in ("energy_kcal", "protein_g", "fat_g", "sodium_mg")}
        for f in FOODS
    }
    database = MemoryDatabase(_catalog(per_100g))
    days = draw(st.integers(1, 5))
    with MemoryUnitOfWork(database) as uow:
        client_id = uow.clients.add(
            Client(
                draw(st.sampled_from(["Ana Łukasik", "Bo <b>"])),
                Sex.FEMALE,
                birth_year=1990,
                manual_targets=Targets(2000, 100, 250, 67),
            )
        )
        ingredients = [
            Ingredient(f, q, "g", q)
            for f, q in draw(
                st.lists(
                    st.tuples(st.sampled_from(list(FOODS)), st.floats(1, 500)),
                    min_size=1,
                    max_size=3,
                )
            )
        ]
        recipe_id = uow.recipes.add(Recipe("Stew", draw(st.floats(1, 8)), ingredients))
        items = []
        for _ in range(draw(st.integers(0, 10))):
            day, slot = draw(st.integers(0, days - 1)), draw(st.sampled_from(DEFAULT_SLOTS))
            if draw(st.booleans()):
                food_id = draw(st.sampled_from(list(FOODS)))
                name, measure, grams = FOODS[food_id]
                quarters = draw(st.integers(1, 16))
                items.append(
                    MenuItem(
                        day,
                        slot,
                        ItemKind.FOOD,
                        food_id,
                        quarters / 4,
                        measure,
                        grams * quarters / 4,
                        name,
                    )
                )
            else:
                servings = draw(st.floats(0.25, 4))
                item = MenuItem(day, slot, ItemKind.RECIPE, recipe_id, servings, "serving")
                items.append(replace(item, label="Stew"))
        menu_id = uow.menus.add(
            Menu(
                client_id,
                draw(st.sampled_from(["Week 1", "Ω ~ 'x'"])),
                TODAY,
                days,
                DEFAULT_SLOTS,
                items,
            )
        )
        uow.commit()
    return database, menu_id, per_100g


def _items(database: MemoryDatabase, menu_id: int) -> list[tuple]:
    with MemoryUnitOfWork(database) as uow:
        menu = uow.menus.get(menu_id)
        recipes = uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])
        foods = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
        names = {food_id: uow.foods.get(food_id).name for food_id in foods}
    return [
        (
            i.day,
            i.slot,
            i.kind,
            recipes[i.ref_id].name if i.kind == ItemKind.RECIPE else names[i.ref_id],
            i.quantity,
            i.unit,
            i.grams,
            i.label,
        )
        for i in menu.items
    ]


def _days(database: MemoryDatabase, menu_id: int) -> pl.DataFrame:
    return menus.report(MemoryUnitOfWork(database), menu_id, TODAY).days


@settings(max_examples=examples(25))
@given(case=databases(), same_values=st.booleans())
def test_export_then_import_rebuilds_the_same_menu_and_totals(case, same_values):
    source, menu_id, per_100g = case
    data = export.menu_json(MemoryUnitOfWork(source), menu_id, TODAY)
    assert exchange.parse(exchange.dump(exchange.parse(data))) == exchange.parse(data)
    other = per_100g if same_values else {f: {"energy_kcal": 1.0} for f in FOODS}
    target = MemoryDatabase(_catalog(other))
    result = export.import_menu(MemoryExchangeUnitOfWork(target), data)
    assert result.totals_match, result.differences
    assert _items(target, result.menu_id) == _items(source, menu_id)
    assert _days(target, result.menu_id).equals(_days(source, menu_id))
    with MemoryUnitOfWork(source) as uow:
        items = uow.menus.get(menu_id).items
        recipes = uow.recipes.get_many([i.ref_id for i in items if i.kind == ItemKind.RECIPE])
        used = {i.ref_id for i in items if i.kind == ItemKind.FOOD} | {
            ingredient.food_id for recipe in recipes.values() for ingredient in recipe.ingredients
        }

    def known(values: dict) -> dict:
        return {k: v for k, v in values.items() if v is not None}

    differ = {f for f in used if known(per_100g[f]) != known(other[f])}
    assert set(result.foods_added) == {FOODS[f][0] for f in differ}  # the others are reused


def _mutations():
    """A change to the parsed JSON of a valid file: a value replaced anywhere, or a key dropped."""
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.text(max_size=8),
        st.floats(),
        st.just([]),
        st.just({}),
    )
    return st.tuples(st.integers(0, 10_000), st.sampled_from(["replace", "drop"]), junk)


def _mutate(node, target: int, how: str, junk, counter: list[int]):
    """Walk the JSON tree; the `target`-th node (mod the count) is replaced or dropped."""
    if isinstance(node, dict):
        out = {}
        for key, child in node.items():
            counter[0] += 1
            if counter[0] == target:
                if how == "drop":
                    continue
                out[key] = junk
            else:
                out[key] = _mutate(child, target, how, junk, counter)
        return out
    if isinstance(node, list):
        return [_mutate(child, target, how, junk, counter) for child in node]
    return node


@settings(max_examples=examples(40))
@given(case=databases(), mutation=_mutations())
def test_a_mutated_file_is_imported_or_refused_changing_nothing(case, mutation):
    source, menu_id, _ = case
    data = json.loads(export.menu_json(MemoryUnitOfWork(source), menu_id, TODAY))
    target_index, how, junk = mutation
    counter = [0]
    size = [0]
    _mutate(data, -1, how, junk, size)
    mutated = _mutate(data, target_index % max(size[0], 1) + 1, how, junk, counter)
    text = json.dumps(mutated)  # NaN and Infinity as JSON allows them
    target = MemoryDatabase(_catalog({f: {} for f in FOODS}))
    try:
        result = export.import_menu(MemoryExchangeUnitOfWork(target), text)
    except MenuplannerError as error:
        assert str(error).endswith("."), str(error)
        with MemoryUnitOfWork(target) as uow:
            assert uow.clients.list() == [] and uow.recipes.list() == [] and uow.menus.list() == []
        return
    assert result.menu_id is not None


@given(data=st.binary(max_size=200))
@example(data=b'{"format": "menuplanner.menu", "format_version": 1, "x": ' + b"1" * 5000 + b"}")
@example(data=b"[" * 100_000 + b"]" * 100_000)
@example(data=b"\xef\xbb\xbf{}")
@example(data=b"\xff\xfe{\x00}\x00")
def test_any_bytes_are_a_menu_file_or_refused_in_a_sentence(data):
    try:
        exchange.parse(data)
    except ValidationFailed as error:
        assert str(error).startswith("The ") and str(error).endswith(".")


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "menuplanner.menu", "format_version": 1, "x": ' + b"1" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["5000-digit number", "100000 nested lists"],
)
def test_numbers_too_long_and_lists_too_deep_are_refused_not_raised(data):
    """Found by the property above: ValueError (int digits limit) and RecursionError escaped."""
    with pytest.raises(ValidationFailed) as refused:
        exchange.parse(data)
    assert str(refused.value) == (
        "The file is not a menu file: it holds a number too long or lists nested too deep."
    )
