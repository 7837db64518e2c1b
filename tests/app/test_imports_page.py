"""The Import data page, driven through Streamlit's AppTest: upload → preview → mapping →
report → import (or nothing) → datasets with provenance and removal."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from menuplanner.domain.recipes import Recipe
from menuplanner.services import recipes as recipe_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


@pytest.fixture
def page(app: AppTest) -> AppTest:
    app.switch_page("pages/imports.py")
    app.run()
    assert not app.exception
    return app


def upload(page: AppTest, name: str, content: bytes | None = None) -> AppTest:
    data = content if content is not None else (FIXTURES / name).read_bytes()
    page.file_uploader[0].upload(name, data, "application/octet-stream").run()
    assert not page.exception
    return page


def check(page: AppTest) -> AppTest:
    next(b for b in page.button if b.label == "Check the file").click().run()
    assert not page.exception
    return page


def _fdc_prefix(page: AppTest) -> str:
    return next(
        t.key for t in page.text_input if t.key and t.key.startswith("imports_dataset_name_")
    ).rsplit("_", 1)[1]


def uploader(page: AppTest, label_start: str):
    return next(u for u in page.file_uploader if u.label.startswith(label_start))


def prefix_of(page: AppTest) -> str:
    """The per-file part of the mapping widgets' keys."""
    return next(s.key for s in page.selectbox if s.key and s.key.startswith("imports_map_")).split(
        "_"
    )[2]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def metrics(page: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in page.metric}


def test_the_page_lists_the_bundled_dataset(page: AppTest):
    assert page.title[0].value == "Import data"
    assert [e.label for e in page.expander] == [
        "USDA SR26 (bundled) · Release 26 \\(2013\\) · 8,463 foods"
    ]


def test_a_german_table_is_previewed_mapped_checked_and_imported(
    page: AppTest, database_copy: Path
):
    upload(page, "table_german_bom.csv")
    assert (
        "semicolon\\-separated, UTF\\-8 with BOM, header on line 2, 5 rows"
        in page.markdown[0].value
    )
    assert page.dataframe[0].value["Lebensmittel"].tolist()[:2] == ["Vollkornbrot", "Butter"]
    prefix = prefix_of(page)
    assert page.selectbox(key=f"imports_map_{prefix}_name").value == "Lebensmittel"
    assert page.selectbox(key=f"imports_map_{prefix}_nutrient_3").value == "energy_kcal"
    assert page.selectbox(key=f"imports_map_{prefix}_unit_3").value == "kJ"
    check(page)
    assert metrics(page) == {
        "Foods in the file": "5",
        "Passed every check": "5",
        "Would be left out": "0",
        "Notes": "0",
    }
    assert texts(page.success) == ["All 5 foods passed every check\\."]
    assert page.radio(key="imports_choice").options == ["Import all 5 foods", "Import nothing"]
    page.button(key="imports_commit").click().run()
    assert not page.exception
    assert texts(page.success)[0].startswith("Imported “table\\_german\\_bom”\\: 5 foods")
    assert [e.label for e in page.expander][1] == "table\\_german\\_bom · 5 foods"
    conn = database.connect(database_copy)  # the app holds it read-write in this process
    try:
        found = conn.execute(
            "SELECT name FROM foods WHERE search_text LIKE '% vollkornbrot%'"
        ).fetchall()
    finally:
        conn.close()
    assert found == [("Vollkornbrot",)]


def test_problems_are_listed_with_lines_and_import_nothing_leaves_the_database_alone(
    page: AppTest, database_copy
):
    upload(page, "table_bad_values.csv")
    check(page)
    assert metrics(page)["Would be left out"] == "6"
    problems = table_with(page, "Problem")
    assert problems[["Line", "Column", "Value", "Problem"]].values.tolist()[0] == [
        3,
        "protein (g)",
        "-5",
        "must not be negative",
    ]
    assert page.get("download_button")[0].label == "Download the report (CSV)"
    assert (
        page.radio(key="imports_choice").options[0]
        == "Import the 2 valid foods and leave out the 6 with problems"
    )
    page.radio(key="imports_choice").set_value("nothing").run()
    page.button(key="imports_commit").click().run()
    assert texts(page.success) == ["Nothing was imported; the database is as it was\\."]
    assert len(page.expander) == 1


