"""A table with values per portion and headers such as "Total Calories (kcal)" and "Standard
Portion (gm)" imports with the right per-100 g values and no hand-written mapping (issue 17);
on a terminal the command first shows the first foods as they will be stored and asks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.factory import open_store
from tests.integration.test_admin_cli import ENTRY_POINT, menuplanner

pytestmark = pytest.mark.slow
TABLE = Path(__file__).parents[1] / "fixtures" / "imports" / "per_portion_headers.csv"


def stored(db: Path, name: str) -> dict[str, float]:
    with open_store(db, build=False).session() as session:
        catalog = session.catalog(LOCAL_WORKSPACE)
        [hit] = [h for h in catalog.search(name).hits if h.name == name]
        row = catalog.nutrients_per_100g([hit.food_id]).row(0, named=True)
    return {k: row[k] for k in ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g")}


def test_values_per_portion_are_stored_per_100_g(database_copy: Path):
    done = menuplanner("import", TABLE, "--db", database_copy)
    assert done.returncode == 0, done.stderr
    assert "  Values are per serving (the serving size column)" in done.stderr
    # Chicken rice bowl: 390 kcal, 10 g protein, 12 g fat, 60 g carbohydrate in 300 g
    assert stored(database_copy, "Chicken rice bowl") == pytest.approx(
        {"energy_kcal": 130.0, "protein_g": 10 / 3, "fat_g": 4.0, "carbohydrate_g": 20.0}
    )
    # Banana: 105 kcal in 118 g
    assert stored(database_copy, "Banana")["energy_kcal"] == pytest.approx(105 / 1.18)


def _on_a_terminal(answer: bytes, *args: str | Path) -> subprocess.CompletedProcess:
    """The command with a terminal as its standard input, answering `answer`."""
    controller, terminal = os.openpty()
    try:
        process = subprocess.Popen(
            [ENTRY_POINT, *map(str, args)],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        os.write(controller, answer)
        out, err = process.communicate(timeout=120)
    finally:
        os.close(controller)
        os.close(terminal)
    return subprocess.CompletedProcess(process.args, process.returncode, out.decode(), err.decode())


def test_on_a_terminal_it_shows_the_stored_values_and_asks_first(database_copy: Path):
    refused = _on_a_terminal(b"n\n", "import", TABLE, "--db", database_copy)
    assert refused.returncode == 1
    lines = refused.stderr.splitlines()
    start = lines.index("The first foods as they will be stored, per 100 g:")
    assert lines[start + 1 : start + 4] == [
        "  Chicken rice bowl: energy 130.0 kcal, protein 3.3 g, fat 4.0 g, carbohydrate 20.0 g",
        "  Greek yogurt cup: energy 85.9 kcal, protein 11.8 g, fat 2.2 g, carbohydrate 4.7 g",
        "  Banana: energy 89.0 kcal, protein 1.1 g, fat 0.3 g, carbohydrate 22.9 g",
    ]
    # the prompt, then (after the answer, echoed by the terminal itself) the refusal
    assert lines[-1] == "Import with this mapping? [y/N]:" + (
        "Error: Nothing was imported. Save the mapping with --write-mapping FILE, correct it, "
        "and import with --mapping FILE (or answer yes, or pass --yes)."
    )
    with open_store(database_copy, build=False).session() as session:
        assert [d.name for d in session.datasets(LOCAL_WORKSPACE).list()] == ["USDA SR26"]

    accepted = _on_a_terminal(b"y\n", "import", TABLE, "--db", database_copy)
    assert accepted.returncode == 0, accepted.stderr
    assert "4 foods" in accepted.stdout
    skipped = _on_a_terminal(
        b"", "import", TABLE, "--dataset", "again", "--yes", "--db", database_copy
    )
    assert skipped.returncode == 0 and "Import with this mapping?" not in skipped.stderr
