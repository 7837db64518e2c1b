"""The walls: a key of another workspace gets 404 on every resource of this one, exactly as a
missing id; no key and a revoked key get 401; never a traceback."""

from __future__ import annotations

import pytest

from tests.api.conftest import Server


@pytest.fixture(scope="module")
def north_ids(server: Server) -> dict[str, int]:
    with server.client("north") as api:
        client = api.post(
            "/clients",
            json={
                "name": "Wall North",
                "sex": "male",
                "birth_year": 1980,
                "height_cm": 180,
                "weight_kg": 80,
            },
        )
        menu = api.post(
            "/menus",
            json={
                "client_id": client.json()["client_id"],
                "name": "Walled",
                "start_date": "2026-12-07",
            },
        )
        item = api.post(
            f"/menus/{menu.json().get('menu_id')}/items",
            json={"day": 0, "slot": "Breakfast", "food_id": 9040, "quantity": 118},
            headers={"If-Match": menu.headers["ETag"]},
        )
        recipe = api.post(
            "/recipes",
            json={
                "name": "Walled porridge",
                "servings": 1,
                "ingredients": [{"food_id": 9040, "quantity": 118}],
            },
        )
    assert item.status_code == 201, (menu.text, item.text)
    assert recipe.status_code == 201, recipe.text
    return {
        "client": client.json()["client_id"],
        "menu": menu.json()["menu_id"],
        "item": item.json()["item_id"],
        "recipe": recipe.json()["recipe_id"],
    }


def _requests(ids: dict[str, int]) -> list[tuple[str, str, dict]]:
    menu, client, item, recipe = ids["menu"], ids["client"], ids["item"], ids["recipe"]
    porridge = {"name": "Taken", "servings": 1, "ingredients": [{"food_id": 9040, "quantity": 1}]}
    change = {"headers": {"If-Match": '"1"'}}
    return [
        ("GET", f"/clients/{client}", {}),
        ("PUT", f"/clients/{client}", {"json": {"name": "Taken", "sex": "male"}}),
        ("DELETE", f"/clients/{client}", {}),
        ("GET", f"/clients/{client}/targets", {}),
        ("GET", f"/menus/{menu}", {}),
        ("DELETE", f"/menus/{menu}", {}),
        (
            "POST",
            f"/menus/{menu}/items",
            {"json": {"day": 0, "slot": "Lunch", "food_id": 9040, "quantity": 1}, **change},
        ),
        ("PATCH", f"/menus/{menu}/items/{item}", {"json": {"quantity": 2}, **change}),
        ("DELETE", f"/menus/{menu}/items/{item}", change),
        ("POST", f"/menus/{menu}/days/0/copy?to_day=1", change),
        ("POST", f"/menus/{menu}/generate", {"json": {}, **change}),
        ("GET", f"/menus/{menu}/export.pdf", {}),
        ("GET", f"/menus/{menu}/export.csv", {}),
        ("GET", f"/menus/{menu}/menu-file", {}),
        ("GET", f"/menus/{menu}/shopping-list", {}),
        (
            "POST",
            f"/menus/{menu}/recipe-items",
            {"json": {"day": 0, "slot": "Lunch", "recipe_id": recipe}, **change},
        ),
        ("GET", f"/menus/{menu}/adherence", {}),
        ("GET", f"/menus/{menu}/micronutrients", {}),
        ("GET", f"/menus/{menu}/items/{item}/substitutes", {}),
        ("GET", f"/recipes/{recipe}", {}),
        ("PUT", f"/recipes/{recipe}", {"json": porridge}),
        ("DELETE", f"/recipes/{recipe}", {}),
    ]


def test_another_workspace_gets_404_as_for_a_missing_id(
    server: Server, north_ids: dict[str, int]
) -> None:
    missing = {name: 999_999 for name in north_ids}
    with server.client("south") as api:
        for (method, path, extra), (_, absent, _) in zip(
            _requests(north_ids), _requests(missing), strict=True
        ):
            walled = api.request(method, path, **extra)
            gone = api.request(method, absent, **extra)
            assert walled.status_code == 404, (method, path, walled.text)
            shown = walled.json()["detail"]
            for name in ("menu", "client", "recipe", "item"):
                shown = shown.replace(str(north_ids[name]), "N")
            assert shown == gone.json()["detail"].replace("999999", "N"), (method, path)
        assert api.get("/menus").json() == []
        assert api.get("/clients", params={"name": "Wall North"}).json()["total"] == 0
        assert api.get("/recipes", params={"name": "Walled"}).json()["total"] == 0
    with server.client("north") as api:  # nothing of north changed
        assert api.get(f"/menus/{north_ids['menu']}").headers["ETag"] == '"1"'


@pytest.mark.parametrize("key", [None, "revoked"])
def test_no_key_and_a_revoked_key_get_401(
    server: Server, north_ids: dict[str, int], key: str | None
) -> None:
    expected = (
        "Give an API key: Authorization: Bearer <key>."
        if key is None
        else "This API key is not known or has been revoked."
    )
    with server.client(key) as api:
        for method, path, extra in [*_requests(north_ids), ("GET", "/foods", {})]:
            answer = api.request(method, path, **extra)
            assert answer.status_code == 401, (method, path)
            assert answer.json()["detail"] == expected
            assert answer.headers["www-authenticate"] == "Bearer"
