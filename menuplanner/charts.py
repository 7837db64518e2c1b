"""Plotly figures built from plain frames and domain values; pages only display them."""

from __future__ import annotations

import html

# Plotly's validators look pandas up in sys.modules when a figure is made, and use what is
# there: in a fresh app process a second session drawing a chart while the first was still
# importing pandas found it half-initialised ("partially initialized module 'pandas' has no
# attribute 'Series'", seen through the proxy with two sessions). Importing it here, under this
# module's import lock, means no chart is drawn before pandas is whole.
import pandas  # noqa: F401
import plotly.graph_objects as go
import polars as pl

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.nutrients import BY_KEY, ENERGY
from menuplanner.nutrition.energy import EnergySplit

MACRO_COLOURS = {
    "Protein": "#4C78A8",
    "Fat": "#F58518",
    "Carbohydrate": "#54A24B",
    "Alcohol": "#B279A2",
}


def energy_sources(
    split: EnergySplit,
    title: str = "Where the energy comes from",
    unit: EnergyUnit = EnergyUnit.KCAL,
) -> go.Figure:
    """Donut of the energy (in `unit`) from protein, fat, carbohydrate (and alcohol where
    present)."""
    parts = {
        "Protein": split.protein_kcal * unit.factor,
        "Fat": split.fat_kcal * unit.factor,
        "Carbohydrate": split.carbohydrate_kcal * unit.factor,
        "Alcohol": split.alcohol_kcal * unit.factor,
    }
    parts = {name: kcal for name, kcal in parts.items() if kcal > 0 or name != "Alcohol"}
    total = sum(parts.values()) or 1.0
    # Slices under 3 % get no label: they would only pile up as "0%" at the top.
    texts = [
        f"{n}<br>{kcal / total:.0%}" if kcal / total >= 0.03 else "" for n, kcal in parts.items()
    ]
    figure = go.Figure(
        go.Pie(
            labels=list(parts),
            values=[round(kcal, 1) for kcal in parts.values()],
            hole=0.55,
            marker={"colors": [MACRO_COLOURS[name] for name in parts]},
            sort=False,
            text=texts,
            textinfo="text",
            hovertemplate="%{label}: %{value:,.0f} "
            + unit.value
            + " (%{percent:.0%})<extra></extra>",
        )
    )
    figure.update_layout(title=title, showlegend=False, margin={"t": 50, "b": 10, "l": 10, "r": 10})
    return figure


def compare_nutrients(long: pl.DataFrame, nutrients: list[str]) -> go.Figure:
    """Grouped bars: one group per nutrient, one bar per compared food. Each nutrient gets its
    own subplot row so kcal, g and mg are never drawn on one axis."""
    from plotly.subplots import make_subplots

    chosen = long.filter(pl.col("nutrient").is_in(nutrients))
    labels = chosen["label"].unique(maintain_order=True).to_list()
    figure = make_subplots(
        rows=1, cols=len(nutrients), subplot_titles=[_title(chosen, n) for n in nutrients]
    )
    palette = ["#4C78A8", "#F58518", "#54A24B", "#E45756"]
    for column, key in enumerate(nutrients, start=1):
        rows = chosen.filter(pl.col("nutrient") == key)
        for index, label in enumerate(labels):
            value = rows.filter(pl.col("label") == label)["amount"].to_list()
            figure.add_trace(
                go.Bar(
                    x=[""],
                    y=[value[0] if value and value[0] is not None else 0],
                    name=plotly_text(label),
                    marker_color=palette[index % len(palette)],
                    legendgroup=str(index),
                    showlegend=column == 1,
                    hovertemplate="%{fullData.name}: %{y:.1f}<extra></extra>",
                ),
                row=1,
                col=column,
            )
    figure.update_layout(barmode="group", legend={"orientation": "h", "y": -0.15}, height=380)
    return figure


def plotly_text(text: str) -> str:
    """`text` for a plotly label: plotly draws tags such as <b>, <a href> and <img>-like markup
    in names, titles and hover text, and shows entities as characters, so escaping < > &
    makes it read as typed. (Kept out of hover templates, where %{...} would be filled in.)"""
    return html.escape(text, quote=False)


