"""The micronutrient chart: each nutrient's amount as % of the client's goal, a bar per nutrient
against a line at 100 %, coloured by the adequacy rule, with the upper limit marked."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from menuplanner.domain.formatting import format_number
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.nutrition.adequacy import STATUS_COLOURS

CAP_PCT = 250.0  # bars beyond this end at the edge, their value in the label
# Upper limits further than this from the goal are not drawn (vitamin C's UL is 27 times its
# RDA): a mark at the edge would only hide labels; the lines beside the chart name them.
UPPER_COLOUR = "#7B3FA0"


def amount_text(value: float | None, nutrient: str) -> str:
    """'12.9 mg' with the catalogue's decimals, '–' when unknown."""
    known = BY_KEY[nutrient]
    text = format_number(value, known.decimals)
    return text if text == "–" else f"{text} {known.unit}"


def bar_label(row: dict) -> str:
    """'12.9 / 18 mg (72 %)', 'at least …' when values are missing, 'unknown'."""
    if row["amount"] is None:
        return "unknown"
    amount = amount_text(row["amount"], row["nutrient"])
    if row["goal"] is None:
        return amount
    least = "" if row["complete"] else "≥ "
    number, unit = amount.rsplit(" ", 1)
    return f"{least}{number} / {row['goal']:,g} {unit} ({row['pct']:.0f} %)"


def micronutrients(rows: pl.DataFrame, title: str = "") -> go.Figure:
    """Rows of adequacy (one day's, or the week's), first nutrient on top."""
    rows = rows.filter(pl.col("goal").is_not_null())
    data = list(rows.iter_rows(named=True))[::-1]
    names = [r["name"] for r in data]
    shares = [min(CAP_PCT, r["pct"]) if r["pct"] is not None else 0.0 for r in data]
    figure = go.Figure(
        go.Bar(
            x=shares,
            y=names,
            orientation="h",
            text=[bar_label(r) for r in data],
            textposition="outside",
            cliponaxis=False,
            marker_color=[STATUS_COLOURS[r["status"]] for r in data],
            marker_pattern_shape=["/" if not r["complete"] else "" for r in data],
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    uppers = [
        (r["name"], 100.0 * r["upper"] / r["goal"], r)
        for r in data
        if r["upper"] is not None and r["upper_checked"] and r["upper"] <= r["goal"] * CAP_PCT / 100
    ]
    if uppers:
        figure.add_scatter(
            x=[pct for _, pct, _ in uppers],
            y=[name for name, _, _ in uppers],
            mode="markers",
            name="Upper limit",
            marker={
                "symbol": "line-ns",
                "size": 16,
                "line": {"width": 3, "color": UPPER_COLOUR},
                "color": UPPER_COLOUR,
            },
            text=[_upper_text(r) for _, _, r in uppers],
            hovertemplate="%{text}<extra></extra>",
        )
    figure.add_vline(x=100, line_width=2, line_dash="dot", line_color="#333333")
    figure.update_layout(
        title=title or None,
        height=max(260, 24 * len(data) + 80),
        margin={"t": 40 if title else 10, "b": 10, "l": 10, "r": 10},
        xaxis={"range": [0, CAP_PCT + 120], "ticksuffix": " %", "title": "% of goal"},
        showlegend=False,
        bargap=0.25,
    )
    return figure


def _upper_text(row: dict) -> str:
    kind = {"own": "your limit"}.get(row["upper_kind"], row["upper_kind"])
    measure = " (retinol)" if row["nutrient"] == "vitamin_a_rae_ug" else ""
    unit = BY_KEY[row["nutrient"]].unit
    return f"{row['name']}: {kind} {row['upper']:,g} {unit}{measure}"
