"""A client's micronutrient goals on the Clients page: their life stage, every goal with where
it comes from, and the dietitian's own goals and limits (an editor of rows, saved together)."""

from __future__ import annotations

import datetime as dt
import math

import streamlit as st

from menuplanner.domain.clients import Client, NutrientGoal
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.nutrient_goals import NOT_A_GOAL
from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.services import clients as client_service
from pages.ui import database
from pages.ui.text import literal

CHOICES = {n.name + f" ({n.unit})": n.key for n in NUTRIENTS if n.key not in NOT_A_GOAL}
LABELS = {key: label for label, key in CHOICES.items()}
KIND = {"RDA": "RDA", "AI": "AI", "own": "yours"}


def micronutrient_section(client: Client, today: dt.date) -> None:
    st.subheader("Micronutrient goals")
    try:
        sentence, goals = client_service.micronutrient_goals(database.unit_of_work(), client, today)
    except MenuplannerError as error:
        st.warning(literal(str(error)))
        return
    st.caption(literal(sentence))
    if goals:
        st.dataframe(
            {
                "Nutrient": [LABELS.get(g.nutrient, g.nutrient) for g in goals],
                "Goal": [_number(g.goal, KIND.get(g.kind, "")) for g in goals],
                "Upper limit": [
                    _number(g.upper, g.upper_kind or "")
                    + ("" if g.upper_checked else " (not checked)")
                    if g.upper is not None
                    else "–"
                    for g in goals
                ],
                "Where it comes from": [g.working for g in goals],
            },
            hide_index=True,
            width="stretch",
        )
    with st.expander("Your own goals and limits", expanded=bool(client.nutrient_goals)):
        st.caption(
            "A goal here replaces the reference value (a higher iron goal after a blood test); "
            "a limit adds or replaces an upper limit (vitamin K with warfarin). Amounts are in "
            "the nutrient's unit; leave a cell empty for none."
        )
        rows = [
            {
                "Nutrient": LABELS[g.nutrient],
                "Goal (at least)": g.minimum,
                "Limit (at most)": g.maximum,
                "Reason": g.reason,
            }
            for g in client.nutrient_goals
        ]
        edited = st.data_editor(
            rows,
            num_rows="dynamic",
            key=f"clients_goals_{client.client_id}",
            column_config={
                "Nutrient": st.column_config.SelectboxColumn(
                    "Nutrient", options=list(CHOICES), required=True
                ),
                "Goal (at least)": st.column_config.NumberColumn("Goal (at least)"),
                "Limit (at most)": st.column_config.NumberColumn("Limit (at most)"),
                "Reason": st.column_config.TextColumn("Reason", max_chars=200),
            },
            width="stretch",
        )
        if st.button("Save goals", key=f"clients_goals_save_{client.client_id}"):
            try:
                client_service.save_nutrient_goals(
                    database.unit_of_work(), client.client_id, _goals(edited), today
                )
            except MenuplannerError as error:
                st.error(literal(str(error)))
            else:
                st.session_state.pop(f"clients_goals_{client.client_id}", None)
                st.rerun()


def _goals(rows) -> tuple[NutrientGoal, ...]:
    return tuple(
        NutrientGoal(
            CHOICES[row["Nutrient"]],
            _value(row.get("Goal (at least)")),
            _value(row.get("Limit (at most)")),
            (row.get("Reason") or "").strip(),
        )
        for row in rows
        if row.get("Nutrient")
    )


def _value(cell) -> float | None:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    return float(cell)


def _number(value: float | None, kind: str) -> str:
    if value is None:
        return "–"
    return f"{value:,g} ({kind})" if kind else f"{value:,g}"
