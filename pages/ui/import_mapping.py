"""Step 3 for tables: which column is the food's name, id, group, brand and serving size, which
columns are which nutrients in which unit, and whether values are per 100 g or per serving.
Suggested from the headers; a saved mapping (JSON) can be loaded and the current one saved."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.nutrients import BY_KEY, ENERGY, NUTRIENTS
from menuplanner.imports import mapping as mappings
from menuplanner.imports.mapping import NutrientColumn, TableMapping
from menuplanner.imports.table import RawTable
from pages.ui.text import literal

NONE = "—"
UNITS = ["g", "mg", "µg", "kcal", "kJ"]
BASIS = {"per_100g": "Per 100 g", "per_serving": "Per serving (needs the serving-size column)"}
DECIMAL = {
    "auto": "Decide from the numbers",
    "comma": "Decimal comma (1,5)",
    "dot": "Decimal point (1.5)",
}


def _key(prefix: str, name: str) -> str:
    return f"imports_map_{prefix}_{name}"


def _example(raw: RawTable, column: str) -> str:
    values = [v for v in raw.frame.get_column(column).head(30).to_list() if v][:3]
    shown = ", ".join(v if len(v) <= 24 else v[:22] + "…" for v in values)
    return shown or "(empty)"


def set_widgets(prefix: str, raw: RawTable, mapping: TableMapping) -> None:
    """Put `mapping` into the widgets (before they are drawn)."""
    state = st.session_state
    for role in ("name", "id", "group", "brand", "serving"):
        column = {
            "name": mapping.name_column,
            "id": mapping.id_column,
            "group": mapping.group_column,
            "brand": mapping.brand_column,
            "serving": mapping.serving_size_column,
        }[role]
        state[_key(prefix, role)] = column if column in raw.columns else NONE
    state[_key(prefix, "basis")] = mapping.basis
    state[_key(prefix, "decimal")] = mapping.decimal
    by_column = {n.column: n for n in mapping.nutrients}
    for index, column in enumerate(raw.columns):
        found = by_column.get(column)
        state[_key(prefix, f"nutrient_{index}")] = found.nutrient if found else NONE
        state[_key(prefix, f"unit_{index}")] = found.unit if found else "g"


def load_saved(prefix: str, raw: RawTable) -> None:
    """A mapping saved earlier, uploaded as JSON."""
    uploaded = st.file_uploader(
        "Use a saved mapping (.json)", type=["json"], key=_key(prefix, "load")
    )
    if uploaded is None or st.session_state.get(_key(prefix, "loaded")) == uploaded.file_id:
        return
    st.session_state[_key(prefix, "loaded")] = uploaded.file_id
    try:
        saved = mappings.loads(uploaded.getvalue())
    except MenuplannerError as error:
        st.error(literal(str(error)))
        return
    missing = [c for c in saved.used_columns() if c not in raw.columns]
    set_widgets(prefix, raw, saved)
    if missing:
        st.warning(
            "The saved mapping names columns this file lacks: "
            + literal(", ".join(missing))
            + ". Check the mapping below."
        )
    else:
        st.success("The saved mapping is filled in below; check it, then check the file.")
    st.rerun()


def editor(prefix: str, raw: RawTable) -> None:
    """The widgets (inside the caller's form)."""
    columns = raw.columns
    optional = [NONE, *columns]
    left, right = st.columns(2)
    left.selectbox("Food name column", columns, key=_key(prefix, "name"))
    right.selectbox(
        "Food id / code column",
        optional,
        key=_key(prefix, "id"),
        help="Keeps a food's identity when you import a newer version of the table. "
        "Without one, the name is the id.",
    )
    left.selectbox("Food group column", optional, key=_key(prefix, "group"))
    right.selectbox("Brand or manufacturer column", optional, key=_key(prefix, "brand"))
    left.radio("Nutrient values are", list(BASIS), format_func=BASIS.get, key=_key(prefix, "basis"))
    right.selectbox(
        "Serving size column (grams)",
        optional,
        key=_key(prefix, "serving"),
        help="Needed for values per serving; with values per 100 g it becomes a "
        "household measure “1 serving”.",
    )
    st.selectbox("Numbers", list(DECIMAL), format_func=DECIMAL.get, key=_key(prefix, "decimal"))
    st.markdown(
        "**Nutrient columns**: choose the nutrient each column holds and its unit. "
        "Columns left at “— not a nutrient —” are not imported as nutrients."
    )
    options = [NONE, *(n.key for n in NUTRIENTS)]
    with st.container(height=min(80 + 52 * len(columns), 560)):
        for index, column in enumerate(columns):
            name_cell, nutrient_cell, unit_cell = st.columns(
                [3, 2.4, 1], vertical_alignment="center"
            )
            name_cell.markdown(f"**{literal(column)}**  \n:gray[{literal(_example(raw, column))}]")
            nutrient_cell.selectbox(
                f"Nutrient in {column}",
                options,
                key=_key(prefix, f"nutrient_{index}"),
                format_func=lambda k: "— not a nutrient —" if k == NONE else BY_KEY[k].name,
                label_visibility="collapsed",
            )
            unit_cell.selectbox(
                f"Unit of {column}",
                UNITS,
                key=_key(prefix, f"unit_{index}"),
                label_visibility="collapsed",
            )


def from_widgets(prefix: str, raw: RawTable) -> TableMapping:
    state = st.session_state

    def chosen(role: str) -> str | None:
        value = state.get(_key(prefix, role), NONE)
        return None if value == NONE else value

    nutrients = []
    for index, column in enumerate(raw.columns):
        key = state.get(_key(prefix, f"nutrient_{index}"), NONE)
        if key != NONE:
            unit = state.get(_key(prefix, f"unit_{index}"), "g")
            nutrients.append(NutrientColumn(column=column, nutrient=key, unit=unit))
    return TableMapping(
        name_column=chosen("name"),
        id_column=chosen("id"),
        group_column=chosen("group"),
        brand_column=chosen("brand"),
        serving_size_column=chosen("serving"),
        basis=state.get(_key(prefix, "basis"), "per_100g"),
        decimal=state.get(_key(prefix, "decimal"), "auto"),
        nutrients=nutrients,
    )


def summary(mapping: TableMapping) -> str:
    """'Energy (kcal), Protein (g), … from 9 columns' for the report step."""
    parts = [f"{BY_KEY[n.nutrient].name} ({n.unit})" for n in mapping.nutrients]
    if not any(n.nutrient == ENERGY for n in mapping.nutrients):
        parts.append("energy computed from the macros")
    return ", ".join(parts)
