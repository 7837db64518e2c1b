"""Foods: search the nutrition database, see a portion's nutrients, compare foods."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.formatting import format_number
from menuplanner.domain.nutrients import BY_KEY, KEYS
from menuplanner.services import foods as food_service
from pages.ui import database
from pages.ui.energy import energy_unit
from pages.ui.food_handout_name import handout_name_editor
from pages.ui.food_tags import tag_editor
from pages.ui.format import nutrient_table
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()
PAGE_SIZE = 20
ALL_GROUPS = "All groups"
COMPARED = "foods_compared"  # session list of (food_id, quantity, unit)
DEFAULT_COMPARE = ["energy_kcal", "protein_g", "carbohydrate_g", "fat_g", "fibre_g"]

st.title("Foods")
catalog = database.catalog()
st.caption(
    f"{catalog.count():,} foods: the USDA National Nutrient Database (SR26) and any tables "
    "you imported. Nutrients are per 100 g of edible portion unless a portion is chosen."
)

groups = {g.name: g.code for g in catalog.groups()}
query_column, group_column = st.columns([3, 2])
query = query_column.text_input(
    "Search foods",
    key="foods_query",
    placeholder="e.g. roasted chicken breast",
    help="Words in any order; 'chicken breast roasted' finds the same foods.",
)
group_name = group_column.selectbox("Food group", [ALL_GROUPS, *groups], key="foods_group")
group_code = groups.get(group_name)

if not query.strip() and group_code is None:
    st.info("Type a food's name, or pick a food group, to see matching foods.")
    st.stop()

first_page = catalog.search(query, group_code, limit=PAGE_SIZE)
pages = max(1, -(-first_page.total // PAGE_SIZE))
if first_page.total == 0:
    st.warning(f"No food matches “{literal(query.strip()[:80])}”. Try fewer or shorter words.")
    st.stop()

page = 1
if pages > 1:
    page = st.number_input(
        f"Page (of {pages})",
        min_value=1,
        max_value=pages,
        value=1,
        key=f"foods_page_{query}_{group_code}",
    )
results = (
    first_page
    if page == 1
    else catalog.search(query, group_code, PAGE_SIZE, (page - 1) * PAGE_SIZE)
)
st.caption(
    f"{results.total:,} {'food matches' if results.total == 1 else 'foods match'} · "
    f"showing {(page - 1) * PAGE_SIZE + 1}–"
    f"{(page - 1) * PAGE_SIZE + len(results.hits)}"
)
st.dataframe(
    {"Food": [h.name for h in results.hits], "Group": [h.group_name for h in results.hits]},
    hide_index=True,
    width="stretch",
    height=min(36 * (len(results.hits) + 1) + 2, 400),
)

hits = {h.food_id: h for h in results.hits}
food_id = st.selectbox(
    "Show nutrients for", list(hits), format_func=lambda i: hits[i].name, key="foods_selected"
)
food = catalog.get(food_id)

st.divider()
st.subheader(literal(food.name))
source_label = "NDB" if food.dataset == "USDA SR26" else "id"
st.caption(
    literal(f"{hits[food_id].group_name} · {food.dataset} · {source_label} {food.source_id}")
)
handout_name_editor(food_id)

choices = food_service.PortionChoice.for_food(food)
portion_column, quantity_column, grams_column = st.columns([3, 1, 1])
choice = portion_column.selectbox(
    "Portion", choices, format_func=lambda c: c.label, key=f"foods_portion_{food_id}"
)
quantity = quantity_column.number_input(
    "How many" if choice.unit != "g" else "Grams",
    min_value=0.0,
    max_value=5000.0,
    value=float(choice.quantity),
    step=0.5 if choice.unit != "g" else 10.0,
    key=f"foods_quantity_{food_id}_{choice.label}",
    format="%.1f",
)
try:
    panel = food_service.food_panel(catalog, food_id, quantity, choice.unit)
except MenuplannerError as error:
    st.error(literal(str(error)))
    st.stop()
grams_column.metric("Weight", f"{format_number(panel.grams, 1)} g")

table_column, chart_column = st.columns([3, 2])
unit = energy_unit()  # the workspace's kcal or kJ
with table_column:
    for group, tab in zip(
        food_service.groups_in_panel_order(),
        st.tabs(food_service.groups_in_panel_order()),
        strict=True,
    ):
        with tab:
            rows = panel.nutrients.filter(panel.nutrients["group"] == group)
            st.dataframe(nutrient_table(rows, energy=unit), hide_index=True, width="stretch")
# Charts (plotly, pandas) are imported once a food is shown: the first page drawn after a
# start must not wait ~1 s for them (issue 17).
from menuplanner import charts  # noqa: E402

with chart_column:
    if panel.energy.energy_kcal > 0:
        st.plotly_chart(charts.energy_sources(panel.energy, unit=unit), width="stretch")
    else:
        st.caption("This food has no energy, so there is no energy split to show.")

tag_editor(food_id)

compared: list[tuple[int, float, str]] = st.session_state.setdefault(COMPARED, [])
already = any(c[0] == food_id for c in compared)
if st.button(
    "Add to comparison",
    key="foods_add_compare",
    disabled=already or len(compared) >= food_service.MAX_COMPARED,
    help=f"Compare up to {food_service.MAX_COMPARED} foods side by side.",
):
    compared.append((food_id, quantity, choice.unit))
    st.rerun()

if compared:
    st.divider()
    st.subheader("Compare foods")
    basis = st.radio(
        "Amounts", ["Per 100 g", "Per chosen portion"], horizontal=True, key="foods_compare_basis"
    )
    selections = (
        compared if basis == "Per chosen portion" else [(i, 100.0, "g") for i, _, _ in compared]
    )
    shown, long = food_service.compare_foods(catalog, selections)
    nutrients = st.multiselect(
        "Nutrients",
        list(KEYS),
        default=DEFAULT_COMPARE,
        format_func=lambda k: BY_KEY[k].label,
        key="foods_compare_nutrients",
        max_selections=6,
    )
    if nutrients:
        st.plotly_chart(charts.compare_nutrients(long, nutrients), width="stretch")
    for index, item in enumerate(shown):
        label_column, remove_column = st.columns([5, 1])
        label_column.text(item.label)
        if remove_column.button("Remove", key=f"foods_compare_remove_{item.food_id}"):
            compared.pop(index)
            st.rerun()
