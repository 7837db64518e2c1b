"""The import's small parsers on any input: encoding and separator sniffing, header mapping
suggestions, saved mappings, and the report's CSV; plus tables whose values are per serving."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from pathlib import Path

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from menuplanner.domain.errors import ValidationFailed
from menuplanner.imports import mapping as mappings
from menuplanner.imports import report, sniff
from menuplanner.imports.mapping import NutrientColumn, TableMapping
from menuplanner.store.duckdb import database
from tests.property import pipeline
from tests.property.conftest import examples

_counter = itertools.count()


@given(
    text=st.text(max_size=200),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
)
def test_decoding_gives_back_the_text_in_the_encodings_we_name(text, encoding):
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return
    decoded, named = sniff.decode(raw)
    if encoding in ("utf-8", "utf-8-sig", "utf-16"):
        assert decoded == text
    if encoding == "utf-16" and text:
        assert named == "UTF-16"


@given(raw=st.binary(max_size=300))
def test_any_bytes_decode_to_text_with_an_encoding_name(raw):
    text, named = sniff.decode(raw)
    assert isinstance(text, str)
    assert named in ("UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1252", "Latin-1 (ISO-8859-1)")
    assert isinstance(sniff.looks_binary(raw), bool)


@given(
    rows=st.lists(
        st.lists(
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), min_size=3, max_size=3
        ),
        min_size=2,
        max_size=10,
    ),
    separator=st.sampled_from(list(sniff.SEPARATORS)),
)
def test_the_separator_of_a_written_table_is_found(rows, separator):
    """Three columns written by the csv module (quoting cells that hold a separator): the
    separator is found when at least one line holds it outside quotes, which all do."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows(rows)
    lines = buffer.getvalue().split("\n")
    if any("\n" in cell or "\r" in cell for row in rows for cell in row):
        return  # a cell's line break splits the line; sniffing reads lines
    assert sniff.separator(lines) == separator


@given(rows=st.lists(st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=6), max_size=40))
def test_the_header_is_one_of_the_rows(rows):
    index = sniff.header_index(rows)
    assert index == 0 or 0 < index < min(len(rows), 30)


@given(headers=st.lists(st.text(max_size=30), max_size=12, unique=True))
@example(headers=["Energie (kJ)", "Energie (kcal)", "Energy [kJ/100 g]", "Name"])
@example(headers=["", " ", "µg", "(g)", "/100 g"])
def test_suggested_mappings_use_the_headers_and_say_their_problems_in_sentences(headers):
    suggested = mappings.suggest(headers, pl.DataFrame({h: ["x"] for h in headers}))
    assert set(suggested.used_columns()) <= set(headers)
    for sentence in suggested.problems(headers):
        assert sentence.endswith(".")
    for column in suggested.nutrients:
        assert column.unit in mappings.units_for(column.nutrient)
        assert mappings.factor(column.nutrient, column.unit) > 0
    assert mappings.loads(mappings.dumps(suggested)) == suggested


@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200)))
@example(data=b"\xff\xfe")
@example(data='{"nutrients": [{"column": "x", "nutrient": "gold", "unit": "g"}]}')
@example(data='{"kind": "menuplanner-table-mapping", "version": 1, "nutrients": {}}')
def test_a_saved_mapping_is_read_or_refused_in_a_sentence(data):
    try:
        loaded = mappings.loads(data)
    except ValidationFailed as error:
        assert str(error).startswith("This is not a saved menuplanner mapping (")
        assert str(error).endswith(").")
        return
    assert isinstance(loaded, TableMapping)


@given(values=st.lists(st.one_of(st.none(), st.text(max_size=20)), min_size=1, max_size=10))
@example(values=["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "-", "1e5"])
def test_the_report_csv_never_hands_a_spreadsheet_a_formula(values):
    problems = pl.concat(
        [
            report.problems("f.csv", "is not a number", line=i + 2, column="Fat (g)", value=v)
            for i, v in enumerate(values)
        ]
    )
    data = report.Report(problems, len(values), 0).csv()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert len(rows) == len(values) + 1
    for row in rows[1:]:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # only numbers may start like a formula


# ------------------------------------------------------------------------ values per serving


@pytest.fixture(scope="module")
def conn(module_database: Path):
    connection = database.connect(module_database)
    yield connection
    connection.close()


@settings(max_examples=examples(30))
@given(
    servings=st.lists(
        st.one_of(
            st.integers(1, 1000).map(str),
            st.sampled_from(["0", "-5", "1e-320", "1e308", "abc", "", "inf", "0,5", "5000", "tr"]),
        ),
        min_size=1,
        max_size=6,
    ),
    protein=st.sampled_from(["0", "3", "55", "1e-300", "1e300", "-1"]),
)
@example(servings=["1e-320"], protein="3")  # 300 / 1e-320 g per 100 g: infinite
def test_values_per_serving_become_per_100g_or_keep_their_food_out(
    conn, tmp_path, servings, protein
):
    path = tmp_path / f"serving{next(_counter)}.csv"
    lines = ["Name,Serving (g),Protein (g),Energy (kcal)"]
    lines += [f"Food {i},{s},{protein},50" for i, s in enumerate(servings)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = TableMapping(
        name_column="Name",
        serving_size_column="Serving (g)",
        basis="per_serving",
        nutrients=[
            NutrientColumn(column="Protein (g)", nutrient="protein_g", unit="g"),
            NutrientColumn(column="Energy (kcal)", nutrient="energy_kcal", unit="kcal"),
        ],
    )
    from menuplanner.services import imports

    source = imports.open_file(path)
    dataset = f"Per serving {next(_counter)}"
    prepared = imports.prepare(source, mapping=mapping, dataset_name=dataset)
    try:
        imports.commit(pipeline.DuckDBDatasetStore(conn), prepared, skip_invalid=True)
    except imports.ImportRefused as error:
        assert str(error) == "No food in the file passed the checks, so nothing was imported."
    pipeline.assert_stored_as_checked(conn, prepared)
    _, values = pipeline.stored(conn, dataset)
    for food, nutrient, amount in values:
        serving = float(servings[int(food.split()[1])].replace(",", "."))
        given_value = float(protein) if nutrient == "protein_g" else 50.0
        assert amount == pytest.approx(given_value * 100 / serving)
        assert amount <= (100 if nutrient == "protein_g" else 902)
