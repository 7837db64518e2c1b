"""Numbers as a dietitian would print them: sensible decimals, thousands separators, units."""

from __future__ import annotations

from menuplanner.domain.nutrients import Nutrient


def format_number(value: float | None, decimals: int = 0) -> str:
    if value is None or value != value:  # None or NaN: unknown, not zero
        return "–"
    if value == 0:
        return "0"
    smallest = 10.0**-decimals
    if 0 < abs(value) < smallest / 2:
        return f"<{smallest:g}"
    return f"{value:,.{decimals}f}"


def format_amount(value: float | None, nutrient: Nutrient) -> str:
    text = format_number(value, nutrient.decimals)
    return text if text == "–" else f"{text} {nutrient.unit}"


def format_grams(grams: float) -> str:
    if grams >= 1000:
        return f"{grams / 1000:,.2f} kg".replace(".00 kg", " kg")
    return f"{grams:,.1f} g".replace(".0 g", " g")
