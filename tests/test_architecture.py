"""The layers written in pyproject.toml ([tool.importlinter]) hold: no import cycles, a pure
domain, no Streamlit in the package, storage reached only through the ports, pages that build
no adapter. And the code is formatted and linted by ruff ([tool.ruff])."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_every_import_contract_is_kept():
    done = run("lint-imports")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_cycle_contract_fails_when_two_modules_import_each_other(tmp_path: Path):
    package = tmp_path / "looped"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from looped import b\n")
    (package / "b.py").write_text("from looped import a\n")
    (tmp_path / ".importlinter").write_text(
        textwrap.dedent("""\
            [importlinter]
            root_package = looped

            [importlinter:contract:cycles]
            name = No import cycles between the modules of a package
            type = acyclic_siblings
            ancestors = looped
            """)
    )
    done = subprocess.run(
        [str(BIN / "lint-imports")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(tmp_path), "PATH": str(BIN)},
    )
    assert done.returncode == 1 and "BROKEN" in done.stdout, done.stdout + done.stderr


def test_the_code_is_formatted_and_linted_by_ruff():
    checked = run("ruff", "check", ".")
    assert checked.returncode == 0, checked.stdout[-3000:]
    formatted = run("ruff", "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout[-3000:]
