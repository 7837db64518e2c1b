"""Menu builder: a client's week, day by day, with live totals against their targets."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from menuplanner import charts
from menuplanner.domain.energy_units import energy_text
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.menus import DEFAULT_SLOTS, day_labels
from menuplanner.domain.validation import MAX_NAME_LENGTH
from menuplanner.nutrition.energy import energy_split
from menuplanner.services import adequacy as adequacy_service
from menuplanner.services import menus as menu_service
from pages.ui import database
from pages.ui.day_editor import add_item_form, day_actions
from pages.ui.energy import energy_unit
from pages.ui.export_buttons import download_buttons
from pages.ui.generate_buttons import complete_day_button, generate_week_button
from pages.ui.menu_context import client_and_menus, report_or_stop
from pages.ui.menu_items import meal_items
from pages.ui.menu_saving import show_refusal
from pages.ui.micronutrients_view import micronutrient_view
from pages.ui.router import ensure_router
from pages.ui.targets_view import day_target_bars
from pages.ui.text import literal
from pages.ui.week_grid import week_grid

TAB = "builder_tab"  # "Week", "Day by day" or "Micronutrients"
DAY_KEPT = "builder_day_kept"  # the day last open in the day view

ensure_router()
st.title("Menu builder")
show_refusal()  # a change refused because someone else changed the menu first
client, menus = client_and_menus(
    "Add a client on the Clients page first; their menus are built here."
)
client_id = client.client_id

menu_names = {m.menu_id: m.name for m in menus}
NEW = -1
choice_column = st.container()
# Drawn only while open (Streamlit reruns when it opens): its five inputs would otherwise
# cost every click on the page.
new_menu = st.expander("New menu", expanded=not menus, key="builder_new_open", on_change="rerun")
if new_menu.open:
    with new_menu:
        name = st.text_input(
            "Menu name", value="Week plan", max_chars=MAX_NAME_LENGTH, key="builder_new_name"
        )
        today = dt.date.today()
        next_monday = today + dt.timedelta(days=(7 - today.weekday()) % 7)
        start = st.date_input(
            "First day", value=next_monday, format="DD/MM/YYYY", key="builder_new_start"
        )
        days = st.number_input(
            "Days", min_value=1, max_value=menu_service.MAX_DAYS, value=7, key="builder_new_days"
        )
        slots = st.text_input(
            "Meals (comma-separated)", value=", ".join(DEFAULT_SLOTS), key="builder_new_slots"
        )
        clicked = st.button("Create menu", type="primary", key="builder_new_create")
        if clicked:
            try:
                new_id = menu_service.create_menu(
                    database.unit_of_work(),
                    client_id,
                    name,
                    start,
                    int(days),
                    tuple(s.strip() for s in slots.split(",") if s.strip()),
                )
            except MenuplannerError as error:
                st.error(literal(str(error)))
            else:
                st.session_state["builder_menu"] = new_id
                st.rerun()
if not menus:
    choice_column.info(f"{literal(client.name)} has no menu yet: create one with “New menu”.")
    st.stop()
if st.session_state.get("builder_menu") not in menu_names:
    st.session_state["builder_menu"] = menus[0].menu_id
menu_id = choice_column.selectbox(
    "Menu", list(menu_names), format_func=menu_names.get, key="builder_menu"
)


def day_worked_on(days: int) -> int:
    """The day view's day: the picker's, or the last one worked on (the picker forgets its
    value while the Week tab is open)."""
    if st.session_state.get("builder_day") not in range(days):
        kept = st.session_state.get(DAY_KEPT, 0)
        st.session_state["builder_day"] = kept if kept in range(days) else 0
    return st.session_state["builder_day"]


# The day view needs that day's figures only (a seventh of the week's work on every click).
in_day_view = st.session_state.get(TAB) == "Day by day"
menu_days = next(m.days for m in menus if m.menu_id == menu_id)
report = report_or_stop(menu_id, day=day_worked_on(menu_days) if in_day_view else None)
menu = report.menu
unit = energy_unit()  # the workspace's kcal or kJ
labels = day_labels(menu)
st.caption(
    literal(
        f"{client.name} · {menu.date_of(0):%d %b %Y} – {menu.date_of(menu.days - 1):%d %b %Y} · "
        f"target {energy_text(report.targets.energy_kcal, unit)}, "
        f"P {report.targets.protein_g:.0f} g, "
        f"C {report.targets.carbohydrate_g:.0f} g, F {report.targets.fat_g:.0f} g a day"
    )
)

# Only the open tab is drawn (a tab switch reruns the page): an edit in the day view does not
# rebuild the week's grid and charts, nor a look at the week the day's forms.
week_tab, day_tab, micros_tab = st.tabs(
    ["Week", "Day by day", "Micronutrients"], key=TAB, on_change="rerun"
)
if week_tab.open:
    with week_tab:
        week_grid(report, labels, unit)
        generate_week_button(menu)
        download_buttons(menu.menu_id, report.client.name, menu.name, key="builder_downloads")
        chart_column, donut_column = st.columns([3, 2])
        energy_targets = {d: t.energy_kcal for d, t in report.day_targets.items()}
        chart_column.plotly_chart(
            charts.week_macros(report.days, energy_targets, unit), width="stretch"
        )
        average = report.average.row(0, named=True)
        if average["days_counted"]:
            title = "Average day: where the energy comes from"
            donut_column.plotly_chart(
                charts.energy_sources(energy_split(average), title, unit), width="stretch"
            )

if day_tab.open:
    with day_tab:
        day = st.segmented_control(
            "Day",
            list(range(menu.days)),
            format_func=lambda d: labels[d],
            key="builder_day",
            required=True,
        )
        st.session_state[DAY_KEPT] = day
        # the items wide enough for a name beside four boxes; the targets chart at ~280 px
        items_column, targets_column = st.columns([5, 2], gap="medium")
        with targets_column:
            st.subheader("Day against targets")
            day_target_bars(report.adherence.filter(pl.col("day") == day), unit)
            day_actions(menu, day, labels, report.day_targets[day])
            complete_day_button(menu, day)
        with items_column:
            portions = menu_service.day_portions(database.unit_of_work(), report, day)
            handout = menu_service.handout_names(report, day)  # from the report: no read
            for meal in report.day_meals(day):
                st.markdown(f"**{literal(meal.slot)}** · {energy_text(meal.energy_kcal, unit)}")
                if meal.items.height:
                    meal_items(menu, meal.items, report.violations, portions, labels, unit, handout)
                else:
                    st.caption("Nothing planned yet.")
            st.divider()
            add_item_form(menu, day, labels)

if micros_tab.open:
    with micros_tab:
        with database.unit_of_work() as uow:
            adequacy = adequacy_service.adequacy_in(uow, report)
        micronutrient_view(adequacy, labels)
