"""The client's "Check the label" page: foods of the menu that may contain something the client
must avoid, where only the label can tell (allergens unverified, see domain/hidden_sources.py),
each with what to look for and when it is eaten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from menuplanner.services.menus import MenuReport

TITLE = "Check the label"
INTRO = (
    "Nobody has checked the labels of these foods yet, and their names cannot tell whether "
    "they hold something you must avoid. Read each label before you buy or eat it, or ask "
    "for another food."
)


@dataclass(frozen=True, slots=True)
class LabelCheck:
    name: str  # as the item is named in the plan
    look_for: str  # "Allergens unverified: may contain soy and wheat (…); check the label"
    eaten_on: str  # "Monday Lunch, Thursday Dinner"


def label_checks(report: MenuReport) -> tuple[LabelCheck, ...]:
    """One line per food or recipe of the menu with an unverified allergen or diet, in the
    order first eaten."""
    menu = report.menu
    short = menu.days > 7  # "Mon 11 Lunch" tells apart the days of a longer menu
    found: dict[tuple[str, int], LabelCheck] = {}
    for row in report.items.sort("day").iter_rows(named=True):
        problems = report.violations.get(row["item_id"], ())
        notes = [v.reason for v in problems if v.kind == "unverified"]
        if not notes:
            continue
        key = (row["kind"], row["food_id"] if row["food_id"] is not None else row["recipe_id"])
        day = menu.date_of(row["day"])
        place = f"{f'{day:%a} {day.day}' if short else f'{day:%A}'} {row['slot']}"
        if key in found:
            earlier = found[key]
            if place not in earlier.eaten_on.split(", "):
                eaten_on = f"{earlier.eaten_on}, {place}"
                found[key] = LabelCheck(earlier.name, earlier.look_for, eaten_on)
        else:
            found[key] = LabelCheck(row["label"], "; ".join(notes), place)
    return tuple(found.values())
