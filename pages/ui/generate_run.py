"""Running the generator day by day with visible progress, and stopping it.

The planner commits each day as soon as it is planned. A "Stop" button is on screen while it
runs: pressing it makes Streamlit rerun the page, which interrupts this run between two Streamlit
calls, so between days; the days already planned stay saved and the next run says so.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.menus import Menu
from menuplanner.planning.settings import GenerateSettings
from menuplanner.services import generate as generate_service
from menuplanner.services.generate import DayResult
from pages.ui import database
from pages.ui.generate_settings import planning_store
from pages.ui.text import literal

RUNNING = "gen_running"  # {"menu_id", "total", "done": [DayResult]} while a run is under way
RESULTS = "gen_results"  # menu_id → {day: DayResult} of the last runs


def day_line(result: DayResult, label: str) -> str:
    if not result.filled:
        return f"{label}: every meal already has items, nothing added."
    if result.within:
        return (
            f"✓ {label}: {result.added} items, every target within tolerance "
            f"({result.seconds:.1f} s)."
        )
    worst = max(result.gaps, key=lambda g: abs(g.pct))
    return (
        f"✗ {label}: {result.added} items, closest day found is outside tolerance "
        f"({worst.label.lower()} {worst.off_target_pct:+.0f} % of target)."
    )


def remember(menu_id: int, results: list[DayResult]) -> None:
    kept = st.session_state.setdefault(RESULTS, {}).setdefault(menu_id, {})
    for result in results:
        kept[result.day] = result


def stopped_notice() -> None:
    """After a stopped run: say what was saved (call near the top of the page)."""
    running = st.session_state.pop(RUNNING, None)
    if running:
        done = running["done"]
        remember(running["menu_id"], done)
        st.warning(
            f"Stopped after {len(done)} of {running['total']} days: the days already "
            "generated are saved; the others are unchanged."
        )


def run_days(
    menu_id: int,
    days: list[int],
    settings: GenerateSettings,
    day_labels: list[str],
    replace_items: bool,
    key: str = "gen",
    seen: Menu | None = None,
) -> list[DayResult] | None:
    """Generate `days` of the menu one by one inside a status box with a progress bar and a
    Stop button; returns the results, or None when the generator refused (error shown).
    `seen`: the menu on screen; when someone else changes the menu before or between days,
    the run stops with their changes named (the days already planned stay saved)."""
    settings = replace(settings, replace=replace_items)
    state = {"menu_id": menu_id, "total": len(days), "done": []}
    st.session_state[RUNNING] = state
    results: list[DayResult] = []
    with st.status(f"Generating {len(days)} day{'s' * (len(days) != 1)}…", expanded=True) as box:
        st.button(
            "Stop",
            key=f"{key}_stop",
            help="Stop after the day being planned; the days already generated stay saved.",
        )
        progress = st.progress(0.0, text="Loading the foods this client may eat…")
        planned = generate_service.generate(
            database.unit_of_work(), planning_store(), menu_id, days, settings, seen=seen
        )
        try:
            for result in planned:
                results.append(result)
                state["done"].append(result)
                box.write(literal(day_line(result, day_labels[result.day])))
                progress.progress(
                    len(results) / len(days), text=f"{len(results)} of {len(days)} days done"
                )
        except MenuplannerError as error:
            st.session_state.pop(RUNNING, None)
            remember(menu_id, results)
            box.update(
                label=f"Stopped after {len(results)} of {len(days)} days"
                if results
                else "Nothing generated",
                state="error",
            )
            st.error(literal(str(error)))
            return None
        finally:  # a Stop (rerun) lands here between days: end the unit of work now
            planned.close()
        outside = sum(1 for r in results if not r.within and r.filled)
        label = (
            f"{len(results)} days generated, all within tolerance"
            if not outside
            else f"{len(results)} days generated, {outside} outside tolerance"
        )
        box.update(
            label=label, state="complete" if not outside else "error", expanded=bool(outside)
        )
    st.session_state.pop(RUNNING, None)
    remember(menu_id, results)
    return results
