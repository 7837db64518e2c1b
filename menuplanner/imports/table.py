"""Reading a one-row-per-food table (CSV/TSV in any common encoding and separator, or .xlsx)
into text columns, keeping the line number of every row in the user's file.

A table may have at most 500,000 rows of foods and 500 columns ($MENUPLANNER_IMPORT_MAX_ROWS,
$MENUPLANNER_IMPORT_MAX_COLUMNS): checked as soon as the header is read, and for large files
before the rows past the limit are read. FoodData Central downloads are read elsewhere
(imports/fdc) and have only the size limit: their food_nutrient.csv has millions of rows."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from menuplanner.imports import sniff
from menuplanner.imports.errors import ImportRefused
from menuplanner.imports.files import Source

LINE = "_line"  # 1-based line (CSV) or row (Excel) of each row in the user's file
MAX_HEADER_CHARS = 200
# Larger text tables are read by Polars' CSV reader (in Arrow memory) instead of Python's csv
# module; their line numbers assume no line breaks inside quoted cells.
BIG_TABLE_BYTES = 20 * 1024 * 1024
_CODECS = {
    "UTF-8": "utf-8",
    "UTF-8 with BOM": "utf-8-sig",
    "UTF-16": "utf-16",
    "Windows-1252": "cp1252",
    "Latin-1 (ISO-8859-1)": "latin-1",
}
csv.field_size_limit(64 * 1024 * 1024)
MAX_ROWS_ENV_VAR = "MENUPLANNER_IMPORT_MAX_ROWS"
MAX_COLUMNS_ENV_VAR = "MENUPLANNER_IMPORT_MAX_COLUMNS"
DEFAULT_MAX_ROWS = 500_000
DEFAULT_MAX_COLUMNS = 500


def max_rows() -> int:
    return _limit(MAX_ROWS_ENV_VAR, DEFAULT_MAX_ROWS)


def max_columns() -> int:
    return _limit(MAX_COLUMNS_ENV_VAR, DEFAULT_MAX_COLUMNS)


def _limit(env_var: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(env_var) or default))
    except ValueError:
        return default


def _check_columns(source: Source, count: int) -> None:
    if count > (limit := max_columns()):
        raise ImportRefused(
            f"{source.name} has {count:,} columns; at most {limit:,} can be imported (set "
            f"{MAX_COLUMNS_ENV_VAR} to allow more)."
        )


def _check_rows(source: Source, count: int) -> None:
    if count > (limit := max_rows()):
        raise ImportRefused(
            f"{source.name} has {count:,} rows of foods; at most {limit:,} can be imported (set "
            f"{MAX_ROWS_ENV_VAR} to allow more, or split the file)."
        )


@dataclass(frozen=True)
class RawTable:
    frame: pl.DataFrame  # one String column per header (unique names), plus LINE
    columns: list[str]  # the headers, in file order
    encoding: str | None = None  # None for Excel
    separator: str | None = None
    header_line: int = 1
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    ragged_lines: list[int] = field(default_factory=list)  # lines with more fields than headers

    def described(self) -> str:
        """'semicolon-separated, Windows-1252, header on line 3' for the page and the CLI."""
        if self.sheet is not None:
            where = f"sheet “{self.sheet}”"
        else:
            where = (
                f"{sniff.SEPARATORS.get(self.separator or ',', 'comma')}-separated, {self.encoding}"
            )
        return f"{where}, header on line {self.header_line}, {self.frame.height:,} rows"


def read_table(source: Source, sheet: str | None = None) -> RawTable:
    if source.is_excel:
        return _read_excel(source, sheet)
    if source.size > BIG_TABLE_BYTES:
        return _read_big(source)
    raw = source.path.read_bytes()
    if sniff.looks_binary(raw):
        raise ImportRefused(f"{source.name} is not a text table: it contains binary data.")
    text, encoding = sniff.decode(raw)
    if not text.strip():
        raise ImportRefused(f"{source.name} is empty: there is nothing to import.")
    separator = (
        "\t"
        if source.name.lower().endswith((".tsv", ".tab"))
        else sniff.separator(text.splitlines()[:40])
    )
    try:
        records = [(reader_line, row) for reader_line, row in _records(text, separator)]
    except csv.Error as error:
        raise ImportRefused(f"{source.name} cannot be read as a table ({error}).") from None
    rows = [row for _, row in records]
    start = sniff.header_index(rows)
    if start >= len(records):
        raise ImportRefused(f"{source.name} has no header line.")
    header_line, header = records[start]
    columns = _headers(header)
    _check_columns(source, len(columns))
    data = records[start + 1 :]
    if not data:
        raise ImportRefused(f"{source.name} has a header line but no rows of foods.")
    _check_rows(source, len(data))
    width = len(columns)
    ragged = [
        line for line, row in data if len(row) > width and any(c.strip() for c in row[width:])
    ]
    frame = _frame(columns, [row for _, row in data], [line for line, _ in data])
    return RawTable(frame, columns, encoding, separator, header_line, ragged_lines=ragged)


def _frame(columns: list[str], rows: list[list], lines: list[int]) -> pl.DataFrame:
    """Text columns from rows (short rows padded), cells trimmed, empty cells null."""
    width = len(columns)
    cells = zip(*(row[:width] + [None] * (width - len(row)) for row in rows), strict=True)
    frame = pl.DataFrame(
        dict(zip(columns, cells, strict=True)), schema={c: pl.String for c in columns}
    )
    trimmed = [pl.col(c).str.strip_chars() for c in columns]
    return frame.with_columns(
        *(pl.when(t != "").then(t).alias(c) for t, c in zip(trimmed, columns, strict=True)),
        pl.Series(LINE, lines, dtype=pl.Int64),
    )


def _read_big(source: Source) -> RawTable:
    with source.path.open("rb") as handle:
        head = handle.read(1 << 20)
    if sniff.looks_binary(head):
        raise ImportRefused(f"{source.name} is not a text table: it contains binary data.")
    text, encoding = sniff.decode(head)
    lines = text.splitlines()[:-1] or text.splitlines()  # the last one may be cut
    tsv = source.name.lower().endswith((".tsv", ".tab"))
    separator = "\t" if tsv else sniff.separator(lines[:40])
    records = list(_records("\n".join(lines[:60]), separator))
    start = sniff.header_index([row for _, row in records])
    if start >= len(records):
        raise ImportRefused(f"{source.name} has no header line.")
    header_line, header = records[start]
    columns = _headers(header)
    _check_columns(source, len(columns))
    with tempfile.TemporaryDirectory(prefix="menuplanner-table-") as folder:
        path = source.path
        if encoding not in ("UTF-8", "UTF-8 with BOM"):  # Polars reads UTF-8 only
            path = Path(folder) / "utf8.csv"
            with (
                source.path.open(encoding=_CODECS[encoding], errors="replace", newline="") as src,
                path.open("w", encoding="utf-8", newline="") as out,
            ):
                shutil.copyfileobj(src, out, 1 << 20)
        options = dict(
            separator=separator,
            skip_rows=header_line - 1,
            has_header=True,
            infer_schema=False,
            quote_char='"',
            truncate_ragged_lines=True,
            encoding="utf8-lossy",
        )
        # Read one row past the limit, not the whole file; count them all only to refuse.
        frame = pl.read_csv(path, n_rows=max_rows() + 1, **options)
        if frame.height > max_rows():
            _check_rows(source, _count_rows(path, len(columns), options))
            frame = pl.read_csv(path, **options)  # blank lines made it look longer
    frame = frame.select(frame.columns[: len(columns)])
    frame.columns = columns[: frame.width]
    text_cells = [pl.col(c).str.strip_chars() for c in frame.columns]
    frame = frame.with_columns(
        pl.when(c != "").then(c).alias(n) for c, n in zip(text_cells, frame.columns, strict=True)
    )
    frame = frame.with_row_index(LINE, offset=header_line + 1).with_columns(
        pl.col(LINE).cast(pl.Int64)
    )
    frame = frame.filter(~pl.all_horizontal(pl.col(c).is_null() for c in columns[: frame.width]))
    if frame.height == 0:
        raise ImportRefused(f"{source.name} has a header line but no rows of foods.")
    return RawTable(
        frame.select(*columns[: frame.width], LINE),
        columns[: frame.width],
        encoding,
        separator,
        header_line,
    )


def _count_rows(path: Path, width: int, options: dict) -> int:
    """Rows of `path` with at least one of the first `width` cells filled, read lazily."""
    scan = pl.scan_csv(path, **options)
    cells = scan.collect_schema().names()[:width]
    filled = pl.any_horizontal(pl.col(c).str.strip_chars().fill_null("") != "" for c in cells)
    return scan.filter(filled).select(pl.len()).collect().item()


def _records(text: str, separator: str):
    """(line where the record starts, fields) for each non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    previous_end = 0
    for row in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


