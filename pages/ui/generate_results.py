"""A generated menu against its targets, day by day, with the tolerance the user chose: every
number from the totals engine (the menu report), so it matches the menu builder."""

from __future__ import annotations

import polars as pl
import streamlit as st

from menuplanner import charts
from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.nutrition.adherence import within_tolerance
from menuplanner.services.generate import DayResult
from menuplanner.services.menus import MenuReport
from pages.ui.energy import energy_unit
from pages.ui.text import literal

MEASURES = ("energy_kcal", "protein_g", "carbohydrate_g", "fat_g", "fibre_g", "sodium_mg")


def cell(row: dict, tolerance_pct: float, energy: EnergyUnit = EnergyUnit.KCAL) -> str:
    """'2,031 kcal (−2 %) ✓' — ✓ inside the tolerance (or minimum/maximum), ✗ outside."""
    unit = BY_KEY[row["measure"]].unit
    actual = row["actual"]
    if row["measure"] == "energy_kcal":
        unit, actual = energy.value, actual * energy.factor
    pct = row["diff_pct"] or 0.0
    ok = within_tolerance(row["kind"], pct, tolerance_pct)
    sign = "+" if pct >= 0 else "−"
    return f"{actual:,.0f} {unit} ({sign}{abs(pct):.0f} %) {'✓' if ok else '✗'}"


def results_table(
    report: MenuReport,
    tolerance_pct: float,
    day_labels: list[str],
    energy: EnergyUnit = EnergyUnit.KCAL,
) -> pl.DataFrame:
    """Day × target cells (see `cell`), days without items left out."""
    adherence = report.adherence.filter(pl.col("status") != "empty")
    rows = []
    for day in sorted(set(adherence["day"].to_list())):
        of_day = {
            r["measure"]: r for r in adherence.filter(pl.col("day") == day).iter_rows(named=True)
        }
        rows.append(
            {
                "Day": day_labels[day],
                **{BY_KEY[m].name: cell(of_day[m], tolerance_pct, energy) for m in MEASURES},
            }
        )
    return pl.DataFrame(rows) if rows else pl.DataFrame({"Day": []})


def results_view(
    report: MenuReport, results: dict[int, DayResult], tolerance_pct: float, day_labels: list[str]
) -> None:
    energy = energy_unit()
    table = results_table(report, tolerance_pct, day_labels, energy)
    if not table.height:
        st.caption("Nothing planned on this menu yet.")
        return
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(
        f"✓ within ±{tolerance_pct:g} % of the target (fibre: at least the minimum; "
        "sodium: at most the maximum) · ✗ outside."
    )
    for day, result in sorted(results.items()):
        if result.filled and not result.within:
            with st.container(border=True):
                st.markdown(
                    f"**{day_labels[day]}: outside tolerance, the closest day found is kept.**"
                )
                st.markdown("\n".join(f"- {literal(reason)}" for reason in result.reasons))
        elif result.filled and result.micro_gaps:
            with st.container(border=True):
                st.markdown(
                    f"**{day_labels[day]}: on target, but a micronutrient goal is missed.**"
                )
                st.markdown("\n".join(f"- {literal(reason)}" for reason in result.reasons))
    energy_targets = {d: t.energy_kcal for d, t in report.day_targets.items()}
    st.plotly_chart(charts.week_macros(report.days, energy_targets, energy), width="stretch")
