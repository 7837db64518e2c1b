"""`menuplanner foods`: look foods up in the nutrition database."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from menuplanner.cli.common import DbOption, UrlOption, current_workspace, store_of, user_errors
from menuplanner.domain import search as search_terms
from menuplanner.domain.errors import MenuplannerError
from menuplanner.ports import FoodCatalog

foods_app = typer.Typer(help="Look up foods in the nutrition database.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(foods_app, name="foods")


@foods_app.command("search")
def foods_search(
    text: Annotated[str, typer.Argument(help="Words of the food name, in any order.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, help="How many foods to show.")
    ] = 10,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            "-g",
            metavar="CODE",
            help="Only foods of this USDA food group, e.g. 0500 for poultry.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """Search foods by words in any order, best match first."""
    with user_errors():
        if not search_terms.query_terms(text):
            raise MenuplannerError("Type at least one word or number to search for.")
        with store_of(db, url).session() as session:
            catalog = session.catalog(current_workspace())
            if group is not None:
                _check_group(catalog, group)
            page = catalog.search(text, group_code=group, limit=limit)
        if as_json:
            hits = [
                {
                    "food_id": h.food_id,
                    "name": h.name,
                    "group_code": h.group_code,
                    "group_name": h.group_name,
                    "dataset": h.dataset,
                    "is_branded": h.is_branded,
                    "is_common": h.is_common,
                    "portion_count": h.portion_count,
                }
                for h in page.hits
            ]
            typer.echo(json.dumps({"query": text, "total": page.total, "foods": hits}, indent=2))
            return
        if not page.hits:
            typer.echo(f"No food matches {text!r}" + (f" in group {group}." if group else "."))
            return
        width = max(len(h.group_name) for h in page.hits)
        typer.echo(f"{'id':>6}  {'group':<{width}}  food")
        for h in page.hits:
            typer.echo(f"{h.food_id:>6}  {h.group_name:<{width}}  {h.name}")
        more = "; use --limit to see more" if page.total > len(page.hits) else ""
        typer.echo(f"{len(page.hits)} of {page.total:,} matching foods{more}.")


def _check_group(catalog: FoodCatalog, code: str) -> None:
    groups = catalog.groups()
    if code not in {g.code for g in groups}:
        listed = ", ".join(f"{g.code} {g.name}" for g in sorted(groups, key=lambda g: g.code))
        raise MenuplannerError(f"There is no food group {code!r}; the groups are: {listed}.")
