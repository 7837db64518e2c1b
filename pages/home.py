"""Dashboard: clients, their menus, and how each menu's days sit against targets."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.domain.errors import MenuplannerError
from menuplanner.nutrition.adherence import STATUS_MARKS
from menuplanner.services import dashboard, settings
from pages.ui import database, page_memo
from pages.ui.client_picker import choose_client
from pages.ui.energy import energy_unit
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()


def micronutrient_marks(menu: dashboard.MenuSummary) -> str:
    """'Low: Vitamin D, Vitamin B12 · above the UL: Zinc' or ''."""
    parts = []
    if menu.low_nutrients:
        parts.append("Low: " + ", ".join(menu.low_nutrients))
    if menu.over_upper:
        parts.append("above the upper limit: " + ", ".join(menu.over_upper))
    return " · ".join(parts)


def dates_text(first: dt.date, last: dt.date) -> str:
    """'30 Nov – 06 Dec', with the year when it is not this one."""
    year = "" if last.year == dt.date.today().year else f" {last:%Y}"
    return f"{first:%d %b} – {last:%d %b}{year}"


EMPTY = (
    "This workspace has no clients yet. Add your first on the Clients page, then build "
    "their week in the Menu builder."
)
OFFER_DEMO = (
    "Or add the demo clients with their planned weeks to see how it works; they can be removed "
    "in one action later."
)

st.title("Dashboard")
summary = dashboard.overview(database.unit_of_work(), known=page_memo.store("overview"))
with database.unit_of_work() as uow:
    clients = uow.clients.list()
    recipes = uow.recipes.list()
    food_count = uow.foods.count()

counts = st.columns(4)
counts[0].metric("Clients", len(clients))
counts[1].metric("Menus", len(summary.menus))
counts[2].metric("Recipes", len(recipes))
counts[3].metric("Foods", f"{food_count:,}")

if not clients:
    # Demo recipes left here (their client deleted by hand) would clash by name with new ones.
    offer_demo = not any(r.is_demo for r in recipes)
    st.info(f"{EMPTY} {OFFER_DEMO}" if offer_demo else EMPTY)
    st.page_link("pages/clients.py", label="Add a client", icon=":material/person_add:")
    if offer_demo and st.button(
        "Add the demo clients and their weeks", key="home_add_demo", icon=":material/science:"
    ):
        from menuplanner import demo  # ~1 s to import (pydantic): only when asked for

        try:
            demo.add_demo_once(database.unit_of_work(), dt.date.today())
        except MenuplannerError as error:
            st.error(str(error))
        else:
            st.rerun()
    st.stop()

unit = energy_unit()
st.subheader("Menus against targets")
if summary.menus:
    st.dataframe(
        {
            "Client": [m.client_name for m in summary.menus],
            "Menu": [m.menu_name for m in summary.menus],
            "Dates": [dates_text(m.first_day, m.last_day) for m in summary.menus],
            "Days": [" ".join(STATUS_MARKS[s] for s in m.status_by_day) for m in summary.menus],
            "On target": [f"{m.days_on_target} of {m.days}" for m in summary.menus],
            "Average day": [
                f"{m.average_kcal * unit.factor:,.0f} of {m.target_kcal * unit.factor:,.0f} "
                f"{unit.value}"
                if m.days_planned
                else "nothing planned"
                for m in summary.menus
            ],
            "Micronutrients (week)": [micronutrient_marks(m) for m in summary.menus],
            "Warnings": [f"⚠ {m.violations} items" if m.violations else "" for m in summary.menus],
        },
        hide_index=True,
        width="stretch",
        # the narrow columns narrow, so all eight fit at 1,400 px without scrolling sideways
        column_config={
            "Days": st.column_config.TextColumn(width=104),  # seven marks
            "On target": st.column_config.TextColumn(width="small"),
            "Warnings": st.column_config.TextColumn(width="small"),
        },
    )
    st.caption(
        "One mark a day: ✓ every target within 10 % (fibre reached, sodium kept) · ~ within "
        "20 % · ✗ further off · · nothing planned. “On target” counts the ✓ days. Warnings "
        "are items that break a client's allergy, diet or dislike. Micronutrients: the week's "
        "average against the client's Dietary Reference Intakes, low meaning under two thirds "
        "of the RDA or AI (see the Micronutrients tab of the menu builder)."
    )
    menu_names = {m.menu_id: f"{m.client_name} · {m.menu_name}" for m in summary.menus}
    open_column, _ = st.columns([2, 3])
    chosen = open_column.selectbox(
        "Open a menu", list(menu_names), format_func=menu_names.get, key="home_open_menu"
    )
    if open_column.button("Open in the menu builder", type="primary", key="home_open"):
        picked = next(m for m in summary.menus if m.menu_id == chosen)
        choose_client(picked.client_id)
        st.session_state["builder_menu"] = chosen
        st.switch_page("pages/menu_builder.py")
else:
    st.caption("No menus yet: open the Menu builder to create one.")
for name in summary.clients_without_menu:
    st.caption(f"{literal(name)} has no menu yet.")
for name in summary.clients_without_targets:
    st.warning(
        f"{literal(name)} has no targets: add height, weight and birth year on the "
        "Clients page, or type the targets by hand."
    )


def _store_unit() -> None:
    settings.set_energy_unit(database.unit_of_work(), st.session_state["home_energy_unit"])


with st.expander("Workspace settings"):
    st.session_state["home_energy_unit"] = unit.value
    st.radio(
        "Show energy in",
        [u.value for u in EnergyUnit],
        format_func=lambda value: EnergyUnit(value).label,
        horizontal=True,
        key="home_energy_unit",
        on_change=_store_unit,
        help="On every page, chart and export of this workspace (the database keeps kcal; "
        "1 kcal = 4.184 kJ).",
    )

if any(c.is_demo for c in clients) or any(r.is_demo for r in recipes):
    st.divider()
    with st.expander("Demo data"):
        st.write(
            "The demo clients, their weeks and the demo recipes are here to show how the "
            "planner works. Remove them when you no longer need them; your own clients, "
            "recipes and menus stay."
        )
        confirm = st.checkbox("Yes, remove the demo data", key="home_demo_confirm")
        if st.button("Remove demo data", disabled=not confirm, key="home_demo_remove"):
            from menuplanner import demo  # ~1 s to import (pydantic): only when asked for

            try:
                removed = demo.remove_demo(database.unit_of_work())
            except MenuplannerError as error:
                st.error(literal(str(error)))
            else:
                st.session_state.pop("home_demo_confirm", None)
                kept = ("; kept: " + "; ".join(removed.kept)) if removed.kept else ""
                st.toast(
                    literal(
                        f"Removed {removed.clients} client, {removed.menus} menu and "
                        f"{removed.recipes} recipes{kept}."
                    )
                )
                st.rerun()
