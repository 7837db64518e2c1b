"""The day's targets chart, built without plotly's validation (it is redrawn on every click in
the menu builder): what it holds, and that plotly's validation would accept it as it is."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from menuplanner import charts

DAY = pl.DataFrame(
    {
        "measure": ["energy_kcal", "protein_g", "fat_g"],
        "actual": [1800.0, 180.0, 0.0],
        "target": [2000.0, 90.0, 70.0],
        "status": ["ok", "off", "empty"],
        "kind": ["target"] * 3,
    }
)


def test_bars_are_shares_of_target_capped_at_150_first_measure_on_top():
    bar = charts.day_targets(DAY).data[0]
    assert bar.y == ("Fat", "Protein", "Energy")
    assert bar.x == (0.0, 150.0, 90.0)  # protein 200 % is drawn at the cap
    assert bar.text == ("0 / 70 g", "180 / 90 g", "1,800 / 2,000 kcal")
    assert bar.marker.color == ("#BBBBBB", "#E45756", "#54A24B")


def test_plotly_validation_accepts_the_unvalidated_figure_unchanged():
    figure = charts.day_targets(DAY)
    validated = go.Figure(figure.to_dict())  # raises on any property plotly does not know
    assert validated.to_plotly_json() == figure.to_plotly_json()
