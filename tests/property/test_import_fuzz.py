"""Fuzz run over the import: random and mutated CSV/TSV/XLSX files and FoodData Central
downloads, pushed through the path the Import page and the CLI take (prepare → report →
commit). Every outcome is a clean refusal (a MenuplannerError sentence, the database unchanged)
or a correct import (stored rows = the report's valid rows, amounts finite and non-negative,
names stored literally); any other exception fails the test.

The suite runs a fixed, derandomized sample; MENUPLANNER_FUZZ_EXAMPLES=N runs N random files per
test and prints the outcome counts (`-s` shows them).
"""

from __future__ import annotations

import codecs
import io
import itertools
import random
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import example, given, settings
from hypothesis import strategies as st

from menuplanner.store.duckdb import database
from tests.property import pipeline
from tests.property.conftest import examples

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
TABLES = sorted(p.name for p in FIXTURES.iterdir() if p.is_file())
FDC = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
SUFFIXES = [".csv", ".tsv", ".txt", ".xlsx", ".zip", ".xls", ""]
INSERTS = [
    b",",
    b";",
    b"\t",
    b"|",
    b'"',
    b"\r\n",
    b"\n",
    b"\r",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xe9",
    b"-",
    b"<",
    b"1e999",
    b"=",
    b"'",
    b"nan",
]
OUTCOMES: Counter[str] = Counter()
_counter = itertools.count()


@pytest.fixture(scope="module")
def conn(module_database: Path):
    connection = database.connect(module_database)
    yield connection
    connection.close()


# ---------------------------------------------------------------------------------- mutations

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(INSERTS)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.just("duplicate header"), st.booleans()),
    st.tuples(
        st.just("encode"),
        st.sampled_from(["utf-16", "utf-16-be", "latin-1", "cp1252", "utf-8-sig"]),
    ),
    st.tuples(st.just("long line"), st.integers(0, 10**6), st.integers(1_000, 300_000)),
    st.tuples(
        st.just("only header"),
    ),
    st.tuples(
        st.just("empty"),
    ),
)


def mutate(raw: bytes, steps: list[tuple]) -> bytes:
    for step in steps:
        kind, *args = step
        at = args[0] % (len(raw) + 1) if args and isinstance(args[0], int) else 0
        if kind == "flip" and raw:
            at = args[0] % len(raw)
            raw = raw[:at] + bytes([args[1]]) + raw[at + 1 :]
        elif kind == "truncate":
            raw = raw[:at]
        elif kind == "insert":
            raw = raw[:at] + args[1] + raw[at:]
        elif kind == "delete":
            raw = raw[:at] + raw[at + args[1] :]
        elif kind == "duplicate header":
            header, _, rest = raw.partition(b"\n")
            if args[0]:  # the header line twice
                raw = header + b"\n" + header + b"\n" + rest
            else:  # every header cell twice
                cells = header.rstrip(b"\r").split(b",")
                raw = b",".join(cells + cells) + b"\n" + rest
        elif kind == "encode":
            raw = raw.decode("utf-8", errors="replace").encode(args[0], errors="replace")
        elif kind == "long line":
            raw = raw[:at] + b"x" * args[1] + raw[at:]
        elif kind == "only header":
            raw = raw.partition(b"\n")[0] + b"\n"
        elif kind == "empty":
            raw = b""
    return raw


def _zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"FoodData_Central_csv/{file.name}")
    return buffer.getvalue()