def _title(long: pl.DataFrame, key: str) -> str:
    row = long.filter(pl.col("nutrient") == key).row(0, named=True)
    return f"{row['name']} ({row['unit']})"


STATUS_COLOURS = {"ok": "#54A24B", "near": "#F2A93B", "off": "#E45756", "empty": "#BBBBBB"}


def week_macros(
    days: pl.DataFrame, energy_targets: dict[int, float], unit: EnergyUnit = EnergyUnit.KCAL
) -> go.Figure:
    """Stacked energy (kcal, or kJ with `unit`) from protein, carbohydrate and fat per day, with
    each day's energy target (kcal) as a marker. `days` is a day_totals frame (day, date,
    protein_g, carbohydrate_g, fat_g)."""
    labels = [d.strftime("%a %d %b") for d in days["date"]]
    figure = go.Figure()
    for name, column, factor in (
        ("Protein", "protein_g", 4.0),
        ("Carbohydrate", "carbohydrate_g", 4.0),
        ("Fat", "fat_g", 9.0),
    ):
        figure.add_bar(
            x=labels,
            y=(days[column] * factor * unit.factor).round(0).to_list(),
            name=name,
            marker_color=MACRO_COLOURS[name],
            hovertemplate=f"{name}: %{{y:,.0f}} {unit.value}<extra></extra>",
        )
    figure.add_scatter(
        x=labels,
        y=[
            None if energy_targets.get(d) is None else energy_targets[d] * unit.factor
            for d in days["day"]
        ],
        name="Energy target",
        mode="markers",
        marker={"symbol": "line-ew-open", "size": 40, "line": {"width": 3}, "color": "#333333"},
        hovertemplate="Target: %{y:,.0f} " + unit.value + "<extra></extra>",
    )
    figure.update_layout(
        barmode="stack",
        yaxis_title=unit.value,
        height=340,
        legend={"orientation": "h", "y": -0.2},
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        title="Energy from each macronutrient",
    )
    return figure


def day_targets(adherence_of_day: pl.DataFrame, unit: EnergyUnit = EnergyUnit.KCAL) -> go.Figure:
    """Horizontal bars: each target's actual as % of target (capped at 150 %), coloured by
    status, with a line at 100 %. Rows of `adherence.day_vs_targets` for one day."""
    rows = list(adherence_of_day.iter_rows(named=True))[::-1]  # first measure on top
    names = [BY_KEY[r["measure"]].name for r in rows]
    shares = [min(150.0, 100.0 * r["actual"] / r["target"]) if r["target"] else 0.0 for r in rows]
    texts = [_target_text(r, unit) for r in rows]
    # Built from plain dicts without plotly's validation of every property: this chart is
    # redrawn on every click in the menu builder, where validating it cost ~10 ms (profiled).
    return go.Figure(
        data=[
            {
                "type": "bar",
                "x": shares,
                "y": names,
                "orientation": "h",
                "text": texts,
                "textposition": "auto",
                "marker": {"color": [STATUS_COLOURS[r["status"]] for r in rows]},
                "hovertemplate": "%{y}: %{x:.0f} % of target<extra></extra>",
            }
        ],
        layout={
            "height": 260,
            "margin": {"t": 10, "b": 10, "l": 10, "r": 10},
            "xaxis": {"range": [0, 150], "ticksuffix": " %"},
            "showlegend": False,
            "shapes": [
                {
                    "type": "line",
                    "x0": 100,
                    "x1": 100,
                    "xref": "x",
                    "y0": 0,
                    "y1": 1,
                    "yref": "paper",
                    "line": {"width": 2, "dash": "dot", "color": "#333333"},
                }
            ],
        },
        _validate=False,
    )


def _target_text(row: dict, unit: EnergyUnit) -> str:
    """'2,027 / 2,075 kcal', energy in the workspace's unit."""
    if row["measure"] == ENERGY:
        return (
            f"{row['actual'] * unit.factor:,.0f} / {row['target'] * unit.factor:,.0f} {unit.value}"
        )
    return f"{row['actual']:,.0f} / {row['target']:,.0f} {BY_KEY[row['measure']].unit}"
