"""The menu builder's micronutrient view: a day (or the week's average) against the client's
goals, as a chart read at a glance and as lines of text (readable without the chart, and by
tests), with coverage, what the numbers mean and which foods give most of a nutrient."""

from __future__ import annotations

import polars as pl
import streamlit as st

from menuplanner.charts_micronutrients import amount_text, micronutrients
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.nutrition.adequacy import STATUS_RULE, coverage_sentence
from menuplanner.services.adequacy import MenuAdequacy
from pages.ui.text import literal

WEEK = -1  # the "Week average" choice of the day picker
MARKS = {
    "met": ":green[●]",
    "below": ":orange[●]",
    "low": ":red[●]",
    "over": ":violet[▲]",
    "unknown": ":gray[?]",
    "empty": ":gray[○]",
}
WORDS = {
    "met": "goal met",
    "below": "below the goal",
    "low": "low",
    "over": "above the upper limit",
    "unknown": "unknown",
    "empty": "nothing planned",
}
KIND_WORDS = {"RDA": "RDA", "AI": "AI", "own": "your goal"}


def micronutrient_line(row: dict) -> str:
    """':red[●] Vitamin B12: 1.14 of 2.4 µg (48 %, RDA): low' — one nutrient of a day."""
    name = row["name"]
    if row["amount"] is None:
        return f"{MARKS[row['status']]} " + literal(f"{name}: {WORDS[row['status']]}")
    amount = amount_text(row["amount"], row["nutrient"])
    least = "" if row["complete"] else "at least "
    if row["goal"] is None:
        text = f"{least}{amount}"
    else:
        number, unit = amount.rsplit(" ", 1)
        text = (
            f"{least}{number} of {row['goal']:,g} {unit} "
            f"({row['pct']:.0f} %, {KIND_WORDS[row['kind']]})"
        )
    if row["status"] == "over":
        upper = amount_text(row["upper"], row["nutrient"])
        kind = "your limit" if row["upper_kind"] == "own" else row["upper_kind"]
        text += f", above the {kind} of {upper}"
    return f"{MARKS[row['status']]} " + literal(f"{name}: {text}: {WORDS[row['status']]}")


def micronutrient_view(adequacy: MenuAdequacy, day_labels: list[str]) -> None:
    st.caption(literal(adequacy.stage_sentence))
    if not adequacy.goals:
        st.info(
            "No micronutrient goals yet: add the client's birth year or age on the Clients "
            "page (or goals of your own) to see how the menu covers them."
        )
        return
    choices = [WEEK, *range(adequacy.menu.days)]
    if st.session_state.get("builder_micros_day") not in choices:
        st.session_state["builder_micros_day"] = WEEK
    chosen = st.segmented_control(
        "Show",
        choices,
        format_func=lambda d: "Week average" if d == WEEK else day_labels[d],
        key="builder_micros_day",
        required=True,
    )
    if chosen == WEEK:
        rows, scope = adequacy.week, "week"
        planned = int(rows["days"].max() or 0)
        heading = f"Average of the {planned} planned day{'s' if planned != 1 else ''}"
    else:
        rows, scope, heading = adequacy.of_day(chosen), "day", day_labels[chosen]
    if not rows.filter(pl.col("items") > 0).height:
        st.info("Nothing is planned yet: add foods in “Day by day”.")
        return
    chart_column, text_column = st.columns([3, 2], gap="medium")
    with chart_column:
        st.plotly_chart(
            micronutrients(rows, heading), width="stretch", config={"displayModeBar": False}
        )
        st.caption(
            STATUS_RULE + " Hatched bars: some values are missing, so at least this much. "
            "Purple marks: upper limits within 250 % of the goal."
        )
    with text_column:
        st.markdown("  \n".join(micronutrient_line(r) for r in rows.iter_rows(named=True)))
        missing = [coverage_sentence(r, scope) for r in rows.iter_rows(named=True)]
        missing = [m for m in missing if m]
        if missing:
            st.caption(literal(" ".join(missing)))
        shown = set(rows["nutrient"])
        for goal in adequacy.goals:  # where our measure differs from the DRI's
            if goal.measure_note and goal.nutrient in shown:
                st.caption(literal(f"{BY_KEY[goal.nutrient].name}: {goal.measure_note}"))
    _contributors(adequacy, rows, None if chosen == WEEK else chosen, day_labels)
    _where_numbers_come_from(adequacy)


def _contributors(adequacy: MenuAdequacy, rows: pl.DataFrame, day, day_labels) -> None:
    names = dict(zip(rows["nutrient"], rows["name"], strict=True))
    first = next((r["nutrient"] for r in rows.iter_rows(named=True) if r["status"] == "low"), None)
    nutrient = st.selectbox(
        "Which foods give most of it",
        list(names),
        index=list(names).index(first) if first else 0,
        format_func=names.get,
        key="builder_micros_nutrient",
    )
    top = adequacy.contributors(nutrient, day)
    if not top.height:
        st.caption(f"No item gives {literal(names[nutrient].lower())} here.")
        return
    lines = [
        f"{literal(r['label'])} ({literal(day_labels[r['day']])}, {literal(r['slot'])}): "
        f"{amount_text(r['amount'], nutrient)}, {r['share']:.0f} %"
        for r in top.iter_rows(named=True)
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))


def _where_numbers_come_from(adequacy: MenuAdequacy) -> None:
    with st.expander("Where these goals come from"):
        lines = [
            f"- **{literal(BY_KEY[g.nutrient].name)}**: {literal(g.working)}"
            for g in adequacy.goals
        ]
        st.markdown("\n".join(lines))
        for note in [g.upper_note for g in adequacy.goals if g.upper_note]:
            st.caption(literal(note))