def _workbook(rng: random.Random) -> bytes:
    """An .xlsx with random sheets, a header somewhere and cells of every kind."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    headers = [
        "Name",
        "Energy (kcal)",
        "Protein (g)",
        "Fat (g)",
        "Carbohydrate (g)",
        "Code",
        "Name",
        "",
        "Sodium (mg)",
        "Fibre",
    ]
    cells = [
        None,
        "",
        " ",
        "tr",
        "<0.5",
        "n/a",
        "-3",
        "1,5",
        "1.234,5",
        "=1/0",
        "abc",
        "名前",
        "x" * 40_000,
        -2.5,
        0,
        12.5,
        1e308,
        float("nan"),
        float("inf"),
        True,
    ]
    for _ in range(rng.randint(1, 3)):
        sheet = book.add_worksheet()
        top = rng.randint(0, 4)
        width = rng.randint(1, len(headers))
        for column in range(width):
            sheet.write(top, column, rng.choice(headers))
        for row in range(top + 1, top + rng.randint(0, 12) + 1):
            for column in range(width):
                value = rng.choice(cells)
                if value is None:
                    continue
                if column == 0 and rng.random() < 0.7:
                    value = f"Food {row}"
                if isinstance(value, str) and value.startswith("="):
                    sheet.write_formula(row, column, value)
                else:
                    sheet.write(row, column, value)
    book.close()
    return buffer.getvalue()


@st.composite
def files(draw):
    """(bytes or a folder's mutated files, the name the user gave, what it started from)."""
    seed = draw(st.sampled_from(["table"] * 4 + ["fdc zip", "fdc folder", "xlsx", "random"]))
    steps = draw(st.lists(mutation, max_size=3))
    if seed == "table":
        fixture = draw(st.sampled_from(TABLES))
        raw = mutate((FIXTURES / fixture).read_bytes(), steps)
        suffix = draw(st.sampled_from([Path(fixture).suffix] * 6 + SUFFIXES))
        return raw, Path(fixture).stem + suffix, f"{fixture} {[s[0] for s in steps]}"
    if seed == "fdc zip":
        fixture = draw(st.sampled_from(FDC))
        raw = _zip_folder(FIXTURES / fixture)
        zip_steps = [s for s in steps if s[0] in ("flip", "truncate", "insert", "delete")]
        return mutate(raw, zip_steps), f"{fixture}.zip", f"{fixture}.zip {zip_steps}"
    if seed == "fdc folder":
        fixture = draw(st.sampled_from(FDC))
        victim = draw(st.sampled_from(sorted(p.name for p in (FIXTURES / fixture).iterdir())))
        return (fixture, victim, steps), fixture, f"{fixture}/{victim} {[s[0] for s in steps]}"
    if seed == "xlsx":
        raw = _workbook(random.Random(draw(st.integers(0, 2**32))))
        zip_steps = [s for s in steps if s[0] in ("flip", "truncate", "delete")]
        return mutate(raw, zip_steps), "workbook.xlsx", f"xlsx {zip_steps}"
    raw = draw(st.binary(max_size=2000))
    return raw, draw(st.sampled_from(["random.csv", "random.xlsx", "random.tsv"])), "random bytes"


def _materialise(tmp_path: Path, content, name: str) -> Path:
    folder = tmp_path / f"fuzz{next(_counter)}"
    folder.mkdir()
    if isinstance(content, tuple):  # an FDC folder with one file mutated
        fixture, victim, steps = content
        target = folder / fixture
        shutil.copytree(FIXTURES / fixture, target)
        (target / victim).write_bytes(mutate((target / victim).read_bytes(), steps))
        return target
    path = folder / (name or "unnamed")
    path.write_bytes(content)
    return path


@settings(max_examples=examples(150))
@given(file=files())
@example(file=(b"", "empty.csv", "empty file"))
@example(file=(b"Food name,Energy (kcal)\n", "only_header.csv", "only a header"))
@example(file=((FIXTURES / "table_english.csv").read_bytes(), "table.xlsx", "CSV named .xlsx"))
@example(file=(b"\xef\xbb\xbf" + b"\x00" * 10, "nul.csv", "BOM and NUL bytes"))
@example(file=((FIXTURES / "table_english.csv").read_bytes()[:150], "cut.csv", "cut mid-row"))
@example(
    file=(
        codecs.BOM_UTF16_LE + "Name,kcal\nA,1\n".encode("utf-16-le")[:-1],
        "odd.csv",
        "UTF-16 with an odd number of bytes",
    )
)
@example(
    file=(
        mutate(_zip_folder(FIXTURES / "fdc_foundation"), [("flip", 59, 0)]),
        "fdc_foundation.zip",
        "a zip whose food.csv data is damaged",
    )
)  # zlib.error before
@example(file=(b"\xff\xfe", "empty.csv", "only a UTF-16 BOM"))  # IndexError before
@example(file=(codecs.BOM_UTF8, "empty.csv", "only a UTF-8 BOM"))  # IndexError before
def test_every_file_is_refused_cleanly_or_imported_correctly(conn, tmp_path, file):
    content, name, origin = file
    path = _materialise(tmp_path, content, name)
    outcome = pipeline.run(conn, path, path.name, f"Fuzz {next(_counter)}")
    OUTCOMES[outcome.kind] += 1
    assert pipeline.bad_amounts(conn) == 0, origin


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_a_file_holding_only_a_byte_order_mark_is_refused_as_empty(conn, tmp_path, bom):
    path = tmp_path / "saved empty.csv"
    path.write_bytes(bom)
    outcome = pipeline.run(conn, path, path.name, "Only a BOM")
    assert (outcome.kind, outcome.message) == (
        "refused",
        "saved empty.csv is empty: there is nothing to import.",
    )


def test_a_zip_with_damaged_compressed_data_is_refused_in_a_sentence(conn, tmp_path):
    path = tmp_path / "fdc_foundation.zip"
    path.write_bytes(mutate(_zip_folder(FIXTURES / "fdc_foundation"), [("flip", 59, 0)]))
    outcome = pipeline.run(conn, path, path.name, "Damaged zip")
    assert (outcome.kind, outcome.message) == (
        "refused",
        "fdc_foundation.zip is damaged or incomplete (perhaps the download stopped early); "
        "download it again.",
    )


def _central_directory_changed(raw: bytes, offset: int, value: bytes) -> bytes:
    """`raw` with `value` written at `offset` of every central directory entry (and of every
    local header, 4 bytes earlier there), as zip tools write flags and methods."""
    data = bytearray(raw)
    for marker, at in ((b"PK\x01\x02", offset), (b"PK\x03\x04", offset - 2)):
        start = data.find(marker)
        while start != -1:
            data[start + at : start + at + len(value)] = value
            start = data.find(marker, start + 4)
    return bytes(data)


@pytest.mark.parametrize(
    ("offset", "value", "what"),
    [
        (8, b"\x01\x00", "protected by a password"),  # RuntimeError before
        (10, b"\x09\x00", "packed with Deflate64"),  # NotImplementedError before
        (8, b"\x40\x00", "strong encryption"),  # NotImplementedError before
        (6, b"\x40\x00", "zip version 6.4"),
    ],  # NotImplementedError out of open_file before
)
def test_a_zip_python_cannot_unpack_is_refused_in_a_sentence(conn, tmp_path, offset, value, what):
    path = tmp_path / "FoodData.zip"
    download = _zip_folder(FIXTURES / "fdc_sr_legacy")
    path.write_bytes(_central_directory_changed(download, offset, value))
    outcome = pipeline.run(conn, path, path.name, f"Zip {what}")
    assert (outcome.kind, outcome.message) == (
        "refused",
        "FoodData.zip cannot be unpacked: it is protected by a password or packed in a way "
        "Python's zip reader does not support. Unpack it with your file manager and import the "
        "folder.",
    )


def _prefixed(workbook: bytes) -> bytes:
    """The same workbook with its workbook.xml and sheets in prefixed elements (<x:sheet>),
    as the Open XML SDK writes them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml" or item.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                text = re.sub(r"<(/?)(?!\?|x:)([a-zA-Z]+)\b", r"<\1x:\2", text)
                text = text.replace('xmlns="http://schemas', 'xmlns:x="http://schemas')
                data = text.encode("utf-8")
            out.writestr(item, data)
    return buffer.getvalue()


def test_a_workbook_with_prefixed_elements_is_read(conn, tmp_path):
    """IndexError before: the sheet list was looked for as <sheet> only."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Foods")
    for row, cells in enumerate([["Title"], [], ["Name", "Energy (kcal)"], ["Apple", 52]], 1):
        sheet.write_row(row, 0, cells)  # the table starts on Excel row 4
    book.close()
    path = tmp_path / "sdk.xlsx"
    path.write_bytes(_prefixed(buffer.getvalue()))
    outcome = pipeline.run(conn, path, path.name, "Open XML SDK workbook")
    assert outcome.kind == "imported", outcome.message
    assert outcome.prepared.foods.select("name", "_line").rows() == [("Apple", 5)]
    assert pipeline.stored(conn, "Open XML SDK workbook")[1] == {("Apple", "energy_kcal", 52.0)}


def test_the_fuzz_run_saw_both_refusals_and_imports(capsys):
    """Runs after the fuzz test in this module: a run that only ever refused (or only
    imported) would not have tested the other path."""
    with capsys.disabled():
        total = sum(OUTCOMES.values())
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(OUTCOMES.items()))
        print(f"\nImport fuzz run: {total} files; {counts}")
    assert OUTCOMES["imported"] > 0
    assert OUTCOMES["refused"] > 0
