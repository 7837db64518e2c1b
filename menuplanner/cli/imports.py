"""`menuplanner import PATH` and `menuplanner datasets`: imports from the command line.

Registered by menuplanner/cli/command.py (`register(app)`). Heavy modules (Polars, Pandera) are
imported when a command runs, so `menuplanner --help` stays fast. Exit code 1 when an import is
refused (problems without --skip-invalid, or a file that cannot be used); the report is written to
a CSV file whenever there are problems.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from menuplanner.cli.common import (
    DbOption,
    UrlOption,
    current_workspace,
    say,
    shown,
    store_of,
    user_errors,
)
from menuplanner.domain.errors import MenuplannerError


class Format(enum.StrEnum):
    fdc = "fdc"
    table = "table"


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    datasets_app = typer.Typer(
        help="List or remove imported nutrition datasets.", no_args_is_help=True
    )
    datasets_app.command("list")(datasets_list)
    datasets_app.command("remove")(datasets_remove)
    app.add_typer(datasets_app, name="datasets")


def import_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="A FoodData Central CSV download (.zip or folder), "
            "or a table: .csv, .tsv or .xlsx, one row per food."
        ),
    ],
    fmt: Annotated[
        Format | None, typer.Option("--format", help="fdc or table (default: from the file).")
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option(
            "--dataset",
            help="Dataset name (default: from the file). "
            "Importing again under the same name updates that dataset.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            help="A mapping saved as JSON (from the Import "
            "page or --write-mapping); default: suggested from the headers.",
            dir_okay=False,
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Import the valid rows and leave out "
            "those with problems (default: import nothing when there are problems).",
        ),
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Where to write the problems as CSV "
            "(default: <file name>-import-report.csv here).",
            dir_okay=False,
        ),
    ] = None,
    write_mapping: Annotated[
        Path | None,
        typer.Option(
            "--write-mapping",
            help="Save the mapping used (e.g. the suggested one) as JSON to edit and reuse.",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        str | None, typer.Option("--version", help="Version of the dataset, e.g. 2024-10.")
    ] = None,
    licence: Annotated[
        str | None, typer.Option("--licence", help="Licence or terms of use of the data.")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Sheet of an .xlsx file (default: the first).")
    ] = None,
    branded_per_serving: Annotated[
        bool,
        typer.Option(
            "--branded-per-serving",
            help="FoodData Central Branded amounts are per serving (label values), not per 100 g.",
        ),
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Import with the suggested mapping without asking (on a terminal, the "
            "command otherwise shows the first foods as they will be stored and asks).",
        ),
    ] = False,
    max_size_mb: Annotated[
        float | None,
        typer.Option(
            "--max-size-mb",
            min=1,
            help="Refuse files larger than this (default: $MENUPLANNER_IMPORT_MAX_MB or 500).",
        ),
    ] = None,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Import nutrition data: check every row, then import all of it, the valid rows, or nothing."""
    from menuplanner.imports import mapping as mappings
    from menuplanner.imports.errors import ImportRefused
    from menuplanner.services import imports

    with user_errors():
        source = imports.open_file(path, max_mb=max_size_mb)
        if fmt is not None and fmt.value != source.kind:
            raise ImportRefused(
                f"{source.name} is "
                f"{'a table' if source.kind == 'table' else 'a FoodData Central download'}, "
                f"not --format {fmt.value}."
            )
        raw, chosen = None, None
        if source.kind == "table":
            raw = imports.read_table(source, sheet)
            say(f"Reading {source.name}: {raw.described()}.")
            chosen = (
                mappings.loads(mapping.read_bytes()) if mapping else imports.suggest_mapping(raw)
            )
            say(
                (
                    "Mapping from " + shown(mapping)
                    if mapping
                    else "Suggested mapping (check it; save it "
                    "with --write-mapping FILE, edit, and pass it with --mapping FILE)"
                )
                + ":\n"
                + mappings.describe(chosen)
            )
            if write_mapping:
                write_mapping.write_text(mappings.dumps(chosen), encoding="utf-8")
                say(f"Mapping written to {shown(write_mapping)}.")
        prepared = imports.prepare(
            source,
            raw=raw,
            mapping=chosen,
            dataset_name=dataset,
            version=version,
            licence=licence,
            branded_per_serving=branded_per_serving,
        )
        if source.kind == "fdc":
            say(f"Reading {source.name}: {prepared.described}.")
        checked = prepared.report
        say(f"Checked: {checked.summary()}")
        if source.kind == "table" and mapping is None and not yes and sys.stdin.isatty():
            _confirm_suggested(imports.stored_preview(prepared))
        if checked.problems.height:
            target = report or Path(f"{source.stem}-import-report.csv")
            target.write_bytes(checked.csv())
            say(f"The report is in {shown(target)}.")
        with store_of(db, url).session() as session:
            store = session.datasets(current_workspace())
            outcome = imports.commit(store, prepared, skip_invalid=skip_invalid)
        typer.echo(outcome.message())


def _confirm_suggested(foods: list[tuple[str, dict[str, float]]]) -> None:
    """Show the first foods as they will be stored, per 100 g, and ask before importing with a
    mapping nobody has checked (a per-portion table read as per 100 g is wrong by its factor)."""
    from menuplanner.domain.nutrients import BY_KEY

    say("The first foods as they will be stored, per 100 g:")
    for name, values in foods:
        parts = [
            f"{BY_KEY[key].name.lower()} {values[key]:,.1f} {BY_KEY[key].unit}"
            for key in ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g")
            if values.get(key) is not None
        ]
        say(f"  {name}: " + (", ".join(parts) or "no energy or macros"))
    if not typer.confirm("Import with this mapping?", default=False, err=True):
        raise MenuplannerError(
            "Nothing was imported. Save the mapping with --write-mapping FILE, correct it, and "
            "import with --mapping FILE (or answer yes, or pass --yes)."
        )


def datasets_list(db: DbOption = None, url: UrlOption = None) -> None:
    """List the nutrition datasets with their provenance."""
    from menuplanner.services import imports

    with user_errors():
        with store_of(db, url).session() as session:
            records = imports.datasets(session.datasets(current_workspace()))
        for record in records:
            typer.echo(
                f"{record.dataset_id}  {record.name}"
                + ("  (bundled)" if record.is_bundled else "")
                + (
                    "  (shared by every workspace)"
                    if record.is_shared and not record.is_bundled
                    else ""
                )
            )
            for label, text in imports.describe(record).items():
                typer.echo(f"     {label}: {text}")


def datasets_remove(
    name: Annotated[
        str, typer.Argument(help="The dataset's name (or id) as `datasets list` shows it.")
    ],
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Remove an imported dataset (refused while recipes or menus use its foods)."""
    from menuplanner.domain.errors import NotFound
    from menuplanner.services import imports

    with user_errors():
        with store_of(db, url).session() as session:
            store = session.datasets(current_workspace())
            record = store.find(name) or next(
                (d for d in store.list() if name.isdigit() and d.dataset_id == int(name)), None
            )
            if record is None:
                raise NotFound(
                    f"There is no dataset named {name!r}; `menuplanner datasets list` shows them."
                )
            typer.echo(imports.remove(store, record.dataset_id))
