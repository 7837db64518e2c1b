"""The menu resources' shapes at the edge (the domain's Menu and the report stay dataclasses
and frames)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from menuplanner.domain.menus import Menu
from menuplanner.domain.nutrients import KEYS
from menuplanner.services.menus import MAX_DAYS, MenuReport


class MenuIn(BaseModel):
    client_id: int
    name: str = Field(max_length=200)
    start_date: dt.date
    days: int = Field(7, ge=1, le=MAX_DAYS)


class MenuSummary(BaseModel):
    menu_id: int
    client_id: int
    name: str
    start_date: dt.date
    days: int
    version: int


class ItemOut(BaseModel):
    item_id: int
    day: int
    slot: str
    kind: str
    ref_id: int
    label: str
    quantity: float
    unit: str
    grams: float | None
    nutrients: dict[str, float]


class DayTotal(BaseModel):
    day: int
    date: dt.date
    items: int
    nutrients: dict[str, float]


class DayVsTarget(BaseModel):
    day: int
    measure: str
    actual: float
    target: float
    diff_pct: float | None
    status: str


class MenuOut(MenuSummary):
    slots: list[str]
    items: list[ItemOut]
    day_totals: list[DayTotal]
    adherence: list[DayVsTarget]


class FoodItemIn(BaseModel):
    day: int = Field(ge=0, le=MAX_DAYS - 1)
    slot: str = Field(max_length=40)
    food_id: int
    quantity: float = Field(gt=0, le=100_000)
    unit: str = Field("g", max_length=100)


class RecipeItemIn(BaseModel):
    day: int = Field(ge=0, le=MAX_DAYS - 1)
    slot: str = Field(max_length=40)
    recipe_id: int
    servings: float = Field(1.0, gt=0, le=100)


class ItemChange(BaseModel):
    quantity: float | None = Field(None, gt=0, le=100_000)
    unit: str | None = Field(None, max_length=100)
    day: int | None = Field(None, ge=0, le=MAX_DAYS - 1)
    slot: str | None = Field(None, max_length=40)


class Placed(BaseModel):
    item_id: int | None
    version: int


def summary(menu: Menu) -> MenuSummary:
    return MenuSummary(
        menu_id=menu.menu_id,
        client_id=menu.client_id,
        name=menu.name,
        start_date=menu.start_date,
        days=menu.days,
        version=menu.version,
    )


def _nutrients(row: dict) -> dict[str, float]:
    return {key: row[key] for key in KEYS if row.get(key) is not None}


def menu_out(report: MenuReport) -> MenuOut:
    menu = report.menu
    items = [
        ItemOut(
            item_id=item.item_id,
            day=item.day,
            slot=item.slot,
            kind=str(item.kind),
            ref_id=item.ref_id,
            label=item.label,
            quantity=item.quantity,
            unit=item.unit,
            grams=row["grams"],
            nutrients=_nutrients(row),
        )
        for item, row in zip(menu.items, report.items.to_dicts(), strict=True)
    ]
    days = [
        DayTotal(
            day=row["day"],
            date=menu.start_date + dt.timedelta(days=row["day"]),
            items=row["n_items"] or 0,
            nutrients=_nutrients(row),
        )
        for row in report.days.to_dicts()
    ]
    compared = [
        DayVsTarget(**{field: row[field] for field in DayVsTarget.model_fields})
        for row in report.adherence.to_dicts()
    ]
    return MenuOut(
        **summary(menu).model_dump(),
        slots=list(menu.slots),
        items=items,
        day_totals=days,
        adherence=compared,
    )
