"""Menus: list, create, read with items and day totals against targets, and item changes.
The menu's version is its ETag; a change needs If-Match, and a stale one answers 412."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from pydantic import BaseModel, Field

from menuplanner.api.access import api_key
from menuplanner.api.problems import problem
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import menus as service

router = APIRouter(tags=["menus"])
Key = Annotated[ApiKey, Depends(api_key)]
IfMatch = Annotated[str | None, Header()]


class MenuIn(BaseModel):
    client_id: int
    name: str = Field(max_length=200)
    start_date: dt.date
    days: int = Field(7, ge=1, le=31)


class MenuSummary(BaseModel):
    menu_id: int
    client_id: int
    name: str
    start_date: dt.date
    days: int
    version: int


class MenuOut(MenuSummary):
    slots: list[str]
    items: list[dict[str, Any]]
    day_totals: list[dict[str, Any]]
    adherence: list[dict[str, Any]]


class FoodItemIn(BaseModel):
    day: int = Field(ge=0, le=30)
    slot: str = Field(max_length=40)
    food_id: int
    quantity: float = Field(gt=0, le=100_000)
    unit: str = Field("g", max_length=100)


class ItemChange(BaseModel):
    quantity: float | None = Field(None, gt=0, le=100_000)
    unit: str | None = Field(None, max_length=100)
    day: int | None = Field(None, ge=0, le=30)
    slot: str | None = Field(None, max_length=40)


def _uow(request: Request, key: ApiKey):
    return request.app.state.store.unit_of_work(key.workspace)


def _summary(menu) -> MenuSummary:
    return MenuSummary(
        menu_id=menu.menu_id,
        client_id=menu.client_id,
        name=menu.name,
        start_date=menu.start_date,
        days=menu.days,
        version=menu.version,
    )


def _rows(frame) -> list[dict[str, Any]]:
    return [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()}
        for r in frame.to_dicts()
    ]


@router.get("/menus", response_model=list[MenuSummary])
def list_menus(request: Request, key: Key, client_id: int | None = None):
    uow = _uow(request, key)
    with uow:
        return [_summary(m) for m in uow.menus.list(client_id)]


@router.post("/menus", response_model=MenuSummary, status_code=201)
def create_menu(request: Request, key: Key, body: MenuIn, response: Response):
    menu_id = service.create_menu(
        _uow(request, key), body.client_id, body.name, body.start_date, body.days
    )
    return read_menu(request, key, menu_id, response)


@router.get("/menus/{menu_id}", response_model=MenuOut)
def read_menu(request: Request, key: Key, menu_id: int, response: Response):
    report = service.report(_uow(request, key), menu_id)
    menu = report.menu
    response.headers["ETag"] = f'"{menu.version}"'
    return MenuOut(
        **_summary(menu).model_dump(),
        slots=list(menu.slots),
        items=_rows(report.items),
        day_totals=_rows(report.days),
        adherence=_rows(report.adherence),
    )


def _seen(request: Request, key: ApiKey, menu_id: int, if_match: str | None):
    """The menu as the caller saw it, from If-Match; 428 without one, 412 when stale."""
    if if_match is None:
        raise HTTPException(428, "Send If-Match with the menu's ETag from your last read.")
    uow = _uow(request, key)
    with uow:
        current = uow.menus.get(menu_id)
    if if_match.strip().strip('"') != str(current.version):
        return current, False
    return current, True


def _stale(current) -> Response:
    return problem(
        412,
        "The menu changed",
        "Someone else changed this menu after you read it, so your change was not saved. "
        f"It is now at version {current.version}; read it again and make your change again if it "
        "still applies.",
        version=current.version,
    )


@router.post("/menus/{menu_id}/items", status_code=201)
def add_item(request: Request, key: Key, menu_id: int, body: FoodItemIn, if_match: IfMatch = None):
    seen, fresh = _seen(request, key, menu_id, if_match)
    if not fresh:
        return _stale(seen)
    placed = service.add_food(
        _uow(request, key),
        menu_id,
        body.day,
        body.slot,
        body.food_id,
        body.quantity,
        body.unit,
        seen,
    )
    return {"item_id": placed.item_id, "version": seen.version + 1}


@router.patch("/menus/{menu_id}/items/{item_id}")
def change_item(
    request: Request,
    key: Key,
    menu_id: int,
    item_id: int,
    body: ItemChange,
    if_match: IfMatch = None,
):
    seen, fresh = _seen(request, key, menu_id, if_match)
    if not fresh:
        return _stale(seen)
    uow = _uow(request, key)
    if body.quantity is not None:
        item = next((i for i in seen.items if i.item_id == item_id), None)
        unit = body.unit or (item.unit if item else "g")
        service.change_amount(uow, menu_id, item_id, body.quantity, unit, seen)
    elif body.day is not None or body.slot is not None:
        item = next((i for i in seen.items if i.item_id == item_id), None)
        day = body.day if body.day is not None else (item.day if item else 0)
        slot = body.slot or (item.slot if item else seen.slots[0])
        service.move(uow, menu_id, item_id, day, slot, seen)
    return {"version": seen.version + 1}


@router.delete("/menus/{menu_id}/items/{item_id}")
def remove_item(request: Request, key: Key, menu_id: int, item_id: int, if_match: IfMatch = None):
    seen, fresh = _seen(request, key, menu_id, if_match)
    if not fresh:
        return _stale(seen)
    service.remove(_uow(request, key), menu_id, item_id, seen)
    return {"version": seen.version + 1}
