"""The `menuplanner` command line: `app` (the Typer app) and `main` (the console script), in
cli/command.py; one module per command group (foods, clients, menus, imports, export, generate,
admin for the database file), and what they share in cli/common.py."""

from menuplanner.cli.command import app, main

__all__ = ["app", "main"]
