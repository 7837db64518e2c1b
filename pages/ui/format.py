"""Turning domain frames into display tables (rounded, with units)."""

from __future__ import annotations

import polars as pl

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.formatting import format_number


def nutrient_table(
    rows: pl.DataFrame, show_per_100g: bool = True, energy: EnergyUnit = EnergyUnit.KCAL
) -> pl.DataFrame:
    """rows: name, unit, decimals, amount, per_100g → Nutrient | Amount | per 100 g (text);
    energy (the kcal row) in the workspace's unit."""
    is_energy = pl.col("unit") == "kcal"
    rows = rows.with_columns(
        *(
            pl.when(is_energy).then(pl.col(c) * energy.factor).otherwise(pl.col(c)).alias(c)
            for c in ("amount", "per_100g")
            if c in rows.columns
        ),
        pl.when(is_energy).then(pl.lit(energy.value)).otherwise(pl.col("unit")).alias("unit"),
    )
    table = {
        "Nutrient": rows["name"].to_list(),
        "Amount": [
            _with_unit(format_number(a, d), u)
            for a, d, u in zip(rows["amount"], rows["decimals"], rows["unit"], strict=True)
        ],
    }
    if show_per_100g:
        table["Per 100 g"] = [
            _with_unit(format_number(a, d), u)
            for a, d, u in zip(rows["per_100g"], rows["decimals"], rows["unit"], strict=True)
        ]
    return pl.DataFrame(table)


def _with_unit(text: str, unit: str) -> str:
    return text if text == "–" else f"{text} {unit}"