def table_with(page: AppTest, column: str, index: int = 0):
    """The `index`-th table (a pandas frame) that has `column`."""
    return [d.value for d in page.dataframe if column in d.value.columns][index]


def imported_dataset_id(page: AppTest) -> int:
    return int(
        next(b.key for b in page.button if b.key and b.key.startswith("imports_remove_")).rsplit(
            "_", 1
        )[1]
    )


def test_the_valid_rows_can_be_imported_without_the_bad_ones(page: AppTest):
    upload(page, "table_bad_values.csv")
    check(page)
    page.button(key="imports_commit").click().run()
    assert "6 foods with problems left out" in texts(page.success)[0]


def test_a_mapping_without_energy_or_macros_is_refused_with_a_sentence(page: AppTest):
    upload(page, "table_english.csv")
    for box in page.selectbox:
        if box.key and "_nutrient_" in box.key:
            box.set_value("—")
    check(page)
    assert "no energy column and no protein, fat or carbohydrate column" in page.error[0].value
    assert not [s for s in page.subheader if s.value == "4. Validation report"]


def test_a_saved_mapping_fills_in_the_editor(page: AppTest):
    upload(page, "table_dutch_per_serving.csv")
    saved = (
        b'{"name_column": "Productomschrijving", "id_column": "Productcode",'
        b' "basis": "per_serving", "serving_size_column": "Portie (g)",'
        b' "nutrients": [{"column": "Energie (kcal)",'
        b' "nutrient": "energy_kcal", "unit": "kcal"}]}'
    )
    uploader(page, "Use a saved mapping").upload("nevo.json", saved, "application/json").run()
    assert not page.exception
    prefix = prefix_of(page)
    assert page.radio(key=f"imports_map_{prefix}_basis").value == "per_serving"
    assert (
        page.selectbox(key=f"imports_map_{prefix}_nutrient_4").value == "—"
    )  # protein no longer mapped
    check(page)
    assert metrics(page)["Would be left out"] == "1"


def test_a_binary_file_is_refused_with_a_sentence(page: AppTest):
    upload(page, "garbage.csv")
    assert page.error[0].value.startswith("garbage\\.csv is not a text table")
    assert not [s for s in page.subheader if s.value == "2. Preview"]


def test_a_zipped_fdc_download_is_checked_and_imported(page: AppTest):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in (FIXTURES / "fdc_foundation").iterdir():
            archive.write(file, f"FoodData_Central_foundation_food_csv_2024-10/{file.name}")
    upload(page, "FoodData_Central_foundation_food_csv_2024-10.zip", buffer.getvalue())
    assert page.dataframe[0].value["fdc_id"].tolist()[0] == "321358"
    assert (
        not page.checkbox
    )  # "Branded amounts are per serving" only for downloads with Branded foods
    assert page.text_input(key=f"imports_dataset_name_{_fdc_prefix(page)}").placeholder == (
        "USDA FoodData Central Foundation"
    )
    check(page)
    assert metrics(page)["Foods in the file"] == "4"
    energy = next(
        m.value for m in page.markdown if m.value.startswith("**Where each food's energy")
    )
    assert (
        "2 foods: FoodData Central nutrient 2048" in energy
        and "1 food: computed from protein" in energy
    )
    page.button(key="imports_commit").click().run()
    assert texts(page.success)[0].startswith(
        "Imported “USDA FoodData Central Foundation”\\: 4 foods"
    )
    provenance = table_with(page, "Provenance", 1)
    shown = dict(zip(provenance[""], provenance["Provenance"], strict=True))
    assert shown["Version"] == "2024-10"
    assert shown["Source file"].startswith("FoodData_Central_foundation_food_csv_2024-10.zip (")
    assert len(shown["SHA-256"]) == 64


