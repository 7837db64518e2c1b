"""Import data: a FoodData Central download or a national food table → preview → mapping
(tables) → validation report → import the valid rows or nothing; and the datasets with their
provenance, each removable."""

from __future__ import annotations

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.services import imports
from pages.ui import database, import_mapping, import_source
from pages.ui.import_datasets import datasets_list
from pages.ui.import_report import validation_report
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()
RAW, PREPARED, DONE, PREPARE_ERROR = (
    "imports_raw",
    "imports_prepared",
    "imports_done",
    "imports_prepare_error",
)
CHOICE = "imports_choice"
VALID, NOTHING = "valid", "nothing"


def forget_work() -> None:
    for key in (RAW, PREPARED, DONE, PREPARE_ERROR, CHOICE, "imports_sheet"):
        st.session_state.pop(key, None)


st.title("Import data")
st.caption(
    "Add foods from a USDA FoodData Central download (SR Legacy, Foundation, Survey, Branded) "
    "or from a national food-composition table. Every row is checked first; nothing is "
    "stored until you choose what to import."
)
store = database.datasets()

if st.session_state.get(DONE):  # shown once, after the rerun that follows an import
    st.success(literal(st.session_state.pop(DONE)))

st.subheader("1. Choose the file")
source = import_source.choose_source(forget_work)

if source is not None:
    prefix = source.sha256[:10]
    st.subheader("2. Preview")
    raw = st.session_state.get(RAW)
    sheet = st.session_state.get("imports_sheet")
    try:
        if source.kind == "table" and (raw is None or (sheet is not None and raw.sheet != sheet)):
            raw = imports.read_table(source, sheet)
            st.session_state[RAW] = raw
            import_mapping.set_widgets(prefix, raw, imports.suggest_mapping(raw))
    except MenuplannerError as error:
        st.error(literal(str(error)))
        st.stop()
    if raw is not None and len(raw.sheets) > 1:
        st.selectbox(
            "Sheet",
            raw.sheets,
            key="imports_sheet",
            on_change=lambda: st.session_state.pop(PREPARED, None),
        )
    what = "a FoodData Central download" if source.kind == "fdc" else "a table"
    st.markdown(
        f"**{literal(source.name)}** is {what} of {imports.size_text(source.size)}"
        + (f" ({literal(raw.described())})." if raw is not None else ".")
    )
    preview = imports.preview(source, raw)
    if preview.width:
        st.dataframe(preview, hide_index=True, width="stretch", key="imports_preview")
        st.caption(
            "The first rows"
            + (" of food.csv" if source.kind == "fdc" else "")
            + ", as written in the file."
        )

    st.subheader(
        "3. Check the file" if source.kind == "fdc" else "3. Match the columns, then check the file"
    )
    if source.kind == "table":
        import_mapping.load_saved(prefix, raw)
    with st.form(f"imports_form_{prefix}", border=True):
        if source.kind == "table":
            import_mapping.editor(prefix, raw)
        elif imports.has_branded_foods(source):
            st.checkbox(
                "Branded amounts are per serving (label values), not per 100 g",
                key=f"imports_branded_per_serving_{prefix}",
                help="FoodData Central gives Branded amounts per 100 g; tick this only for "
                "files whose amounts are per serving. They are then converted with "
                "the serving size in g or ml.",
            )
        name_cell, version_cell = st.columns([2, 1])
        name_cell.text_input(
            "Dataset name",
            key=f"imports_dataset_name_{prefix}",
            placeholder=imports.default_name(source, preview),
            help="Importing again under the same name updates that dataset: foods "
            "keep their place in recipes and menus.",
        )
        version_cell.text_input("Version", key=f"imports_version_{prefix}", placeholder="e.g. 2024")
        st.text_input(
            "Licence or terms of use",
            key=f"imports_licence_{prefix}",
            placeholder="CC0 (FoodData Central)"
            if source.kind == "fdc"
            else "as stated by the publisher",
        )
        checked = st.form_submit_button("Check the file", type="primary")
    if checked:
        st.session_state.pop(PREPARED, None)
        st.session_state.pop(PREPARE_ERROR, None)
        st.session_state.pop(DONE, None)
        mapping = import_mapping.from_widgets(prefix, raw) if source.kind == "table" else None
        refusals = mapping.problems(raw.columns) if mapping is not None else []
        if refusals:
            st.session_state[PREPARE_ERROR] = "The mapping cannot be used yet: " + " ".join(
                refusals
            )
        else:
            with st.spinner("Reading and checking every row…"):
                try:
                    st.session_state[PREPARED] = imports.prepare(
                        source,
                        raw=raw,
                        mapping=mapping,
                        dataset_name=st.session_state.get(f"imports_dataset_name_{prefix}"),
                        version=st.session_state.get(f"imports_version_{prefix}"),
                        licence=st.session_state.get(f"imports_licence_{prefix}"),
                        branded_per_serving=st.session_state.get(
                            f"imports_branded_per_serving_{prefix}", False
                        ),
                    )
                except MenuplannerError as error:
                    st.session_state[PREPARE_ERROR] = str(error)
    if st.session_state.get(PREPARE_ERROR):
        st.error(literal(st.session_state[PREPARE_ERROR]))

    prepared = st.session_state.get(PREPARED)
    if prepared is not None:
        report = prepared.report
        st.subheader("4. Validation report")
        validation_report(prepared, f"imports_report_{prefix}")
        st.subheader("5. Import")
        what, existing = imports.status(store, prepared)
        if what == "same":
            st.info(
                f"“{literal(existing.name)}” already holds this file, imported the same way "
                f"({existing.imported_at:%Y-%m-%d %H:%M}); importing it again changes nothing."
            )
        elif what == "update":
            st.markdown(
                f"These foods will **update** the dataset “{literal(existing.name)}” (imported "
                f"{existing.imported_at:%Y-%m-%d}): foods keep their ids, so recipes and menus "
                "keep working. Foods it has that this file lacks are removed, unless recipes or "
                "menus use them. To keep both, give this import another dataset name above."
            )
        else:
            st.markdown(f"These foods become the new dataset “{literal(prepared.meta.name)}”.")
        if report.foods_valid == 0:
            st.error(
                "No food passed the checks, so there is nothing to import. "
                "Fix the file (the report says where) and choose it again."
            )
        else:
            options = {
                VALID: (
                    f"Import the {report.foods_valid:,} valid foods and leave out the "
                    f"{report.foods_skipped:,} with problems"
                    if report.errors
                    else f"Import all {report.foods_valid:,} foods"
                ),
                NOTHING: "Import nothing",
            }
            choice = st.radio("What to import", list(options), format_func=options.get, key=CHOICE)
            if st.button(
                "Import" if choice == VALID else "Discard this file",
                key="imports_commit",
                type="primary" if choice == VALID else "secondary",
            ):
                if choice == NOTHING:
                    st.session_state[DONE] = "Nothing was imported; the database is as it was."
                else:
                    bar = st.progress(0.0, text="Starting…")
                    try:
                        outcome = imports.commit(
                            store,
                            prepared,
                            skip_invalid=True,
                            progress=lambda f, text: bar.progress(min(f, 1.0), text=text),
                        )
                        st.session_state[DONE] = (
                            outcome.message()
                            + " The foods are on the Foods page and in the recipe and menu pickers."
                        )
                    except MenuplannerError as error:
                        st.session_state[DONE] = None
                        st.error(literal(str(error)))
                        st.stop()
                done = st.session_state[DONE]
                import_source.clear()
                forget_work()
                st.session_state[DONE] = done
                st.rerun()

st.divider()
st.subheader("Datasets")
datasets_list(store)
