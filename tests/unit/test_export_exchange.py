"""The menu exchange file on in-memory fakes: a round trip rebuilds the same items, amounts and
totals; foods the other database lacks (or holds with other values) are added with the file's
values and named in the result; a broken or foreign file is refused in one sentence."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.targets import Targets
from menuplanner.export import exchange
from menuplanner.services import export, menus
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork
from menuplanner.store.memory.exchange import MemoryExchangeUnitOfWork

BANANA, OATS, EGG = 9040, 8120, 1123
VALUES = {
    BANANA: (89.0, 1.09, 22.84, 0.33),
    OATS: (379.0, 13.15, 67.7, 6.52),
    EGG: (143.0, 12.56, 0.72, 9.51),
}
TARGETS = Targets(2000, 100, 250, 67, 25, 2300)
MEDIUM = 'medium (7" to 7-7/8" long)'


def _catalog(values: dict[int, tuple] = VALUES) -> MemoryFoodCatalog:
    foods = {
        BANANA: Food(
            BANANA, "Bananas, raw", "0900", refuse_pct=36, portions=(Portion(5, 1, MEDIUM, 118.0),)
        ),
        OATS: Food(OATS, "Cereals, oats, dry", "2000", portions=(Portion(1, 1, "cup", 81.0),)),
        EGG: Food(EGG, "Egg, whole, raw, fresh", "0100", portions=(Portion(1, 1, "large", 50.0),)),
    }
    foods = {food_id: food for food_id, food in foods.items() if food_id in values}
    rows: dict[str, list] = {"food_id": list(values)}
    for index, key in enumerate(("energy_kcal", "protein_g", "carbohydrate_g", "fat_g")):
        rows[key] = [v[index] for v in values.values()]
    nutrients = pl.DataFrame(rows).with_columns(
        pl.lit(None, pl.Float64).alias(k) for k in KEYS if k not in rows
    )
    groups = [
        FoodGroup("0900", "Fruits and Fruit Juices"),
        FoodGroup("2000", "Cereal Grains"),
        FoodGroup("0100", "Dairy and Egg Products"),
    ]
    return MemoryFoodCatalog(foods, nutrients, groups)


def _source_database() -> tuple[MemoryDatabase, int]:
    database = MemoryDatabase(_catalog())
    with MemoryUnitOfWork(database) as uow:
        client_id = uow.clients.add(
            Client(
                "Ana Łukasik",
                Sex.FEMALE,
                birth_year=1990,
                manual_targets=TARGETS,
                notes="Likes oats.",
            )
        )
        porridge = uow.recipes.add(
            Recipe(
                "Banana porridge",
                2,
                [
                    Ingredient(OATS, 1, "cup", 81.0),
                    Ingredient(BANANA, 1, MEDIUM, 118.0),
                ],
                "Simmer the oats.",
            )
        )
        menu = Menu(
            client_id,
            "Week 1",
            dt.date(2026, 11, 23),
            3,
            DEFAULT_SLOTS,
            [
                MenuItem(
                    0,
                    "Breakfast",
                    ItemKind.RECIPE,
                    porridge,
                    1.5,
                    "serving",
                    None,
                    "Banana porridge",
                ),
                MenuItem(
                    0, "Breakfast", ItemKind.FOOD, BANANA, 1, MEDIUM, 118.0, "Bananas, raw", 1
                ),
                MenuItem(
                    1, "Lunch", ItemKind.FOOD, EGG, 2, "large", 100.0, "Egg, whole, raw, fresh"
                ),
                MenuItem(
                    2, "Dinner", ItemKind.FOOD, OATS, 40, "g", 40.0, "Cereals, oats, dry", 0, True
                ),
            ],
            day_targets={2: Targets(2400, 120, 300, 80, 30, 2300)},
        )
        menu_id = uow.menus.add(menu)
        uow.commit()
    return database, menu_id


def _file() -> bytes:
    database, menu_id = _source_database()
    return export.menu_json(MemoryUnitOfWork(database), menu_id, dt.date(2026, 11, 23))


def _day_totals(database: MemoryDatabase, menu_id: int) -> pl.DataFrame:
    return menus.report(MemoryUnitOfWork(database), menu_id, dt.date(2026, 11, 23)).days


def _items(database: MemoryDatabase, menu_id: int) -> list[tuple]:
    with MemoryUnitOfWork(database) as uow:
        menu = uow.menus.get(menu_id)
        recipes = uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])
    return [
        (
            i.day,
            i.slot,
            i.kind,
            recipes[i.ref_id].name if i.kind == ItemKind.RECIPE else i.ref_id,
            i.quantity,
            i.unit,
            i.grams,
            i.label,
            i.position,
            i.locked,
        )
        for i in menu.items
    ]


def test_the_file_carries_the_menu_its_recipes_foods_and_targets() -> None:
    data = json.loads(_file())
    assert (data["format"], data["format_version"]) == ("menuplanner.menu", 1)
    assert data["client"]["name"] == "Ana Łukasik"
    assert data["targets"]["energy_kcal"] == 2000
    assert [r["name"] for r in data["recipes"]] == ["Banana porridge"]
    bananas = next(f for f in data["foods"] if f["food_id"] == BANANA)
    assert bananas["per_100g"] == {
        "energy_kcal": 89.0,
        "protein_g": 1.09,
        "carbohydrate_g": 22.84,
        "fat_g": 0.33,
    }  # unknown values left out
    assert bananas["refuse_pct"] == 36 and bananas["portions"][0]["gram_weight"] == 118.0
    assert data["menu"]["day_targets"]["2"]["energy_kcal"] == 2400
    assert len(data["day_totals"]) == 3


def test_a_round_trip_rebuilds_the_same_items_amounts_and_totals() -> None:
    source, source_menu = _source_database()
    data = export.menu_json(MemoryUnitOfWork(source), source_menu, dt.date(2026, 11, 23))
    target = MemoryDatabase(_catalog())
    result = export.import_menu(MemoryExchangeUnitOfWork(target), data)
    assert result.client_created and result.client_name == "Ana Łukasik"
    assert result.foods_added == [] and result.dataset is None
    assert result.recipes_added == ["Banana porridge"]
    assert result.totals_match
    assert _items(target, result.menu_id) == _items(source, source_menu)
    assert _day_totals(target, result.menu_id).equals(_day_totals(source, source_menu))
    with MemoryUnitOfWork(target) as uow:
        menu = uow.menus.get(result.menu_id)
        client = uow.clients.get(result.client_id)
    assert menu.day_targets == {2: Targets(2400, 120, 300, 80, 30, 2300)}
    assert (client.manual_targets, client.notes, client.birth_year) == (
        TARGETS,
        "Likes oats.",
        1990,
    )


def test_foods_missing_here_are_added_with_the_files_values_and_named() -> None:
    target = MemoryDatabase(_catalog({OATS: VALUES[OATS], EGG: (150.0, 12.0, 1.0, 10.0)}))
    result = export.import_menu(MemoryExchangeUnitOfWork(target), _file())
    assert result.foods_added == ["Bananas, raw", "Egg, whole, raw, fresh"]  # missing; other values
    assert result.dataset == "Imported with menu Week 1"
    assert result.totals_match
    assert any(
        "were not in this database with the same values and were added with the file's "
        "nutrient values to the dataset 'Imported with menu Week 1': Bananas, raw, Egg, "
        "whole, raw, fresh." in m
        for m in result.messages
    )
    source, source_menu = _source_database()
    assert _day_totals(target, result.menu_id).equals(_day_totals(source, source_menu))
    with MemoryUnitOfWork(target) as uow:
        added = uow.foods.search("bananas raw").hits[0]
        assert added.dataset == "Imported with menu Week 1" and added.food_id != BANANA
        assert uow.foods.get(added.food_id).refuse_pct == 36


def test_importing_twice_renames_the_menu_and_reuses_the_recipe() -> None:
    target = MemoryDatabase(_catalog())
    first = export.import_menu(MemoryExchangeUnitOfWork(target), _file())
    second = export.import_menu(MemoryExchangeUnitOfWork(target), _file())
    assert (second.client_id, second.client_created) == (first.client_id, False)
    assert second.menu_name == "Week 1 (imported)" and second.renamed_from == "Week 1"
    assert second.recipes_reused == ["Banana porridge"] and second.recipes_added == []
    assert second.totals_match


def test_the_menu_can_go_to_a_chosen_client() -> None:
    target = MemoryDatabase(_catalog())
    with MemoryUnitOfWork(target) as uow:
        client_id = uow.clients.add(Client("Bea", Sex.FEMALE, manual_targets=TARGETS))
        uow.commit()
    result = export.import_menu(MemoryExchangeUnitOfWork(target), _file(), client_id)
    assert (result.client_id, result.client_name, result.client_created) == (
        client_id,
        "Bea",
        False,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: "not json", "The file is not a menu file: it is not valid JSON"),
        (lambda d: json.dumps({"format": "other"}), "The file is not a menuplanner menu file"),
        (
            lambda d: json.dumps({**d, "format_version": 2}),
            "The file has menu format version 2; this menuplanner reads version 1.",
        ),
        (
            lambda d: json.dumps({**d, "foods": d["foods"][1:]}),
            "The menu file is not valid: the item 'Bananas, raw' uses food #9040, which the file "
            "does not contain.",
        ),
        (
            lambda d: json.dumps({**d, "menu": {**d["menu"], "days": 0}}),
            "The menu file is not valid: menu.days: Input should be greater than or equal to 1.",
        ),
    ],
)
def test_a_broken_or_foreign_file_is_refused_in_one_sentence(change, message: str) -> None:
    data = json.loads(_file())
    with pytest.raises(ValidationFailed) as refused:
        exchange.parse(change(data))
    assert str(refused.value).startswith(message), str(refused.value)
    assert str(refused.value).endswith(".")


def test_a_refused_import_changes_nothing() -> None:
    target = MemoryDatabase(_catalog())
    data = json.loads(_file())
    data["client"]["height_cm"] = 5.0  # no one is 5 cm tall: the client is refused
    with pytest.raises(ValidationFailed):
        export.import_menu(MemoryExchangeUnitOfWork(target), json.dumps(data))
    with MemoryUnitOfWork(target) as uow:
        assert uow.clients.list() == [] and uow.recipes.list() == [] and uow.menus.list() == []
