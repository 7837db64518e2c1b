"""What changed between the menu a user saw and the menu as it is now, in short sentences a
dietitian reads at a glance ("Tue 04 Mar · Lunch: added Bananas, raw (1 medium, 118 g)").

Items are matched by item_id. A position that moved only because a neighbour left is not a
change. `stale_menu` turns the differences into the refusal a user sees when they act on a
menu someone else has changed since.
"""

from __future__ import annotations

import datetime as dt

from menuplanner.domain.errors import StaleMenu
from menuplanner.domain.menus import ItemKind, Menu, MenuItem, day_label

MAX_LISTED = 8


def describe_changes(seen: Menu, current: Menu) -> list[str]:
    """Every difference from `seen` to `current`, menu-wide ones first, then items in menu
    order, then days' own targets."""
    return [
        *_menu_changes(seen, current),
        *_item_changes(seen, current),
        *_target_changes(seen, current),
    ]


def summary(changes: list[str], limit: int = MAX_LISTED) -> list[str]:
    """The first `limit` changes, and how many more there are."""
    if len(changes) <= limit:
        return changes
    rest = len(changes) - limit
    return [*changes[:limit], f"and {rest} more change{'s' if rest != 1 else ''}"]


def stale_menu(seen: Menu, current: Menu) -> StaleMenu:
    """The refusal of a change made on `seen` when the menu is now `current`."""
    changes = summary(describe_changes(seen, current))
    theirs = (
        f"Their changes: {'; '.join(changes)}."
        if changes
        else "Nothing you can see on the menu changed (it was saved again as it was)."
    )
    return StaleMenu(
        "Someone else changed this menu after you opened it, so your change was not saved. "
        f"{theirs} The menu now shows the current version; make your change again if it "
        "still applies."
    )


def amount(item: MenuItem) -> str:
    """ "1 medium, 118 g", "150 g", "1.5 servings"."""
    typed = _short_amount(item)
    if item.kind == ItemKind.RECIPE or item.unit == "g" or item.grams is None:
        return typed
    return f"{typed}, {item.grams:.0f} g"


def _short_amount(item: MenuItem) -> str:
    """ "1 tbsp", "150 g", "2 servings": the amount as the user typed it."""
    if item.kind == ItemKind.RECIPE:
        return f"{item.quantity:g} serving{'s' if item.quantity != 1 else ''}"
    return f"{item.quantity:g} {item.unit}"


def _menu_changes(seen: Menu, current: Menu) -> list[str]:
    found = []
    if seen.name != current.name:
        found.append(f"renamed from “{seen.name}” to “{current.name}”")
    if (seen.start_date, seen.days) != (current.start_date, current.days):
        found.append(f"dates changed from {_period(seen)} to {_period(current)}")
    if seen.slots != current.slots:
        found.append(f"meals are now {', '.join(current.slots)}")
    return found


def _period(menu: Menu) -> str:
    last = menu.date_of(menu.days - 1)
    return f"{_date(menu.start_date)} – {_date(last)}"


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _place(menu: Menu, item: MenuItem) -> str:
    return (
        f"{day_label(menu, item.day)} · {item.slot}"
        if item.day < menu.days
        else f"day {item.day + 1} · {item.slot}"
    )


def _item_changes(seen: Menu, current: Menu) -> list[str]:
    before = {i.item_id: i for i in seen.items if i.item_id is not None}
    after = {i.item_id: i for i in current.items if i.item_id is not None}
    found: list[tuple[tuple, str]] = []
    for item_id, new in after.items():
        old = before.get(item_id)
        where = _place(current, new)
        order = _order(current, new)
        if old is None:
            found.append((order, f"{where}: added {new.label} ({amount(new)})"))
            continue
        if (old.kind, old.ref_id) != (new.kind, new.ref_id):
            found.append(
                (order, f"{_place(seen, old)}: {old.label} swapped for {new.label} ({amount(new)})")
            )
        elif _short_amount(old) != _short_amount(new):
            found.append(
                (order, f"{where}: {new.label} {_short_amount(old)} → {_short_amount(new)}")
            )
        if (old.day, old.slot) != (new.day, new.slot):
            found.append((order, f"{_place(seen, old)}: {new.label} moved to {where}"))
        if old.locked != new.locked:
            found.append((order, f"{where}: {new.label} {'locked' if new.locked else 'unlocked'}"))
    for item_id, old in before.items():
        if item_id not in after:
            found.append(
                (_order(seen, old), f"{_place(seen, old)}: removed {old.label} ({amount(old)})")
            )
    return [text for _, text in sorted(found, key=lambda pair: pair[0])]


def _order(menu: Menu, item: MenuItem) -> tuple:
    slot = menu.slots.index(item.slot) if item.slot in menu.slots else len(menu.slots)
    return item.day, slot, item.position


def _target_changes(seen: Menu, current: Menu) -> list[str]:
    found = []
    for day in sorted(set(seen.day_targets) | set(current.day_targets)):
        old, new = seen.day_targets.get(day), current.day_targets.get(day)
        label = day_label(current, day)
        if old is None and new is not None:
            found.append(f"{label} has its own targets now ({new.energy_kcal:,.0f} kcal)")
        elif old is not None and new is None:
            found.append(f"{label} uses the client's targets again")
        elif old != new:
            found.append(f"{label}'s own targets changed ({new.energy_kcal:,.0f} kcal)")
    return found
