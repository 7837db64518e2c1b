"""Every notebook in notebooks/ runs top to bottom, in a real Jupyter kernel, on a fresh copy of
the database (its path given as MENUPLANNER_DB, as a user would); any cell error fails the test.
Notebooks are committed without outputs, so there are no stale results to trust."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT_S = 300


def test_the_three_notebooks_are_there():
    assert [n.name for n in NOTEBOOKS] == [
        "01_explore_nutrition_database.ipynb",
        "02_analyse_menus.ipynb",
        "03_import_and_validate.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs_and_opens_with_an_explanation(path: Path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert "from menuplanner import workbench" in code[0].source


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_on_a_fresh_database(
    path: Path, database_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("MENUPLANNER_DB", str(database_copy))  # the kernel inherits it
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},  # the kernel's working directory
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on any error

    opened = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert str(database_copy) in opened.outputs[0]["data"]["text/plain"]
    errors = [output for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if output.output_type == "error"]
    assert errors == []
