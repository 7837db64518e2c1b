"""`menuplanner bench` figures for imports.

The inputs are generated into the bench's scratch folder, never committed: a FoodData Central
download shaped like SR Legacy (7,793 foods, 645,000 food_nutrient rows), a Branded-sized one
(2,000,000 food_nutrient rows, imported in a child process so its peak memory is its own), and a
3,000-row national table CSV with decimal commas and German headers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from menuplanner.bench.core import Bench, Figure
from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.ports_store import Store

SR_FOODS, SR_ROWS = 7_793, 645_000
BRANDED_FOODS, BRANDED_ROWS = 160_000, 2_000_000
TABLE_ROWS = 3_000
_RESULTS: dict[str, dict] = {}  # the Branded run, shared by its two figures
_WORDS = (
    "raw",
    "cooked",
    "boiled",
    "roasted",
    "with salt",
    "without skin",
    "canned",
    "frozen",
    "dried",
    "fresh",
    "whole",
    "lean",
    "sweetened",
    "plain",
    "low fat",
    "enriched",
)
_HEADS = (
    "Beans",
    "Chicken",
    "Beef",
    "Apples",
    "Bread",
    "Cheese",
    "Milk",
    "Rice",
    "Pasta",
    "Salmon",
    "Carrots",
    "Yogurt",
    "Oats",
    "Lentils",
    "Potatoes",
    "Tomatoes",
)
_UNITS = {"g": "G", "mg": "MG", "µg": "UG", "kcal": "KCAL"}


def _nutrient_table() -> pl.DataFrame:
    """Our catalogue's nutrients under FDC-like ids, energy as 1008, plus 80 we do not keep."""
    rows = [
        (1008 if n.key == "energy_kcal" else 1100 + i, n.name, _UNITS[n.unit], n.usda_number, i)
        for i, n in enumerate(NUTRIENTS)
    ]
    rows += [
        (2047, "Energy (Atwater General Factors)", "KCAL", "957", 900),
        (2048, "Energy (Atwater Specific Factors)", "KCAL", "958", 901),
    ]
    rows += [(3000 + i, f"Amino acid or other {i}", "G", f"{700 + i}", 1000 + i) for i in range(80)]
    return pl.DataFrame(
        rows, schema=["id", "name", "unit_name", "nutrient_nbr", "rank"], orient="row"
    )


