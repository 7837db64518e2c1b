"""Step 1 of an import: a file uploaded in the browser, an unpacked FoodData Central folder
uploaded as a folder, or a file or folder on the server (for very large files). Returns the
checked `Source`, or None."""

from __future__ import annotations

import math
import shutil
import tempfile
from pathlib import Path

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.imports import files, table
from menuplanner.imports.files import Source
from menuplanner.services import imports
from pages.ui.text import literal

SOURCE = "imports_source"  # the checked Source
ORIGIN = "imports_source_origin"  # "file", "folder" or "path": where SOURCE came from
UPLOAD_DIR = "imports_upload_dir"  # where uploads were saved
UPLOAD_ID = "imports_upload_id"  # which upload SOURCE is
ERROR = "imports_source_error"
ROUND = "imports_upload_round"  # new (empty) uploaders after each import
TYPES = ["csv", "tsv", "txt", "tab", "xlsx", "zip"]


def upload_limit_mb() -> int:
    """The size limit of uploads, in whole MB: the import limit ($MENUPLANNER_IMPORT_MAX_MB),
    but never above Streamlit's server.maxUploadSize, whose server refuses larger uploads
    itself. The uploader shows it, and uploads are checked against it."""
    import_limit = math.floor(files.limit_bytes() / 1024 / 1024)
    return max(1, min(import_limit, int(st.get_option("server.maxUploadSize"))))


def limits_text(limit_mb: int) -> str:
    return (
        f"Files up to {limit_mb:,} MB; tables up to {table.max_rows():,} rows and "
        f"{table.max_columns():,} columns."
    )


def choose_source(on_new_source) -> Source | None:
    """The uploaders and the path box; `on_new_source()` runs when another file is chosen."""
    limit_mb = upload_limit_mb()
    round_ = st.session_state.get(ROUND, 0)
    file_tab, folder_tab, path_tab = st.tabs(
        [
            "Upload a file",
            "Upload an unpacked FoodData Central folder",
            "Use a file or folder on this computer",
        ]
    )
    with file_tab:
        uploaded = st.file_uploader(
            "A FoodData Central CSV download (.zip), or a table with one row per food "
            "(.csv, .tsv or .xlsx)",
            type=TYPES,
            key=f"imports_upload_{round_}",
            max_upload_size=limit_mb,
            help=f"{limits_text(limit_mb)} For larger files use the last tab.",
        )
        _follow(uploaded and [uploaded], "file", on_new_source)
    with folder_tab:
        folder = st.file_uploader(
            "The folder that holds food.csv, nutrient.csv and food_nutrient.csv",
            type=["csv"],
            accept_multiple_files="directory",
            key=f"imports_folder_{round_}",
            max_upload_size=limit_mb,
            help=limits_text(limit_mb),
        )
        _follow(folder, "folder", on_new_source)
    with path_tab:
        typed = st.text_input(
            "Path of a file or folder on the computer running menuplanner",
            key="imports_path",
            placeholder="/data/FoodData_Central_foundation_food_csv_2024-10",
        )
        if st.button("Open", key="imports_path_open", disabled=not typed.strip()):
            on_new_source()
            clear(new_uploaders=False)
            st.session_state[ORIGIN] = "path"
            _open(Path(typed.strip()), None)
    if st.session_state.get(ERROR):
        st.error(literal(st.session_state[ERROR]))
    return st.session_state.get(SOURCE)


def _follow(uploaded: list | None, origin: str, on_new_source) -> None:
    """Take a new upload; forget the source when its upload was taken away."""
    if uploaded:
        upload_id = "+".join(sorted(f.file_id for f in uploaded))
        if st.session_state.get(UPLOAD_ID) != upload_id:
            on_new_source()
            clear(new_uploaders=False)
            st.session_state[UPLOAD_ID], st.session_state[ORIGIN] = upload_id, origin
            _save(uploaded, origin)
    elif st.session_state.get(ORIGIN) == origin:
        on_new_source()
        clear(new_uploaders=False)


def _save(uploaded: list, origin: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="menuplanner-upload-"))
    st.session_state[UPLOAD_DIR] = str(folder)
    for file in uploaded:
        name = Path(file.name).name or "upload"
        with (folder / name).open("wb") as handle:
            shutil.copyfileobj(file, handle, 1 << 20)
    if origin == "file":
        name = Path(uploaded[0].name).name
        _open(folder / (name or "upload"), name, upload_limit_mb())
    else:
        parents = {Path(f.name).parent.name for f in uploaded} - {""}
        name = parents.pop() if len(parents) == 1 else "the uploaded folder"
        _open(folder, name, upload_limit_mb())


def _open(path: Path, name: str | None, max_mb: float | None = None) -> None:
    st.session_state.pop(SOURCE, None)
    st.session_state.pop(ERROR, None)
    try:
        st.session_state[SOURCE] = imports.open_file(path, name, max_mb)
    except MenuplannerError as error:
        st.session_state[ERROR] = str(error)
    except OSError as error:
        st.session_state[ERROR] = f"{name or path} cannot be opened ({error.strerror or error})."


def clear(new_uploaders: bool = True) -> None:
    """Forget the chosen file (after an import, or "import nothing"); with `new_uploaders`, the
    uploaders start empty again."""
    folder = st.session_state.pop(UPLOAD_DIR, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
    for key in (SOURCE, ERROR, UPLOAD_ID, ORIGIN):
        st.session_state.pop(key, None)
    if new_uploaders:
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
