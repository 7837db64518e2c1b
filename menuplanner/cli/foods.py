"""`menuplanner foods`: look foods up in the nutrition database."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from menuplanner.cli.common import DbOption, UrlOption, current_workspace, store_of, user_errors
from menuplanner.domain import search as search_terms
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.ports import FoodCatalog
from menuplanner.services.food_card import FoodCard, find_food, food_card

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


@foods_app.command("show")
def foods_show(
    food: Annotated[
        str, typer.Argument(metavar="ID_OR_NAME", help="A food's id, or a name matching one food.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    db: DbOption = None,
    url: UrlOption = None,
) -> None:
    """One food: nutrients per 100 g and per each household measure, its dataset, where its
    energy comes from, and what it contains for allergy and diet checks."""
    with user_errors():
        with store_of(db, url).session() as session:
            catalog = session.catalog(current_workspace())
            food_id = find_food(catalog, food)
            card = food_card(catalog, session.datasets(current_workspace()), food_id)
        typer.echo(json.dumps(_card_json(card), indent=2) if as_json else _card_text(card))


def _card_json(card: FoodCard) -> dict:
    food = card.food
    return {
        "food_id": food.food_id,
        "name": food.name,
        "dataset": food.dataset,
        "group_code": food.group_code,
        "group_name": card.group_name,
        "energy_source": card.energy_source,
        "contains": sorted(t.value for t in card.tags.effective),
        "unverified": sorted(t.value for t in card.tags.unverified),
        "tags_confirmed_by_a_person": card.tags.corrected,
        "measures": [
            {"amount": p.amount, "description": p.description, "grams": p.gram_weight}
            for p in food.portions
        ],
        "nutrients": [
            {
                "key": n.key,
                "name": n.name,
                "unit": n.unit,
                "per_100g": card.per_100g[n.key],
                "per_measure": [card.per_measure(p.gram_weight)[n.key] for p in food.portions],
            }
            for n in NUTRIENTS
        ],
    }


def _card_text(card: FoodCard) -> str:
    food = card.food
    contains = ", ".join(sorted(t.value for t in card.tags.effective)) or "nothing tagged"
    lines = [
        f"{food.name} (id {food.food_id})",
        f"Dataset: {food.dataset} · group {food.group_code} {card.group_name}",
        f"Energy: {card.energy_source}",
        f"Contains: {contains}"
        + (" (confirmed by a person in this workspace)" if card.tags.corrected else ""),
    ]
    if card.tags.note:
        lines.append(card.tags.note)
    measures = [("100 g", 100.0)] + [
        (f"{p.label} ({p.gram_weight:g} g)", p.gram_weight) for p in food.portions
    ]
    if not food.portions:
        lines.append("Household measures: none (amounts in grams only)")
    columns = [card.per_measure(grams) for _, grams in measures]
    header = ["nutrient", "unit", *(label for label, _ in measures)]
    rows = [
        [n.name, n.unit, *(_amount(values[n.key], n.decimals) for values in columns)]
        for n in NUTRIENTS
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines.append("")
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.append("– : the food table has no value.")
    return "\n".join(lines)


def _amount(value: float | None, decimals: int) -> str:
    return "–" if value is None else f"{value:,.{decimals}f}"
