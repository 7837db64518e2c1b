"""Plotly draws some HTML in trace names and hover text: food names reach a chart escaped,
and never inside a hover template (where %{...} would be filled in)."""

from __future__ import annotations

import polars as pl

from menuplanner import charts
from tests.hostile_text import IMG, SCRIPT


def test_food_names_in_the_comparison_chart_are_escaped_for_plotly():
    long = pl.DataFrame(
        {
            "label": [IMG, SCRIPT + " %{y}"],
            "nutrient": ["energy_kcal"] * 2,
            "name": ["Energy"] * 2,
            "unit": ["kcal"] * 2,
            "amount": [100.0, 200.0],
        }
    )
    figure = charts.compare_nutrients(long, ["energy_kcal"])
    assert [bar.name for bar in figure.data] == [
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;script&gt;alert(1)&lt;/script&gt; %{y}",
    ]
    assert {bar.hovertemplate for bar in figure.data} == {
        "%{fullData.name}: %{y:.1f}<extra></extra>"
    }