def _headers(header: list[str | None]) -> list[str]:
    """Header texts made usable as column names: trimmed, never empty, never twice. Empty
    header cells at the end (trailing separators) make no column."""
    header = list(header)
    while header and not str(header[-1] or "").strip():
        header.pop()
    names: list[str] = []
    for index, text in enumerate(header):
        name = " ".join(str(text or "").split())[:MAX_HEADER_CHARS] or f"Column {index + 1}"
        base, number = name, 2
        while name in names:
            name, number = f"{base} ({number})", number + 1
        names.append(name)
    return names


# ------------------------------------------------------------------------------------ Excel

# Elements may carry a namespace prefix (<x:c>, <x:sheet>), as the Open XML SDK writes them.
_FIRST_CELL = re.compile(
    rb'<(?:\w+:)?c r="[A-Z]+(\d+)"[^>]*?(?:/>|>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?(?:v|is)>)', re.S
)


def _read_excel(source: Source, sheet: str | None) -> RawTable:
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(source.path))
        sheets = list(reader.sheet_names)
        chosen = sheet if sheet in sheets else sheets[0]
        frame = reader.load_sheet(chosen, header_row=None, dtypes="string").to_polars()
    except Exception as error:  # fastexcel raises its own types for damaged workbooks
        raise ImportRefused(
            f"{source.name} cannot be read as an Excel workbook "
            f"({str(error).splitlines()[0][:200]})."
        ) from None
    if frame.height == 0:
        raise ImportRefused(f"The sheet “{chosen}” of {source.name} is empty.")
    first_row = _first_row_number(source, sheets.index(chosen))
    values = frame.rows()
    rows = [[None if v is None else str(v) for v in row] for row in values]
    start = sniff.header_index(rows)
    columns = _headers(rows[start])
    _check_columns(source, len(columns))
    lines = [first_row + i for i in range(len(rows))]
    data = [
        (line, row)
        for line, row in zip(lines[start + 1 :], rows[start + 1 :], strict=True)
        if any(c not in (None, "") for c in row)
    ]
    if not data:
        raise ImportRefused(
            f"The sheet “{chosen}” of {source.name} has a header row but no rows of foods."
        )
    _check_rows(source, len(data))
    frame = _frame(columns, [row for _, row in data], [line for line, _ in data])
    return RawTable(frame, columns, None, None, lines[start], chosen, sheets)


def _first_row_number(source: Source, sheet_index: int) -> int:
    """Excel row number of the first row the reader returns (it skips empty rows at the top)."""
    try:
        with zipfile.ZipFile(source.path) as archive:
            path = _sheet_path(archive, sheet_index)
            with archive.open(path) as handle:
                head = handle.read(1 << 20)
        found = _FIRST_CELL.search(head)
        return int(found.group(1)) if found else 1
    except (KeyError, IndexError, AttributeError, zipfile.BadZipFile, OSError, ValueError):
        return 1  # a workbook laid out in a way we do not read: number rows from 1


def _sheet_path(archive: zipfile.ZipFile, sheet_index: int) -> str:
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    ids = re.findall(r'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"', workbook)
    target = re.search(
        r'<Relationship\b[^>]*?Id="' + re.escape(ids[sheet_index]) + r'"[^>]*?Target="([^"]+)"',
        rels,
    )
    if target is None:
        target = re.search(
            r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="' + re.escape(ids[sheet_index]) + '"',
            rels,
        )
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else "xl/" + path
