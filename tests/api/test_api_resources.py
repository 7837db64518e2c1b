"""Recipes, a menu's adherence and micronutrients, an item's substitutes and imports, through a
real `menuplanner serve`: the same numbers and sentences as the app and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import Server
from tests.api.test_api_menu_flow import _client_and_menu

BUTTER, BANANA = 1001, 9040  # 717 and 89 kcal per 100 g
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def _butter_and_banana(name: str) -> dict:
    """Two servings of 1 tbsp butter (14.2 g) and 118 g banana."""
    return {
        "name": name,
        "servings": 2,
        "ingredients": [
            {"food_id": BUTTER, "quantity": 1, "unit": "tbsp"},
            {"food_id": BANANA, "quantity": 118, "unit": "g"},
        ],
    }


def test_a_recipe_gives_its_nutrition_per_serving(server: Server) -> None:
    recipe = _butter_and_banana("Banana with butter")
    with server.client() as api:
        made = api.post("/recipes", json=recipe)
        assert made.status_code == 201, made.text
        recipe_id = made.json()["recipe_id"]
        # 14.2 g × 7.17 + 118 g × 0.89 = 206.834 kcal, two servings of 103.417
        assert [i["grams"] for i in made.json()["ingredients"]] == [14.2, 118.0]
        assert round(made.json()["nutrition_whole"]["energy_kcal"], 2) == 206.83
        assert round(made.json()["nutrition_per_serving"]["energy_kcal"], 2) == 103.42
        listed = api.get("/recipes", params={"name": "banana with"}).json()
        assert [(r["name"], r["ingredients"]) for r in listed["items"]] == [
            ("Banana with butter", 2)
        ]
        changed = api.put(f"/recipes/{recipe_id}", json={**recipe, "servings": 1})
        assert round(changed.json()["nutrition_per_serving"]["energy_kcal"], 2) == 206.83
        bad_unit = api.put(
            f"/recipes/{recipe_id}",
            json={**recipe, "ingredients": [{"food_id": BANANA, "quantity": 1, "unit": "stick"}]},
        )
        assert bad_unit.status_code == 422
        assert bad_unit.json()["detail"].startswith("This food has no household measure 'stick'")
        assert api.delete(f"/recipes/{recipe_id}").status_code == 204
        gone = api.get(f"/recipes/{recipe_id}")
    assert gone.status_code == 404
    assert gone.json()["detail"] == f"There is no recipe with id {recipe_id}."


@pytest.fixture(scope="module")
def banana_menu(server: Server) -> tuple[int, int]:
    with server.client() as api:
        _, menu_id, etag = _client_and_menu(api, "Ada Figures")
        added = api.post(
            f"/menus/{menu_id}/items",
            json={"day": 0, "slot": "Breakfast", "food_id": BANANA, "quantity": 118},
            headers={"If-Match": etag},
        )
    assert added.status_code == 201, added.text
    return menu_id, added.json()["item_id"]


def test_a_menus_adherence_counts_the_planned_days(
    server: Server, banana_menu: tuple[int, int]
) -> None:
    menu_id, _ = banana_menu
    with server.client() as api:
        found = api.get(f"/menus/{menu_id}/adherence").json()
    assert (found["days_planned"], found["days_on_target"]) == (1, 0)
    assert round(found["average_day"]["energy_kcal"], 2) == 105.02  # 118 g × 0.89
    monday_energy = next(
        d for d in found["days"] if d["day"] == 0 and d["measure"] == "energy_kcal"
    )
    assert round(monday_energy["actual"], 2) == 105.02
    assert monday_energy["target"] == found["targets"]["energy_kcal"]
    assert monday_energy["status"] == "off"


def test_a_menus_micronutrients_come_with_the_clients_life_stage(
    server: Server, banana_menu: tuple[int, int]
) -> None:
    menu_id, _ = banana_menu
    with server.client() as api:
        found = api.get(f"/menus/{menu_id}/micronutrients").json()
    assert found["life_stage"].startswith("Life stage: Females 31")
    potassium = next(r for r in found["days"] if r["day"] == 1 and r["nutrient"] == "potassium_mg")
    assert round(potassium["amount"], 2) == 422.44  # 118 g × 358 mg per 100 g
    assert {r["day"] for r in found["week"]} == {None}


def test_an_items_substitutes_say_what_they_do_to_the_day(
    server: Server, banana_menu: tuple[int, int]
) -> None:
    menu_id, item_id = banana_menu
    with server.client() as api:
        found = api.get(f"/menus/{menu_id}/items/{item_id}/substitutes", params={"limit": 3})
    assert found.status_code == 200, found.text
    options = found.json()["options"]
    assert 1 <= len(options) <= 3
    assert all(o["why"] and "energy_kcal" in o["effect"] for o in options)
    assert round(found.json()["day_totals"]["energy_kcal"], 2) == 105.02


def test_a_per_portion_table_is_imported_per_100_g(server: Server) -> None:
    data = (FIXTURES / "per_portion_headers.csv").read_bytes()
    with server.client() as api:
        done = api.post(
            "/imports",
            params={"file_name": "per_portion_headers.csv", "dataset": "API portions"},
            content=data,
        )
        assert done.status_code == 201, done.text
        assert done.json()["message"].startswith("Imported “API portions”: 4 foods")
        bowl = api.get("/foods", params={"q": "chicken rice bowl"}).json()["items"][0]
        stored = api.get(f"/foods/{bowl['food_id']}").json()["nutrients_per_100g"]
    assert round(stored["energy_kcal"], 2) == 130.0  # 390 kcal in 300 g


def test_a_table_with_problems_is_refused_with_its_report_and_nothing_stored(
    server: Server,
) -> None:
    table = (
        "Food Name,Total Calories (kcal),Protein (gm),Standard Portion (gm)\n"
        "Good soup,120,6,250\n"
        "Broken stew,lots,5,300\n"
    )
    with server.client() as api:
        refused = api.post(
            "/imports",
            params={"file_name": "stews.csv", "dataset": "API stews"},
            content=table.encode(),
        )
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["detail"].startswith("1 of 2 foods passed every check.")
        [row] = [e for e in refused.json()["errors"] if e["severity"] == "Error"]
        assert (row["line"], row["column"], row["value"]) == (3, "Total Calories (kcal)", "lots")
        assert api.get("/foods", params={"q": "good soup"}).json()["total"] == 0
        valid = api.post(
            "/imports",
            params={"file_name": "stews.csv", "dataset": "API stews", "skip_invalid": "true"},
            content=table.encode(),
        )
        assert valid.status_code == 201, valid.text
        assert api.get("/foods", params={"q": "good soup"}).json()["total"] == 1


def test_a_file_that_is_not_a_table_is_refused_in_a_sentence(server: Server) -> None:
    with server.client() as api:
        refused = api.post(
            "/imports", params={"file_name": "notes.csv"}, content=b"\x00\x01\x02binary"
        )
    assert refused.status_code == 422
    assert "notes.csv" in refused.json()["detail"]


def test_a_recipe_in_a_menu_counts_its_servings_and_cannot_be_deleted(server: Server) -> None:
    recipe = _butter_and_banana("Buttered banana")
    with server.client() as api:
        recipe_id = api.post("/recipes", json=recipe).json()["recipe_id"]
        _, menu_id, etag = _client_and_menu(api, "Rita Recipe")
        added = api.post(
            f"/menus/{menu_id}/recipe-items",
            json={"day": 2, "slot": "Dinner", "recipe_id": recipe_id, "servings": 1.5},
            headers={"If-Match": etag},
        )
        assert added.status_code == 201, added.text
        menu = api.get(f"/menus/{menu_id}").json()
        refused = api.delete(f"/recipes/{recipe_id}")
    [item] = menu["items"]
    assert (item["kind"], item["label"], item["quantity"]) == ("recipe", "Buttered banana", 1.5)
    # one serving is 103.417 kcal: 1.5 servings 155.13
    assert round(item["nutrients"]["energy_kcal"], 2) == 155.13
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Recipe 'Buttered banana' cannot be deleted: it is used in menu 'API week (Rita Recipe)'."
    )
