"""Turning domain frames into display tables (rounded, with units)."""

from __future__ import annotations

import polars as pl

from menuplanner.domain.formatting import format_number


def nutrient_table(rows: pl.DataFrame, show_per_100g: bool = True) -> pl.DataFrame:
    """rows: name, unit, decimals, amount, per_100g → Nutrient | Amount | per 100 g (text)."""
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
