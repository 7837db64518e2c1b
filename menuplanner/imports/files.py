"""What the user gave us: one file or a folder, checked before anything is read.

The size limit, binary data, damaged zips and the kind of import (a FoodData Central download
or a one-row-per-food table) are decided here, each refusal one sentence.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from menuplanner.imports import sniff
from menuplanner.imports.errors import ImportRefused

Kind = Literal["fdc", "table"]
LIMIT_ENV_VAR = "MENUPLANNER_IMPORT_MAX_MB"
DEFAULT_LIMIT_MB = 500
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".xlsx")
FDC_REQUIRED = ("food.csv", "nutrient.csv", "food_nutrient.csv")
FDC_OPTIONAL = (
    "food_portion.csv",
    "measure_unit.csv",
    "food_category.csv",
    "branded_food.csv",
    "wweia_food_category.csv",
)
ZIP_MAGIC = b"PK\x03\x04"
UNZIPPED_FACTOR = 10  # a zip may unpack to at most this many times the size limit
_UNSUPPORTED_ZIP = (
    "{name} cannot be unpacked: it is protected by a password or packed in a way Python's zip "
    "reader does not support. Unpack it with your file manager and import the folder."
)


def limit_bytes(limit_mb: float | None = None) -> int:
    """The size limit: the argument, else $MENUPLANNER_IMPORT_MAX_MB, else 500 MB."""
    if limit_mb is None:
        try:
            limit_mb = float(os.environ.get(LIMIT_ENV_VAR) or DEFAULT_LIMIT_MB)
        except ValueError:
            limit_mb = DEFAULT_LIMIT_MB
    return int(limit_mb * 1024 * 1024)


@dataclass(frozen=True)
class Source:
    path: Path  # the file or folder to read (for an upload: the saved copy)
    name: str  # the name the user knows it by
    kind: Kind
    size: int  # bytes: the file, or the folder's files
    sha256: str  # of the file; of the FoodData Central files' names and contents for a folder
    is_zip: bool = False
    is_excel: bool = False

    @property
    def stem(self) -> str:
        name = self.name.rstrip("/\\")
        for suffix in (".zip", *TABLE_SUFFIXES):
            if name.lower().endswith(suffix):
                return name[: -len(suffix)]
        return name


def open_source(path: Path, name: str | None = None, max_bytes: int | None = None) -> Source:
    """Check `path` and say what it is; raises ImportRefused with the reason."""
    path = Path(path).expanduser()
    name = name or path.name
    max_bytes = limit_bytes() if max_bytes is None else max_bytes
    if not path.exists():
        raise ImportRefused(f"There is no file or folder at {path}.")
    if path.is_dir():
        return _folder(path, name, max_bytes)
    size = path.stat().st_size
    _check_size(name, size, max_bytes)
    if size == 0:
        raise ImportRefused(f"{name} is empty: there is nothing to import.")
    with path.open("rb") as handle:
        head = handle.read(65536)
    if name.lower().endswith(".xls") and not head.startswith(ZIP_MAGIC):
        raise ImportRefused(
            f"{name} is an old Excel (.xls) file; save it as .xlsx or CSV in "
            "your spreadsheet program and import that."
        )
    if head.startswith(ZIP_MAGIC):
        return _zip(path, name, size, max_bytes)
    if name.lower().endswith((".zip", ".xlsx")):
        raise ImportRefused(
            f"{name} is damaged or incomplete: it is not a valid "
            f"{'zip' if name.lower().endswith('.zip') else 'Excel'} file."
        )
    if sniff.looks_binary(head):
        raise ImportRefused(
            f"{name} is not a text table: it contains binary data. Import a CSV "
            "or TSV file, an .xlsx workbook, or a FoodData Central .zip."
        )
    lines = sniff.decode(head)[0].splitlines()  # none for a file that is only a BOM
    first_line = lines[0] if lines else ""
    if "fdc_id" in first_line.lower():
        raise ImportRefused(
            f"{name} is one file of a FoodData Central download; import the whole "
            "download instead (the .zip, or the folder holding food.csv, "
            "nutrient.csv and food_nutrient.csv)."
        )
    return Source(path, name, "table", size, file_sha256(path))


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ImportRefused(
            f"{name} is {_megabytes(size)}; files over {_megabytes(max_bytes)} are refused "
            f"(set {LIMIT_ENV_VAR} or --max-size-mb to allow more)."
        )


def _megabytes(size: int) -> str:
    """'1.3 MB' below 10 MB, where rounding to whole MB could make a refused file read as
    the same size as the limit; '612 MB' above."""
    megabytes = size / 1024 / 1024
    if megabytes >= 10:
        return f"{megabytes:,.0f} MB"
    return f"{megabytes:,.1f} MB".replace(".0 MB", " MB")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def find_fdc_files(folder: Path) -> dict[str, Path]:
    """FoodData Central CSV files by name, in `folder` or one level down (a download's zip holds
    one folder, e.g. FoodData_Central_sr_legacy_food_csv_2018-04/)."""
    found: dict[str, Path] = {}
    for candidate in (folder, *sorted(p for p in folder.iterdir() if p.is_dir())):
        for file_name in (*FDC_REQUIRED, *FDC_OPTIONAL):
            if file_name not in found and (candidate / file_name).is_file():
                found[file_name] = candidate / file_name
    return found


def _folder(path: Path, name: str, max_bytes: int) -> Source:
    found = find_fdc_files(path)
    if "food.csv" not in found:
        raise ImportRefused(
            f"The folder {name} is not a FoodData Central download: it has no "
            "food.csv. Choose the folder that holds food.csv, nutrient.csv and "
            "food_nutrient.csv, or one table file."
        )
    size = sum(p.stat().st_size for p in found.values())
    _check_size(name, size, max_bytes)
    digest = hashlib.sha256()
    for file_name in sorted(found):
        digest.update(file_name.encode() + b"\0" + file_sha256(found[file_name]).encode())
    return Source(path, name, "fdc", size, digest.hexdigest())


def _zip(path: Path, name: str, size: int, max_bytes: int) -> Source:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ImportRefused(
            f"{name} is damaged or incomplete (perhaps the download stopped "
            "early): it cannot be opened as a zip file. Download it again."
        ) from None
    except RuntimeError:  # zipfile's NotImplementedError and "password required" are these
        raise ImportRefused(_UNSUPPORTED_ZIP.format(name=name)) from None
    if "xl/workbook.xml" in names:
        return Source(path, name, "table", size, file_sha256(path), is_excel=True)
    if any(Path(n).name == "food.csv" for n in names):
        return Source(path, name, "fdc", size, file_sha256(path), is_zip=True)
    raise ImportRefused(
        f"{name} holds no food.csv, so it is not a FoodData Central download; "
        "import the CSV download of a FoodData Central dataset."
    )


def unpack_fdc(source: Source, into: Path, max_bytes: int | None = None) -> dict[str, Path]:
    """The FoodData Central files of a zip, extracted into `into` (only the files we read)."""
    max_bytes = limit_bytes() if max_bytes is None else max_bytes
    wanted = set(FDC_REQUIRED + FDC_OPTIONAL)
    found: dict[str, Path] = {}
    try:
        with zipfile.ZipFile(source.path) as archive:
            members = [m for m in archive.infolist() if Path(m.filename).name in wanted]
            members.sort(key=lambda m: m.filename.count("/"))  # the shallowest copy of each file
            if sum(m.file_size for m in members) > max_bytes * UNZIPPED_FACTOR:
                raise ImportRefused(
                    f"{source.name} unpacks to more than "
                    f"{max_bytes * UNZIPPED_FACTOR / 1024**3:,.1f} GB; it is refused."
                )
            for member in members:
                file_name = Path(member.filename).name
                if file_name in found:
                    continue
                target = into / file_name
                with archive.open(member) as packed, target.open("wb") as unpacked:
                    shutil.copyfileobj(packed, unpacked, 1 << 20)
                found[file_name] = target
    except RuntimeError:  # zipfile's NotImplementedError and "password required" are these
        raise ImportRefused(_UNSUPPORTED_ZIP.format(name=source.name)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        if isinstance(error, ImportRefused):
            raise
        raise ImportRefused(
            f"{source.name} is damaged or incomplete (perhaps the download "
            "stopped early); download it again."
        ) from None
    return found


def fdc_file_names(source: Source) -> set[str]:
    """Which FoodData Central files the download has (without unpacking it)."""
    if not source.is_zip:
        return set(find_fdc_files(source.path))
    wanted = set(FDC_REQUIRED + FDC_OPTIONAL)
    try:
        with zipfile.ZipFile(source.path) as archive:
            return {Path(n).name for n in archive.namelist()} & wanted
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return set()


def fdc_files(source: Source, workdir: Path | None = None) -> tuple[dict[str, Path], Path | None]:
    """(files by name, a temporary folder to delete afterwards or None)."""
    if not source.is_zip:
        return find_fdc_files(source.path), None
    temp = Path(tempfile.mkdtemp(prefix="menuplanner-import-", dir=workdir))
    try:
        return unpack_fdc(source, temp), temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
