"""A program's day through the API: a client, a menu, three foods, the day's totals (the numbers
the Menu builder shows for the same items), a generated day, the PDF."""

from __future__ import annotations

import time

from tests.api.conftest import Server

BUTTER, EGG, BANANA = 1001, 1123, 9040


def _client_and_menu(api, name: str) -> tuple[int, int, str]:
    client = api.post(
        "/clients",
        json={
            "name": name,
            "sex": "female",
            "birth_year": 1990,
            "height_cm": 165,
            "weight_kg": 60,
            "activity": "light",
            "goal": "maintain",
        },
    )
    assert client.status_code == 201, client.text
    client_id = client.json()["client_id"]
    menu = api.post(
        "/menus",
        json={"client_id": client_id, "name": "API week", "start_date": "2026-12-07", "days": 7},
    )
    assert menu.status_code == 201, menu.text
    return client_id, menu.json()["menu_id"], menu.headers["ETag"]


def test_three_foods_total_278_kcal_on_the_first_day(server: Server) -> None:
    with server.client() as api:
        _, menu_id, etag = _client_and_menu(api, "Ada Flow")
        for food_id, quantity, unit in ((BUTTER, 1, "tbsp"), (EGG, 50, "g"), (BANANA, 118, "g")):
            added = api.post(
                f"/menus/{menu_id}/items",
                json={
                    "day": 0,
                    "slot": "Breakfast",
                    "food_id": food_id,
                    "quantity": quantity,
                    "unit": unit,
                },
                headers={"If-Match": etag},
            )
            assert added.status_code == 201, added.text
            etag = added.headers["ETag"]
        menu = api.get(f"/menus/{menu_id}")
    assert menu.headers["ETag"] == etag == '"3"'
    first_day = menu.json()["day_totals"][0]
    # 14.2 g × 717 + 50 g × 143 + 118 g × 89 kcal per 100 g = 278.3 kcal
    assert round(first_day["nutrients"]["energy_kcal"], 1) == 278.3
    butter = menu.json()["items"][0]
    assert (butter["grams"], round(butter["nutrients"]["energy_kcal"], 1)) == (14.2, 101.8)


def test_a_change_from_an_old_version_is_refused_with_412(server: Server) -> None:
    with server.client() as api:
        _, menu_id, etag = _client_and_menu(api, "Ben Stale")
        item = {"day": 0, "slot": "Lunch", "food_id": BANANA, "quantity": 118, "unit": "g"}
        assert api.post(f"/menus/{menu_id}/items", json=item, headers={"If-Match": etag})
        stale = api.post(f"/menus/{menu_id}/items", json=item, headers={"If-Match": etag})
        missing = api.post(f"/menus/{menu_id}/items", json=item)
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.json()["detail"] == (
        "Someone else changed this menu after you opened it, so your change was not saved. "
        "Their changes: Mon 07 Dec · Lunch: added Bananas, raw (118 g). The menu now shows "
        "the current version; make your change again if it still applies."
    )
    assert missing.status_code == 428


def test_a_generated_day_lands_in_the_menu_and_the_pdf_downloads(server: Server) -> None:
    with server.client() as api:
        _, menu_id, etag = _client_and_menu(api, "Cleo Generate")
        started = api.post(
            f"/menus/{menu_id}/generate", json={"days": [0]}, headers={"If-Match": etag}
        )
        assert started.status_code == 202, started.text
        status_address = started.headers["Location"]
        deadline = time.monotonic() + 120
        while (job := api.get(status_address.removeprefix("/api/v1")).json())["state"] == "running":
            assert time.monotonic() < deadline, "generation did not finish in two minutes"
            time.sleep(0.2)
        menu = api.get(f"/menus/{menu_id}").json()
        pdf = api.get(f"/menus/{menu_id}/export.pdf")
    assert job["state"] == "done", job
    (day,) = job["days"]
    assert day["day"] == 0 and day["added"] > 0
    assert len([i for i in menu["items"] if i["day"] == 0]) == day["added"]
    assert menu["items"] and all(i["day"] == 0 for i in menu["items"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
