"""Generate: fill a client's menu, day by day, so every day lands on its targets under the
client's allergies, diet and dislikes; regenerate for another answer; swap single items; give
foods your own rules and prices."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.energy_units import energy_text
from menuplanner.domain.menus import day_labels
from pages.ui.energy import energy_unit
from pages.ui.generate_results import results_view
from pages.ui.generate_rules import food_rules_editor
from pages.ui.generate_run import RESULTS, run_days, stopped_notice
from pages.ui.generate_settings import next_seed, settings_panel
from pages.ui.generate_swap import swap_panel
from pages.ui.menu_context import client_and_menus, report_or_stop
from pages.ui.menu_saving import show_refusal
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()
st.title("Generate")
show_refusal()  # a swap or lock refused because someone else changed the menu first
client, menus = client_and_menus(
    "Add a client on the Clients page first; menus are generated for a client."
)
if not menus:
    st.info(
        f"{literal(client.name)} has no menu yet: create one in the menu builder, then "
        "generate it here."
    )
    st.page_link(
        "pages/menu_builder.py", label="Go to the menu builder", icon=":material/calendar_month:"
    )
    st.stop()

names = {m.menu_id: m.name for m in menus}
if st.session_state.get("gen_menu") not in names:
    st.session_state["gen_menu"] = menus[0].menu_id
menu_id = st.selectbox("Menu", list(names), format_func=names.get, key="gen_menu")
stopped_notice()
report = report_or_stop(menu_id, profile_link=False)
menu = report.menu
labels = day_labels(menu)
allergies = ", ".join(sorted(a.label.lower() for a in client.allergies))
diets = ", ".join(sorted(d.label.lower() for d in client.diets))
st.caption(
    literal(
        f"{client.name} · targets {energy_text(report.targets.energy_kcal, energy_unit())}, "
        f"P {report.targets.protein_g:.0f} g, "
        f"C {report.targets.carbohydrate_g:.0f} g, F {report.targets.fat_g:.0f} g a day"
        + (f" · diet: {diets}" if diets else "")
        + (f" · allergic to: {allergies}" if allergies else "")
        + (f" · dislikes: {', '.join(client.dislikes)}" if client.dislikes else "")
    )
)

with st.expander("Settings", expanded=False):
    settings = settings_panel()

FILL, REPLACE = "Fill empty meals", "Replace every unlocked item"
days_column, mode_column = st.columns([3, 2])
st.session_state.setdefault("gen_days", list(range(menu.days)))
st.session_state["gen_days"] = [d for d in st.session_state["gen_days"] if d < menu.days]
days = days_column.multiselect(
    "Days", list(range(menu.days)), format_func=lambda d: labels[d], key="gen_days"
)
mode = mode_column.radio(
    "What to do",
    [FILL, REPLACE],
    key="gen_mode",
    horizontal=True,
    help="Filling keeps every item already on the menu. Replacing keeps "
    "only locked items (lock them with “Swap” below or in the builder).",
)
generate_column, again_column = st.columns([1, 2])
go = generate_column.button(
    "Generate",
    type="primary",
    key="gen_go",
    icon=":material/auto_awesome:",
    help="Plans the chosen days one at a time and saves each day as soon "
    "as it is planned: if the run is stopped or cut off, the days done "
    "stay saved and the others are unchanged.",
)
again = again_column.button(
    "Regenerate (another answer)",
    key="gen_again",
    help="Plans the chosen days again with another random seed, keeping locked items.",
)
if go or again:
    if again:
        settings = next_seed()
    results = run_days(
        menu_id, sorted(days), settings, labels, replace_items=again or mode == REPLACE, seen=menu
    )
    if results is not None:
        st.rerun()

st.subheader("The menu against its targets")
results = st.session_state.get(RESULTS, {}).get(menu_id, {})
results_view(report, results, settings.tolerance_pct, labels)
st.page_link(
    "pages/menu_builder.py", label="Open it in the menu builder", icon=":material/calendar_month:"
)

with st.expander("Swap an item for a substitute"):
    items = [i for i in menu.items if i.item_id is not None]
    if not items:
        st.caption("The menu has no items yet.")
    else:
        day = st.selectbox(
            "Day",
            sorted({i.day for i in items}),
            format_func=lambda d: labels[d],
            key="gen_swap_day",
        )
        of_day = {i.item_id: i for i in items if i.day == day}
        item_id = st.selectbox(
            "Item",
            list(of_day),
            key="gen_swap_item",
            format_func=lambda i: (
                f"{of_day[i].slot}: {of_day[i].label} ({of_day[i].quantity:g} "
                f"{of_day[i].unit}){' 🔒' if of_day[i].locked else ''}"
            ),
        )
        swap_panel(menu, item_id, key="gen_page_swap")

with st.expander("Your rules and prices for foods"):
    food_rules_editor()

with st.expander("How menus are generated"):
    st.markdown(
        "Each day is one optimisation (a mixed-integer programme solved by HiGHS): it picks "
        "foods and recipes for the meals to fill and their amounts in household measures or "
        "10 g steps, so that energy, protein, carbohydrate and fat each land within the "
        "tolerance of that day's targets, fibre reaches its minimum and sodium stays under its "
        "maximum. Only foods the client may eat are candidates (allergies, diets, dislikes), "
        "only where they suit the meal (breakfast cereals at breakfast, no raw meat or flour, no "
        "baby food), a few drawn at random per food group each day, which is also why "
        "“Regenerate” gives another answer. A food or recipe appears at most the chosen number "
        "of times a week and no two days are the same. When no day fits, the closest one found "
        "is kept, marked outside tolerance, with the target that blocks it and why."
    )
