"""A database copy holding the hostile corpus (tests/hostile_text.py) in every place user or
dataset text is stored: a client's name, notes and dislikes; a recipe's name and method; a
menu's name and meal names; an imported dataset's name and its foods' names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.recipes import Recipe
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import clients as client_service
from menuplanner.services import imports
from menuplanner.services import menus as menu_service
from menuplanner.services import recipes as recipe_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from tests.hostile_text import CORPUS, IMG, JS_LINK, LONG, MD_IMAGE, SQL_BOBBY, notes

CLIENT_NAME = IMG
DISLIKES = (JS_LINK, SQL_BOBBY, "{{7*7}}")
RECIPE_NAME = MD_IMAGE
MENU_NAME = JS_LINK
SLOTS = (IMG, "$x^2$", ":red[alarm]")  # meal names: each at most 40 characters
DATASET_NAME = "<script>alert(1)</script> ; DROP TABLE foods; --"
FOOD_NAMES = tuple(f"{text} food {index}" for index, text in enumerate(CORPUS))
START = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class HostileRows:
    client_id: int
    recipe_id: int
    menu_id: int
    food_ids: dict[str, int]  # food name → id


def food_table(path: Path) -> Path:
    """A CSV table (one row per hostile food name) to import."""
    lines = ["code,name,energy (kcal),protein (g),fat (g),carbohydrate (g)"]
    for index, name in enumerate(FOOD_NAMES):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"H{index},{quoted},{100 + index},{5},{2},{15}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def seed(database_path: Path, work: Path) -> HostileRows:
    conn = database.connect(database_path)
    try:
        store = DuckDBDatasetStore(conn)
        prepared = imports.prepare(
            imports.open_file(food_table(work / "hostile-foods.csv")),
            dataset_name=DATASET_NAME,
            version=SQL_BOBBY,
            licence=MD_IMAGE + " " + LONG[:1000],
        )
        outcome = imports.commit(store, prepared, skip_invalid=False)
        assert outcome is not None
        catalog = DuckDBFoodCatalog(conn, LOCAL_WORKSPACE)
        rows = conn.execute(
            "SELECT f.name, f.food_id FROM foods f JOIN datasets d USING (dataset_id) "
            "WHERE d.name = ?",
            [DATASET_NAME],
        ).fetchall()
        food_ids = dict(rows)
        assert sorted(food_ids) == sorted(FOOD_NAMES), sorted(food_ids)
        client = Client(
            CLIENT_NAME,
            Sex.FEMALE,
            birth_year=1988,
            height_cm=168,
            weight_kg=64,
            dislikes=DISLIKES,
            notes=notes(),
        )
        client_id = client_service.save_client(DuckDBUnitOfWork(conn), client, START)
        recipe = Recipe(RECIPE_NAME, 2.0, method=notes())
        recipe.ingredients = [
            recipe_service.ingredient(catalog, food_ids[FOOD_NAMES[0]], 120, "g"),
            recipe_service.ingredient(catalog, food_ids[FOOD_NAMES[3]], 80, "g"),
        ]
        recipe_id = recipe_service.save(DuckDBUnitOfWork(conn), recipe)
        menu_id = menu_service.create_menu(
            DuckDBUnitOfWork(conn), client_id, MENU_NAME, START, 2, SLOTS
        )
        for index, name in enumerate(FOOD_NAMES):
            menu_service.add_food(
                DuckDBUnitOfWork(conn),
                menu_id,
                index % 2,
                SLOTS[index % 3],
                food_ids[name],
                50,
                "g",
            )
        menu_service.add_recipe(DuckDBUnitOfWork(conn), menu_id, 0, SLOTS[1], recipe_id, 1)
        return HostileRows(client_id, recipe_id, menu_id, food_ids)
    finally:
        conn.close()
