"""Generator buttons for the menu builder: complete one day, generate the week.

How to place them (each owns its widget keys; call once per page run):

    from pages.ui.generate_buttons import complete_day_button, generate_week_button

    complete_day_button(menu, day)   # under the day's targets: fills the day's empty meals
    generate_week_button(menu)       # in the week tab: fills every day's empty meals

Both keep every item already placed (locked or not), use the settings chosen on the Generate
page (defaults until then), save each day as soon as it is planned, and say per day whether it
is within tolerance and, when not, which target blocks it and why. After a run the page reruns
so the builder shows the new items. `menu` is the `Menu` of the builder's report.
"""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.menus import Menu, day_labels
from pages.ui.generate_run import day_line, run_days, stopped_notice
from pages.ui.generate_settings import current_settings
from pages.ui.text import literal

FLASH = "gen_builder_flash"  # (kind, lines) shown after the rerun


def _show_flash(where: str) -> None:
    flash = st.session_state.get(FLASH)
    if flash and flash[0] == where:
        st.session_state.pop(FLASH)
        _, ok, lines = flash
        (st.success if ok else st.warning)("  \n".join(literal(line) for line in lines))


def _run(menu: Menu, days: list[int], where: str, key: str) -> None:
    labels = day_labels(menu)
    results = run_days(
        menu.menu_id, days, current_settings(), labels, replace_items=False, key=key, seen=menu
    )
    if results is None:
        return
    lines = [day_line(r, labels[r.day]) for r in results]
    for result in results:
        if not result.within and result.filled:
            lines += [f"{labels[result.day]} — {reason}" for reason in result.reasons]
    st.session_state[FLASH] = (where, all(r.within or not r.filled for r in results), lines)
    st.rerun()


def complete_day_button(menu: Menu, day: int, key: str = "gen_complete_day") -> None:
    """ "Complete this day": fill the day's empty meals to the day's targets."""
    stopped_notice()
    if st.button(
        "Complete this day",
        key=key,
        icon=":material/auto_awesome:",
        help="Fills this day's empty meals so the day lands on its targets; items "
        "already on the day stay.",
    ):
        _run(menu, [day], f"day{day}", key)
    _show_flash(f"day{day}")


def generate_week_button(menu: Menu, key: str = "gen_week") -> None:
    """ "Generate week": fill the empty meals of every day, day by day with progress."""
    stopped_notice()
    if st.button(
        "Generate week",
        key=key,
        icon=":material/auto_awesome:",
        help="Fills every day's empty meals to that day's targets, one day at a time; "
        "items already on the menu stay. Each day is saved as soon as it is planned: "
        "if the run is stopped or cut off, the days done stay saved.",
    ):
        _run(menu, list(range(menu.days)), "week", key)
    _show_flash("week")
