"""MenuRepository in SQL (DuckDB and PostgreSQL): one workspace's menus with their items.

Items come back ordered by day, slot (in the menu's slot order), position, then id. An update
keeps the ids of items that were already in the menu and gives new items new ids. A new item
must name a food the workspace sees and one of its own recipes (NotFound otherwise, exactly as
for one that does not exist); so must the client.

Versions: an update saves only a menu whose `version` is the stored one, and moves both on by
one. Every save writes the menus row, so two transactions saving the same menu always touch
one row and DuckDB refuses the second ("Conflict on update!"), even when their item changes
alone would not meet (new items get new ids and never conflict).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from menuplanner.domain.errors import NotFound, ValidationFailed, VersionConflict
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.targets import Targets
from menuplanner.ports import MenuRepository, MenuTitle, Usage
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.foods import unseen_foods

_MENU_COLUMNS = (
    "SELECT menu_id, client_id, name, start_date, days, slots, day_targets, is_demo, version "
    "FROM menus WHERE workspace_id = ?"
)
_OWN_MENUS = "SELECT menu_id FROM menus WHERE workspace_id = ?"


class SqlMenuRepository(MenuRepository):
    def __init__(self, sql: Sql, workspace: str) -> None:
        self._sql = sql
        self._workspace = workspace
        # What get() read, as stored: an update in the same transaction (a snapshot) compares
        # with it instead of reading the menu a second time.
        self._read: dict[int, Menu] = {}

    def list(self, client_id: int | None = None) -> list[Menu]:
        if client_id is None:
            menus = self._load("", [])
        else:
            menus = self._load(" AND client_id = ?", [client_id])
        return sorted(menus, key=lambda m: -m.menu_id)

    def titles(self, client_id: int | None = None) -> list[MenuTitle]:
        condition, params = ("", []) if client_id is None else (" AND client_id = ?", [client_id])
        rows = self._sql.execute(
            "SELECT menu_id, name, start_date, days FROM menus WHERE workspace_id = ?"
            + condition
            + " ORDER BY menu_id DESC",
            [self._workspace, *params],
        ).fetchall()
        return [MenuTitle(*row) for row in rows]

    def get(self, menu_id: int) -> Menu:
        found = self._load(" AND menu_id = ?", [menu_id])
        if not found:
            raise NotFound(f"There is no menu with id {menu_id}.")
        self._read[menu_id] = dataclasses.replace(found[0], items=list(found[0].items))
        return found[0]

    def add(self, menu: Menu) -> int:
        self._check_name(menu, None)
        self._refuse_unseen(menu.items, known=set())
        menu_id = self._next_id()
        self._sql.execute(
            "INSERT INTO menus (menu_id, workspace_id, client_id, name, start_date, days, slots, "
            "day_targets, is_demo, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [menu_id, self._workspace, *_values(menu)],
        )
        self._insert_items(menu_id, menu.items, keep=set())
        return menu_id

    def update(self, menu: Menu) -> None:
        stored = self._read.pop(menu.menu_id, None) or self.get(menu.menu_id)
        self._read.pop(menu.menu_id, None)  # changed from here on
        if stored.version != menu.version:
            raise VersionConflict(menu.menu_id, menu.version, stored.version)
        if (menu.client_id, menu.name) != (stored.client_id, stored.name):
            self._check_name(menu, menu.menu_id)
        self._refuse_unseen(menu.items, known={(i.kind, i.ref_id) for i in stored.items})
        saved = self._sql.execute(
            "UPDATE menus SET client_id = ?, name = ?, start_date = ?, days = ?, slots = ?, "
            "day_targets = ?, is_demo = ?, version = version + 1 "
            "WHERE workspace_id = ? AND menu_id = ? AND version = ? RETURNING version",
            [*_values(menu), self._workspace, menu.menu_id, menu.version],
        ).fetchall()
        if not saved:  # cannot happen inside one snapshot; kept as the rule's last word
            raise VersionConflict(menu.menu_id, menu.version, self.get(menu.menu_id).version)
        # Only the items that changed are written: a click changes one item of a week's 60,
        # and rewriting them all was most of a save's time (profiled, issue 17).
        unchanged = _unchanged_items(stored.items, menu.items)
        gone = [i.item_id for i in stored.items if i.item_id not in unchanged]
        if gone:
            self._sql.execute(
                "DELETE FROM menu_items WHERE menu_id IN (" + _OWN_MENUS + " AND menu_id = ?) "
                "AND item_id IN (SELECT unnest(?::BIGINT[]))",
                [self._workspace, menu.menu_id, gone],
            )
        written = []
        for item in menu.items:
            if item.item_id in unchanged:
                unchanged.discard(item.item_id)  # its row stays; a second copy is a new item
            else:
                written.append(item)
        self._insert_items(menu.menu_id, written, keep=set(gone))
        menu.version = saved[0][0]

    def delete(self, menu_id: int) -> None:
        self.get(menu_id)
        self._read.pop(menu_id, None)
        self._delete_items(menu_id)
        self._sql.execute(
            "DELETE FROM menus WHERE workspace_id = ? AND menu_id = ?", [self._workspace, menu_id]
        )

    def using_food(self, food_id: int) -> list[Usage]:
        return self._using(ItemKind.FOOD, food_id)

    def using_recipe(self, recipe_id: int) -> list[Usage]:
        return self._using(ItemKind.RECIPE, recipe_id)

    def _using(self, kind: ItemKind, ref_id: int) -> list[Usage]:
        rows = self._sql.execute(
            "SELECT DISTINCT m.menu_id, m.name, c.name FROM menus m "
            "JOIN clients c ON c.client_id = m.client_id AND c.workspace_id = m.workspace_id "
            "JOIN menu_items i ON i.menu_id = m.menu_id "
            "WHERE m.workspace_id = ? AND i.kind = ? AND i.ref_id = ?",
            [self._workspace, kind.value, ref_id],
        ).fetchall()
        names = [(f"{menu} ({client})", menu_id) for menu_id, menu, client in rows]
        return [Usage("menu", name) for name, _ in sorted(names, key=_casefolded)]

    def _load(self, condition: str, params: list) -> list[Menu]:
        rows = self._sql.execute(_MENU_COLUMNS + condition, [self._workspace, *params]).fetchall()
        menus = {row[0]: _menu(row) for row in rows}
        if not menus:
            return []
        # One menu (every builder click) by equality: an IN list and an ORDER BY on the slot's
        # place in the menu cost the engine more than sorting 60 rows here (issue 17).
        ids: object = list(menus)
        which = "IN (SELECT unnest(?::BIGINT[]))"
        if len(menus) == 1:
            ids, which = ids[0], "= ?"
        rows = self._sql.execute(
            "SELECT i.menu_id, i.day, i.slot, i.kind, i.ref_id, i.quantity, i.unit, i.grams, "
            "i.label, i.position, i.locked, i.item_id FROM menu_items i "
            "JOIN menus m ON m.menu_id = i.menu_id "
            "WHERE m.workspace_id = ? AND i.menu_id " + which,
            [self._workspace, ids],
        ).fetchall()
        rows.sort(key=lambda row: _item_order(menus[row[0]], row))
        for menu_id, day, slot, kind, *rest in rows:
            menus[menu_id].items.append(MenuItem(day, slot, ItemKind(kind), *rest))
        return list(menus.values())

    def _check_name(self, menu: Menu, own_id: int | None) -> None:
        client = self._sql.execute(
            "SELECT name FROM clients WHERE workspace_id = ? AND client_id = ?",
            [self._workspace, menu.client_id],
        ).fetchone()
        if client is None:
            raise NotFound(f"There is no client with id {menu.client_id}.")
        taken = self._sql.execute(
            "SELECT count(*) FROM menus WHERE workspace_id = ? AND client_id = ? AND name = ? "
            "AND menu_id IS DISTINCT FROM ?",
            [self._workspace, menu.client_id, menu.name, own_id],
        ).fetchone()[0]
        if taken:
            raise ValidationFailed(f"A menu named '{menu.name}' already exists for {client[0]}.")

    def _refuse_unseen(self, items: Sequence[MenuItem], known: set) -> None:
        """Items already in the stored menu stay allowed (even one whose food has gone)."""
        refs = [(ItemKind(i.kind), i.ref_id) for i in items]
        new = [ref for ref in refs if ref not in known]
        unseen = unseen_foods(
            self._sql, self._workspace, [ref for kind, ref in new if kind == ItemKind.FOOD]
        )
        if unseen:
            raise NotFound(f"There is no food with id {unseen[0]}.")
        recipes = list(dict.fromkeys(ref for kind, ref in new if kind == ItemKind.RECIPE))
        if recipes:
            own = {
                row[0]
                for row in self._sql.execute(
                    "SELECT recipe_id FROM recipes WHERE workspace_id = ? "
                    "AND recipe_id IN (SELECT unnest(?::BIGINT[]))",
                    [self._workspace, recipes],
                ).fetchall()
            }
            missing = [r for r in recipes if r not in own]
            if missing:
                raise NotFound(f"There is no recipe with id {missing[0]}.")

    def _next_id(self) -> int:
        return self._next_ids(1)[0]

    def _next_ids(self, count: int) -> list[int]:
        rows = self._sql.rows(self._sql.dialect.new_ids("user_row_ids"), [count])
        return [row[0] for row in rows]

    def _insert_items(self, menu_id: int, items: Sequence[MenuItem], keep: set) -> None:
        if not items:
            return
        new_ids = iter(self._next_ids(len(items)))
        values = []
        for item in items:
            item_id = item.item_id if item.item_id in keep else next(new_ids)
            keep.discard(item_id)  # an id listed twice is kept once
            values += [
                item_id,
                menu_id,
                item.day,
                item.slot,
                item.position,
                ItemKind(item.kind).value,
                item.ref_id,
                item.quantity,
                item.unit,
                item.grams,
                item.label,
                item.locked,
            ]
        self._sql.execute(
            "INSERT INTO menu_items (item_id, menu_id, day, slot, position, kind, ref_id, "
            "quantity, unit, grams, label, locked) VALUES " + rows_of(12, len(items)),
            values,
        )

    def _delete_items(self, menu_id: int) -> None:
        self._sql.execute(
            "DELETE FROM menu_items WHERE menu_id IN (" + _OWN_MENUS + " AND menu_id = ?)",
            [self._workspace, menu_id],
        )


def _unchanged_items(stored: Sequence[MenuItem], items: Sequence[MenuItem]) -> set[int]:
    """The ids of the stored items that `items` holds exactly as stored."""
    as_stored = {item.item_id: item for item in stored}
    return {item.item_id for item in items if as_stored.get(item.item_id) == item}


def rows_of(columns: int, rows: int) -> str:
    """Placeholders for a multi-row VALUES list: one statement instead of one per row."""
    return ", ".join(["(" + ", ".join("?" * columns) + ")"] * rows)


def _values(menu: Menu) -> list:
    """menus columns from client_id to is_demo."""
    return [
        menu.client_id,
        menu.name,
        menu.start_date,
        menu.days,
        list(menu.slots),
        day_targets_json(menu.day_targets),
        menu.is_demo,
    ]


def _item_order(menu: Menu, row: tuple) -> tuple:
    """Items by day, then meal in the menu's order (a meal it no longer has last), then place."""
    _, day, slot, *_, position, _locked, item_id = row
    place = menu.slots.index(slot) if slot in menu.slots else len(menu.slots)
    return (day, place, position, item_id)


def _menu(row: tuple) -> Menu:
    menu_id, client_id, name, start_date, days, slots, day_targets, is_demo, version = row
    return Menu(
        client_id=client_id,
        name=name,
        start_date=start_date,
        days=days,
        slots=tuple(slots),
        items=[],
        day_targets=day_targets_from_json(day_targets),
        is_demo=is_demo,
        menu_id=menu_id,
        version=version,
    )


def day_targets_json(day_targets: dict[int, Targets]) -> str | None:
    if not day_targets:
        return None
    return json.dumps({str(day): dataclasses.asdict(t) for day, t in day_targets.items()})


def day_targets_from_json(text: str | None) -> dict[int, Targets]:
    if text is None:
        return {}
    return {int(day): Targets(**t) for day, t in json.loads(text).items()}


def _casefolded(pair: tuple[str, int]) -> tuple:
    return pair[0].casefold(), pair[1]
