"""One day against its targets: a bar per target coloured by how far off the day is, and the
same numbers as text (readable without the chart, and by tests)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from menuplanner import charts
from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.formatting import format_number
from menuplanner.domain.nutrients import BY_KEY, ENERGY

STATUS_MARK = {"ok": ":green[●]", "near": ":orange[●]", "off": ":red[●]", "empty": ":gray[○]"}
KIND_WORD = {"target": "of", "minimum": "of at least", "maximum": "of at most"}


def target_line(row: dict, unit: EnergyUnit = EnergyUnit.KCAL) -> str:
    """'● Energy: 2,027 of 2,075 kcal (98 %)' — one target of one day (energy in `unit`)."""
    nutrient = BY_KEY[row["measure"]]
    factor = unit.factor if row["measure"] == ENERGY else 1.0
    actual = format_number(row["actual"] * factor, 0)
    target = format_number(row["target"] * factor, 0)
    share = f" ({row['actual'] / row['target'] * 100:.0f} %)" if row["target"] else ""
    return (
        f"{STATUS_MARK[row['status']]} {nutrient.name}: {actual} {KIND_WORD[row['kind']]} "
        f"{target} {unit.value if row['measure'] == ENERGY else nutrient.unit}{share}"
    )


def day_target_bars(adherence_of_day: pl.DataFrame, unit: EnergyUnit = EnergyUnit.KCAL) -> None:
    st.plotly_chart(
        charts.day_targets(adherence_of_day, unit),
        width="stretch",
        config={"displayModeBar": False},
    )
    st.markdown(
        "  \n".join(target_line(row, unit) for row in adherence_of_day.iter_rows(named=True))
    )
    st.caption(
        "Green: within 10 % of a target (or a minimum reached, a maximum kept) · "
        "orange: within 20 % · red: further off."
    )
