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


# Parts of a USDA food name a planner reads past at a glance ("Apples, raw, with skin").
_OBVIOUS_PARTS = {
    "raw",
    "with skin",
    "without skin",
    "all commercial varieties",
    "commercially prepared",
    "prepared",
    "fresh",
    "regular",
    "ready-to-eat",
    "english",
    "broilers or fryers",
    "meat only",
}
SHORT_NAME_LENGTH = 26


def short_food_name(name: str, limit: int = SHORT_NAME_LENGTH) -> str:
    """A food's name cut to what tells it apart at a glance: its first two comma-separated
    parts that are not obvious ("Apples, raw, with skin" → "Apples"; "Bread, whole-wheat,
    commercially prepared" → "Bread, whole-wheat"), at most `limit` characters (then "…")."""
    parts = [p.strip() for p in name.split(",") if p.strip()]
    kept = [p for p in parts if p.lower() not in _OBVIOUS_PARTS][:2] or parts[:1]
    short = ", ".join(kept) or name.strip()
    return short if len(short) <= limit else short[: limit - 1].rstrip(" ,") + "…"


def quantity_text(quantity: float, unit: str) -> str:
    """'1 cup', '150 g', '2 slice', '0.5 medium': the household measure's name without its
    description in brackets ('medium (3" dia)' → 'medium'), as a planner writes it."""
    amount = f"{quantity:,.2f}".rstrip("0").rstrip(".")
    return f"{amount} {unit.split(' (')[0].strip() or unit}"
