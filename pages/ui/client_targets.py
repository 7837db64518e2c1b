"""A client's daily targets as metrics (kcal, grams and % of energy), with the working that
produced them."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.energy_units import EnergyUnit, energy_text
from menuplanner.domain.formatting import format_number
from menuplanner.domain.targets import Targets, TargetWorking
from pages.ui.text import literal

WORKING_TITLE = "How these targets were computed"


def targets_view(
    targets: Targets, working: TargetWorking | None, unit: EnergyUnit = EnergyUnit.KCAL
) -> None:
    energy, protein, carbohydrate, fat, fibre, sodium = st.columns([1.9, 1, 1.3, 1, 1.1, 1.5])
    energy.metric("Energy", energy_text(targets.energy_kcal, unit))
    for column, label, grams, pct in (
        (protein, "Protein", targets.protein_g, targets.protein_pct),
        (carbohydrate, "Carbohydrate", targets.carbohydrate_g, targets.carbohydrate_pct),
        (fat, "Fat", targets.fat_g, targets.fat_pct),
    ):
        column.metric(label, f"{format_number(grams)} g")
        column.caption(f"{format_number(pct)} % of energy")
    fibre.metric("Fibre, at least", f"{format_number(targets.fibre_min_g)} g")
    sodium.metric("Sodium, at most", f"{format_number(targets.sodium_max_mg)} mg")
    with st.expander(WORKING_TITLE):
        if working is None:
            st.markdown(
                "Typed by hand: no formula was used. Protein and carbohydrate count 4 kcal "
                "per gram and fat 9 kcal per gram for the % of energy."
            )
        else:
            st.markdown("\n".join(f"- {literal(line)}" for line in working.lines))