def write_fdc(
    folder: Path, foods: int, rows: int, data_type: str = "sr_legacy_food", seed: int = 7
) -> Path:
    """A synthetic FoodData Central CSV download: `foods` foods, `rows` food_nutrient rows."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = np.arange(100_000, 100_000 + foods)
    names = [
        f"{_HEADS[i % len(_HEADS)]}, {_WORDS[(i * 7) % len(_WORDS)]}, "
        f"{_WORDS[(i * 3) % len(_WORDS)]} {i}"
        for i in range(foods)
    ]
    pl.DataFrame(
        {
            "fdc_id": ids,
            "data_type": data_type,
            "description": names,
            "food_category_id": rng.integers(1, 26, foods),
            "publication_date": "2019-04-01",
        }
    ).write_csv(folder / "food.csv", quote_style="always")
    nutrient = _nutrient_table()
    nutrient.write_csv(folder / "nutrient.csv", quote_style="always")
    pl.DataFrame(
        {
            "id": range(1, 26),
            "code": [f"{i:02d}00" for i in range(1, 26)],
            "description": [f"Food category {i}" for i in range(1, 26)],
        }
    ).write_csv(folder / "food_category.csv", quote_style="always")
    pl.DataFrame({"id": [1000, 9999], "name": ["cup", "undetermined"]}).write_csv(
        folder / "measure_unit.csv", quote_style="always"
    )
    nutrient_ids = nutrient.get_column("id").to_numpy()
    per_food = rows // foods
    extra = rows - per_food * foods
    food_of_row = np.concatenate([np.repeat(ids, per_food), ids[:extra]])
    slot = np.concatenate([np.tile(np.arange(per_food), foods), np.full(extra, per_food)])
    offsets = rng.integers(0, len(nutrient_ids), foods)
    nutrient_of_row = nutrient_ids[(slot + offsets[food_of_row - ids[0]]) % len(nutrient_ids)]
    amounts = np.round(rng.uniform(0, 9.9, rows), 3)
    energy = nutrient_of_row == 1008
    amounts[energy] = np.round(rng.uniform(20, 880, int(energy.sum())), 0)
    empty = pl.lit("")
    pl.DataFrame(
        {
            "id": np.arange(1, rows + 1),
            "fdc_id": food_of_row,
            "nutrient_id": nutrient_of_row,
            "amount": amounts,
        }
    ).with_columns(
        pl.lit("1").alias("data_points"),
        pl.lit("1").alias("derivation_id"),
        empty.alias("min"),
        empty.alias("max"),
        empty.alias("median"),
        empty.alias("footnote"),
        empty.alias("min_year_acquired"),
    ).unique(["fdc_id", "nutrient_id"], keep="first", maintain_order=True).write_csv(
        folder / "food_nutrient.csv", quote_style="always"
    )
    portions = min(foods * 2, 15_000)
    pl.DataFrame(
        {
            "id": np.arange(1, portions + 1),
            "fdc_id": ids[np.arange(portions) % foods],
            "seq_num": np.arange(portions) // foods + 1,
            "amount": 1,
            "measure_unit_id": 9999,
            "portion_description": "",
            "modifier": "cup, chopped",
            "gram_weight": np.round(rng.uniform(5, 250, portions), 1),
        }
    ).write_csv(folder / "food_portion.csv", quote_style="always")
    return folder


def write_table(path: Path, rows: int = TABLE_ROWS, seed: int = 11) -> Path:
    """A national table: semicolons, decimal commas, German headers, some '<0,1' and '-'."""
    rng = np.random.default_rng(seed)
    columns = {
        "Code": [f"X{i:05d}" for i in range(rows)],
        "Lebensmittel": [f"{_HEADS[i % 16]}, {_WORDS[i % 16]} {i}" for i in range(rows)],
        "Lebensmittelgruppe": [_HEADS[i % 16] for i in range(rows)],
    }
    headers = [
        "Energie (kcal)",
        "Energie (kJ)",
        "Eiweiß (g)",
        "Fett (g)",
        "Kohlenhydrate (g)",
        "Ballaststoffe (g)",
        "Zucker (g)",
        "Wasser (g)",
        "Natrium (mg)",
        "Kalium (mg)",
        "Calcium (mg)",
        "Magnesium (mg)",
        "Eisen (mg)",
        "Zink (mg)",
        "Vitamin C (mg)",
        "Vitamin B1 (mg)",
        "Vitamin B2 (mg)",
        "Vitamin B6 (mg)",
        "Folat (µg)",
        "Vitamin B12 (µg)",
        "Vitamin D (µg)",
        "Vitamin E (mg)",
        "Cholesterin (mg)",
        "Gesättigte Fettsäuren (g)",
    ]
    for index, header in enumerate(headers):
        values = rng.uniform(0, 900 if "Energie (kcal)" in header else 9.5, rows)
        text = [f"{v:.1f}".replace(".", ",") for v in values]
        for r in range(index, rows, 97):
            text[r] = "<0,1" if r % 2 else "-"
        columns[header] = text
    pl.DataFrame(columns).write_csv(path, separator=";")
    return path


def _import(path: Path, store: Store, remove: bool = False) -> tuple[float, int]:
    """Seconds for open + read + validate + write; foods written. `remove`: then remove the
    dataset again (from a server database, which outlives the bench)."""
    from menuplanner.services import imports

    with store.session() as session:
        started = time.perf_counter()
        prepared = imports.prepare(imports.open_file(path))
        datasets = session.datasets(LOCAL_WORKSPACE)
        outcome = imports.commit(datasets, prepared, skip_invalid=True)
        seconds = time.perf_counter() - started
        if remove and outcome.written is not None:
            datasets.remove(outcome.written.dataset_id)
    return seconds, outcome.written.foods_added if outcome.written else 0


def measure_fdc_sr_legacy(bench: Bench) -> Figure:
    name = f"Import FDC download, SR Legacy size ({SR_FOODS:,} foods, {SR_ROWS:,} values)"
    bench.progress("Generating an SR Legacy-sized FoodData Central download…")
    folder = write_fdc(bench.workdir / "fdc_sr_legacy", SR_FOODS, SR_ROWS)
    bench.progress("Importing it (read, validate, write)…")
    seconds, foods = _import(folder, bench.scratch_store("imports_sr"), remove=bool(bench.url))
    if foods != SR_FOODS:
        return Figure(name, None, "s", 5.0, f"failed: {foods:,} foods imported")
    return Figure(name, seconds, "s", 5.0)


def _branded(bench: Bench) -> dict:
    key = str(bench.workdir)
    if key not in _RESULTS:
        bench.progress(
            f"Generating a Branded-sized download ({BRANDED_ROWS:,} food_nutrient rows)…"
        )
        folder = write_fdc(
            bench.workdir / "fdc_branded", BRANDED_FOODS, BRANDED_ROWS, "branded_food"
        )
        db = bench.workdir / "imports_branded.duckdb"
        shutil.copy(bench.db_path, db)
        bench.progress("Importing it in a child process (time and peak memory)…")
        code = (
            "import json, resource, sys; from pathlib import Path; "
            "from menuplanner.bench.imports import _import; "
            "from menuplanner.store.factory import open_store; "
            "s, n = _import(Path(sys.argv[1]), open_store(Path(sys.argv[2]), build=False)); "
            "print(json.dumps({'seconds': s, 'foods': n, "
            "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(folder), str(db)], capture_output=True, text=True
        )
        try:
            _RESULTS[key] = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            _RESULTS[key] = {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:120]}
    return _RESULTS[key]


def measure_fdc_branded_time(bench: Bench) -> Figure:
    name = f"Import FDC download, {BRANDED_ROWS:,} values ({BRANDED_FOODS:,} Branded foods)"
    result = _branded(bench)
    if "error" in result:
        return Figure(name, None, "s", 30.0, "failed: " + result["error"])
    return Figure(name, result["seconds"], "s", 30.0)


def measure_fdc_branded_memory(bench: Bench) -> Figure:
    name = f"Import of {BRANDED_ROWS:,} values: peak memory of the importing process"
    result = _branded(bench)
    if "error" in result:
        return Figure(name, None, "MB", 1536.0, "failed: " + result["error"])
    return Figure(name, result["peak_mb"], "MB", 1536.0, "ru_maxrss of a child process")


def measure_table(bench: Bench) -> Figure:
    name = f"Import a {TABLE_ROWS:,}-row national table CSV (27 columns, decimal commas)"
    path = write_table(bench.workdir / "national_table.csv")
    bench.progress("Importing a national table CSV…")
    seconds, foods = _import(path, bench.scratch_store("imports_table"))
    if foods != TABLE_ROWS:
        return Figure(name, None, "s", 1.0, f"failed: {foods:,} foods imported")
    return Figure(name, seconds, "s", 1.0)


MEASURES = [
    measure_fdc_sr_legacy,
    measure_fdc_branded_time,
    measure_fdc_branded_memory,
    measure_table,
]
