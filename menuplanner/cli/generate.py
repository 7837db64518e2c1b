"""`menuplanner generate`: fill a client's menu from the command line, day by day.

Registered on the main command by `register(app)` (menuplanner/cli/command.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from menuplanner.cli.common import UrlOption, current_workspace, store_of, user_errors
from menuplanner.domain.errors import NotFound, ValidationFailed

DaysOption = Annotated[
    str | None,
    typer.Option(
        "--days",
        metavar="DAYS",
        help="Days to generate, counted from 1: '1', '1,3,5', '1-3' "
        "(default: every day of the menu).",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)


def generate(
    client: Annotated[str, typer.Option("--client", help="The client's name.")],
    menu: Annotated[str, typer.Option("--menu", help="The client's menu to fill.")],
    days: DaysOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace every unlocked item of those days (default: fill only empty meals).",
        ),
    ] = False,
    seed: Annotated[int, typer.Option("--seed", help="Another seed gives another valid menu.")] = 0,
    tolerance: Annotated[
        float, typer.Option("--tolerance", help="± % on energy, protein, carbohydrate and fat.")
    ] = 5.0,
    cheapest: Annotated[
        bool,
        typer.Option("--cheapest", help="The cheapest menu within tolerance (uses food prices)."),
    ] = False,
    micronutrient: Annotated[
        list[str] | None,
        typer.Option(
            "--micronutrient",
            help="Also reach the client's goal (RDA or AI) of this nutrient, e.g. iron_mg or "
            "vitamin_b12_ug; repeat for more. Upper limits that apply to food become maximums.",
        ),
    ] = None,
    micronutrients_over: Annotated[
        str,
        typer.Option(
            "--micronutrients-over",
            help="'week': the week's average reaches the goals; 'day': every day does.",
        ),
    ] = "week",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Database file (default: $MENUPLANNER_DB or data/menuplanner.duckdb).",
            dir_okay=False,
        ),
    ] = None,
    url: UrlOption = None,
) -> None:
    """Generate a client's menu so every day lands on its targets."""
    from menuplanner.planning.settings import GenerateSettings
    from menuplanner.services import generate as generate_service

    with user_errors():
        settings = GenerateSettings(
            tolerance_pct=tolerance,
            seed=seed,
            replace=replace,
            cheapest=cheapest,
            micronutrients=tuple(micronutrient or ()),
            micronutrient_span=micronutrients_over,
        )
        workspace = current_workspace()
        with store_of(db, url).session() as session:
            menu_id, length = _find_menu(session.unit_of_work(workspace), client, menu)
            chosen = parse_days(days, length)
            store = session.planning(workspace)
            results = []
            for result in generate_service.generate(
                session.unit_of_work(workspace), store, menu_id, chosen, settings
            ):
                results.append(result)
                if not as_json:
                    typer.echo(_line(result))
                    for reason in result.reasons:
                        typer.echo(f"    {reason}")
        if as_json:
            typer.echo(json.dumps([_as_dict(r) for r in results], indent=2))
        else:
            outside = sum(1 for r in results if r.filled and not r.within)
            typer.echo(
                f"{len(results)} days generated"
                + (f", {outside} outside tolerance." if outside else ", all within tolerance.")
            )


def parse_days(text: str | None, length: int) -> list[int]:
    """'1,3-5' → [0, 2, 3, 4] (0-based); None → every day."""
    if text is None:
        return list(range(length))
    chosen: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        try:
            first, _, last = part.partition("-")
            low, high = int(first), int(last or first)
        except ValueError:
            raise ValidationFailed(
                f"--days: {part!r} is not a day number or range like 1-3."
            ) from None
        if not 1 <= low <= high <= length:
            raise ValidationFailed(
                f"--days: {part!r} is outside this {length}-day menu (1–{length})."
            )
        chosen.update(range(low - 1, high))
    return sorted(chosen)


def _find_menu(uow, client_name: str, menu_name: str) -> tuple[int, int]:
    with uow:
        clients = uow.clients.list()
        found = [c for c in clients if c.name.casefold() == client_name.strip().casefold()]
        if not found:
            known = ", ".join(c.name for c in clients) or "none yet"
            raise NotFound(f"There is no client named {client_name!r}; the clients are: {known}.")
        menus = uow.menus.list(found[0].client_id)
        match = [m for m in menus if m.name.casefold() == menu_name.strip().casefold()]
        if not match:
            known = ", ".join(m.name for m in menus) or "none yet"
            raise NotFound(
                f"{found[0].name} has no menu named {menu_name!r}; their menus are: {known}."
            )
        return match[0].menu_id, match[0].days


def _line(result) -> str:
    day = f"{result.date:%a %d %b}"
    if not result.filled:
        return f"{day}: every meal already has items; nothing added."
    if result.within:
        return f"{day}: {result.added} items, within tolerance ({result.seconds:.2f} s)."
    gaps = "; ".join(g.sentence() for g in result.gaps)
    return f"{day}: {result.added} items, OUTSIDE tolerance: {gaps}"


def _as_dict(result) -> dict:
    return {
        "day": result.day + 1,
        "date": result.date.isoformat(),
        "added": result.added,
        "within": result.within,
        "seconds": round(result.seconds, 3),
        "gaps": [
            {
                "measure": g.measure,
                "actual": round(g.actual, 1),
                "target": g.target,
                "low": round(g.low, 1),
                "high": round(g.high, 1),
            }
            for g in result.gaps
        ],
        "micronutrient_gaps": [
            {
                "nutrient": g.nutrient,
                "actual": round(g.actual, 3),
                "limit": float(g.limit),
                "kind": "minimum" if g.is_minimum else "maximum",
            }
            for g in result.micro_gaps
        ],
        "reasons": result.reasons,
    }


__all__ = ["generate", "parse_days", "register"]
