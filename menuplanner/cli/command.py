"""The `menuplanner` command: the Typer app, its --workspace option, and its commands, each
group in its own module of this package.

`--workspace` (before the command; default $MENUPLANNER_WORKSPACE, else "local") chooses whose
clients, recipes, menus, imported datasets and settings every command reads and writes; the
bundled USDA foods are seen from every workspace. Building, backing up and restoring work on
the whole file.
"""

from __future__ import annotations

from typing import Annotated

import typer

from menuplanner.cli import (
    admin,
    backups,
    clients,
    export,
    foods,
    generate,
    imports,
    menus,
    serve,
)
from menuplanner.cli.common import WORKSPACE_ENV, chosen_workspaces
from menuplanner.ports import LOCAL_WORKSPACE

app = typer.Typer(
    help="Nutrition-aware meal menu planner: database, food search and benchmarks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _choose_workspace(
    context: typer.Context,
    workspace: Annotated[
        str,
        typer.Option(
            "--workspace",
            envvar=WORKSPACE_ENV,
            metavar="NAME",
            show_default=True,
            help="Whose clients, recipes, menus and imported data the command uses.",
        ),
    ] = LOCAL_WORKSPACE,
) -> None:
    if not workspace.strip():
        raise typer.BadParameter("give the workspace's name, e.g. --workspace north.")
    chosen_workspaces.append(workspace.strip())
    context.call_on_close(chosen_workspaces.pop)


# Registered in the order `--help` lists them: commands first, then the groups.
foods.register(app)
admin.register_build(app)
imports.register(app)
generate.register(app)
export.register(app)
admin.register_care(app)
backups.register(app)
admin.register_server(app)
clients.register(app)
menus.register(app)
serve.register(app)


def main() -> None:
    app()
