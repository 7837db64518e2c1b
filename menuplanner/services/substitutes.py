"""Substitutes for an item of a menu (the Swap list) and swapping it, as use cases: the
candidates come from the client's pool, ranked by how close they keep the day to its targets
(menuplanner.planning.substitutes)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import numpy as np

from menuplanner.domain import menus as menu_rules
from menuplanner.domain import units
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.targets import Targets, client_targets
from menuplanner.nutrition import adherence
from menuplanner.planning.meals import meal_kind
from menuplanner.planning.settings import GenerateSettings
from menuplanner.planning.store import PLANNED, PlanningStore
from menuplanner.planning.substitutes import Substitute
from menuplanner.planning.substitutes import rank as rank_substitutes
from menuplanner.ports import UnitOfWork
from menuplanner.services.generate import kept_items, load_context
from menuplanner.services.menus import current_menu


@dataclass(frozen=True)
class SubstituteList:
    item: MenuItem
    targets: Targets  # the day's
    day_totals: dict[str, float]  # the day as it is (PLANNED keys)
    options: list[Substitute]


def substitutes(
    uow: UnitOfWork,
    store: PlanningStore,
    menu_id: int,
    item_id: int,
    settings: GenerateSettings | None = None,
    limit: int = 6,
    today: dt.date | None = None,
) -> SubstituteList:
    """Ranked alternatives for one item (see planning.substitutes)."""
    settings = settings or GenerateSettings()
    with uow:
        menu = uow.menus.get(menu_id)
        item = menu_rules.find_item(menu, item_id)
        client = uow.clients.get(menu.client_id)
        context = load_context(uow, store, client, settings)
        day_items = [i for i in menu.items if i.day == item.day]
        kept = kept_items(uow, context, menu, day_items)
    targets = adherence.targets_by_day(menu, client_targets(client, today or dt.date.today())[0])
    mine = kept[day_items.index(item)]
    totals_now = sum((k.nutrients for k in kept), np.zeros(6))
    on_day = {
        index for k in kept if (index := context.pool.index.get((k.kind, k.ref_id))) is not None
    }
    week = item.day // 7
    uses = Counter(
        (ItemKind(i.kind), i.ref_id)
        for i in menu.items
        if i.day // 7 == week and i.item_id != item.item_id
    )
    spent = {
        index
        for key, n in uses.items()
        if n >= settings.repeat_limit and (index := context.pool.index.get(key)) is not None
    }
    families = {k.family for k in kept if k is not mine and k.family} - {mine.family}
    options = rank_substitutes(
        context.pool,
        mine.nutrients,
        mine.category,
        meal_kind(item.slot),
        totals_now,
        targets[item.day],
        on_day | spent,
        families,
        limit,
        mine.roles,
    )
    return SubstituteList(
        item, targets[item.day], dict(zip(PLANNED, totals_now.tolist(), strict=True)), options
    )


def swap(
    uow: UnitOfWork, menu_id: int, item_id: int, substitute: Substitute, seen: Menu | None = None
) -> MenuItem:
    """Put `substitute` in the item's place (same day, meal and position; lock kept). A food
    always takes a unit of its own: a unit it has no measure for (the old food's "cup (not
    packed)" on bread) becomes the same grams in its closest household measure, or grams."""
    quantity, unit, grams = substitute.quantity, substitute.unit, substitute.grams
    with uow:
        menu = current_menu(uow, menu_id, seen)
        if substitute.kind == ItemKind.FOOD:
            portions = uow.foods.get(substitute.ref_id).portions  # NotFound when it has gone
            if unit not in units.unit_choices(portions):
                quantity, unit = units.closest_measure(grams or 0.0, portions)
            grams = units.to_grams(quantity, unit, portions)
        else:
            uow.recipes.get(substitute.ref_id)
        swapped = menu_rules.update_item(
            menu,
            item_id,
            kind=substitute.kind,
            ref_id=substitute.ref_id,
            quantity=quantity,
            unit=unit,
            grams=grams,
            label=substitute.label,
        )
        uow.menus.update(menu)
        uow.commit()
    return swapped