def test_removing_a_dataset_asks_first_and_is_refused_while_a_recipe_uses_it(
    page: AppTest, database_copy
):
    upload(page, "table_spanish_latin1.tsv")
    check(page)
    page.button(key="imports_commit").click().run()
    conn = database.connect(database_copy)
    try:
        food_id = conn.execute("SELECT food_id FROM foods WHERE name = 'Jamón serrano'").fetchall()[
            0
        ][0]
        with DuckDBUnitOfWork(conn) as uow:
            ham = recipe_service.ingredient(uow.foods, food_id, 30, "g")
        recipe_service.save(DuckDBUnitOfWork(conn), Recipe("Tapas", 2, [ham]))
    finally:
        conn.close()
    dataset_id = imported_dataset_id(page)
    page.button(key=f"imports_remove_{dataset_id}").click().run()
    assert "This cannot be undone" in page.warning[0].value
    page.button(key=f"imports_remove_yes_{dataset_id}").click().run()
    assert not page.exception
    assert page.error[0].value.startswith(
        "“table\\_spanish\\_latin1” cannot be removed\\: "
        "its foods are used in recipe “Tapas” \\(Jamón serrano\\)"
    )
    assert [e.label for e in page.expander][1] == "table\\_spanish\\_latin1 · 4 foods"


def test_removing_an_unused_dataset_after_confirming(page: AppTest):
    upload(page, "table_spanish_latin1.tsv")
    check(page)
    page.button(key="imports_commit").click().run()
    dataset_id = imported_dataset_id(page)
    page.button(key=f"imports_remove_{dataset_id}").click().run()
    page.button(key=f"imports_remove_no_{dataset_id}").click().run()
    assert not page.warning
    page.button(key=f"imports_remove_{dataset_id}").click().run()
    page.button(key=f"imports_remove_yes_{dataset_id}").click().run()
    assert texts(page.success) == ["Removed “table\\_spanish\\_latin1” and its 4 foods\\."]
    assert len(page.expander) == 1


def test_markdown_in_a_dataset_name_reads_literally(page: AppTest):
    upload(page, "table_spanish_latin1.tsv")
    prefix = prefix_of(page)
    page.text_input(key=f"imports_dataset_name_{prefix}").input("**Bold** [x](javascript:alert(1))")
    check(page)
    page.button(key="imports_commit").click().run()
    assert texts(page.success)[0].startswith(
        "Imported “\\*\\*Bold\\*\\* \\[x\\]\\(javascript\\:alert\\(1\\)\\)”"
    )


def test_an_unpacked_fdc_folder_can_be_uploaded_as_a_folder(page: AppTest):
    files = [
        (f"FoodData_Central_sr_legacy_food_csv_2018-04/{f.name}", f.read_bytes(), "text/csv")
        for f in sorted((FIXTURES / "fdc_sr_legacy").iterdir())
    ]
    uploader(page, "The folder that holds").set_value(files).run()
    assert not page.exception
    assert (
        "**FoodData\\_Central\\_sr\\_legacy\\_food\\_csv\\_2018\\-04** "
        "is a FoodData Central download" in page.markdown[0].value
    )
    check(page)
    assert metrics(page)["Passed every check"] == "4"
    page.button(key="imports_commit").click().run()
    assert texts(page.success)[0].startswith(
        "Imported “USDA FoodData Central SR Legacy”\\: 4 foods"
    )


def test_taking_the_file_away_forgets_it(page: AppTest):
    upload(page, "table_english.csv")
    page.file_uploader[0].set_value(None).run()
    assert not page.exception
    assert not [s for s in page.subheader if s.value == "2. Preview"]


def test_a_per_portion_table_is_suggested_per_serving_on_the_page(
    page: AppTest, database_copy: Path
):
    # The table: values per "Standard Portion (gm)"; the page suggests what the command
    # line does, and the stored values are per 100 g (390 kcal in 300 g: 130 kcal per 100 g).
    upload(page, "per_portion_headers.csv")
    prefix = prefix_of(page)
    assert page.radio(key=f"imports_map_{prefix}_basis").value == "per_serving"
    assert page.selectbox(key=f"imports_map_{prefix}_serving").value == "Standard Portion (gm)"
    assert page.selectbox(key=f"imports_map_{prefix}_nutrient_1").value == "energy_kcal"
    check(page)
    assert metrics(page)["Passed every check"] == "4"
    page.button(key="imports_commit").click().run()
    assert not page.exception
    conn = database.connect(database_copy)
    try:
        stored = conn.execute(
            "SELECT n.amount FROM foods f JOIN food_nutrients n USING (food_id) "
            "WHERE f.name = 'Chicken rice bowl' AND n.nutrient IN ('energy_kcal', 'protein_g') "
            "ORDER BY n.nutrient"
        ).fetchall()
    finally:
        conn.close()
    assert [round(a, 4) for (a,) in stored] == [130.0, round(10 / 3, 4)]
