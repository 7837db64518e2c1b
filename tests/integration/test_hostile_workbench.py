"""The notebook workbench returns the hostile corpus (tests/hostile_text.py) as stored, and a
notebook showing those frames (Polars' HTML view) shows it as text, not markup."""

from __future__ import annotations

import polars as pl

from menuplanner import workbench
from tests.hostile_data import CLIENT_NAME, DATASET_NAME, FOOD_NAMES, MENU_NAME, seed
from tests.hostile_text import IMG, SCRIPT, SQL_DROP


def test_frames_hold_the_text_exactly_and_their_html_view_escapes_it(database_copy, tmp_path):
    rows = seed(database_copy, tmp_path)
    bench = workbench.open(database_copy)
    clients = bench.clients().filter(pl.col("client_id") == rows.client_id)
    menus = bench.menus(CLIENT_NAME)
    foods = bench.foods(dataset=DATASET_NAME)
    assert clients["name"].to_list() == [CLIENT_NAME]
    assert menus["menu"].to_list() == [MENU_NAME]
    assert sorted(foods["name"]) == sorted(FOOD_NAMES)
    found = bench.sql("SELECT name FROM foods WHERE name = ?", [FOOD_NAMES[4]])
    assert found["name"].to_list() == [SQL_DROP + " food 4"]
    script_food = foods.filter(pl.col("name") == FOOD_NAMES[0]).select("name")
    shown = clients.select("name")._repr_html_() + script_food._repr_html_()
    assert IMG not in shown and SCRIPT not in shown and "<img" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "<td>&quot;&lt;script&gt;alert(1)&lt;/script&gt; food…</td>" in shown  # cut to fit
