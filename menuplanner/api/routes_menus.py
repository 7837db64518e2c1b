"""Menus: list, create, read with items and day totals against targets, and item changes.
A menu's version is its ETag; a change needs If-Match (428 without), and one made on an older
version answers 412 with what the other person changed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response

from menuplanner.api.access import api_key
from menuplanner.api.menu_models import (
    FoodItemIn,
    ItemChange,
    MenuIn,
    MenuOut,
    MenuSummary,
    Placed,
    RecipeItemIn,
    menu_out,
    summary,
)
from menuplanner.domain.menus import Menu
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import menus as service

router = APIRouter(tags=["menus"])
Key = Annotated[ApiKey, Depends(api_key)]
IfMatch = Annotated[
    str | None, Header(description="The menu's ETag from your last read.", max_length=40)
]
STALE = {412: {"description": "The menu changed since that version (problem JSON)."}}


def _uow(request: Request, key: ApiKey):
    return request.app.state.store.unit_of_work(key.workspace)


def _read(request: Request, key: ApiKey, menu_id: int, response: Response) -> MenuOut:
    report = service.report(_uow(request, key), menu_id)
    request.app.state.menu_versions.remember(key.workspace, report.menu)
    response.headers["ETag"] = f'"{report.menu.version}"'
    return menu_out(report)


def _version(if_match: str | None) -> int | None:
    text = if_match.strip().removeprefix("W/").strip('"') if if_match else ""
    return int(text) if text.isdigit() else None


def seen_menu(request: Request, key: ApiKey, menu_id: int, if_match: str | None) -> Menu:
    """The stored menu, if it is still the version of If-Match (else 412 with the changes)."""
    if if_match is None:
        raise HTTPException(428, "Send If-Match with the menu's ETag from your last read.")
    uow = _uow(request, key)
    with uow:
        current = uow.menus.get(menu_id)
    version = _version(if_match)
    if version != current.version:
        raise request.app.state.menu_versions.refusal(key.workspace, version, current)
    return current


def _changed(request: Request, key: ApiKey, menu_id: int, response: Response) -> Menu:
    uow = _uow(request, key)
    with uow:
        menu = uow.menus.get(menu_id)
    request.app.state.menu_versions.remember(key.workspace, menu)
    response.headers["ETag"] = f'"{menu.version}"'
    return menu


@router.get("/menus", response_model=list[MenuSummary])
def list_menus(request: Request, key: Key, client_id: int | None = None):
    uow = _uow(request, key)
    with uow:
        return [summary(m) for m in uow.menus.list(client_id)]


@router.post("/menus", response_model=MenuSummary, status_code=201)
def create_menu(request: Request, key: Key, body: MenuIn, response: Response):
    menu_id = service.create_menu(
        _uow(request, key), body.client_id, body.name, body.start_date, body.days
    )
    response.headers["Location"] = f"{request.url.path}/{menu_id}"
    uow = _uow(request, key)
    with uow:
        menu = uow.menus.get(menu_id)
    request.app.state.menu_versions.remember(key.workspace, menu)
    response.headers["ETag"] = f'"{menu.version}"'
    return summary(menu)


@router.get("/menus/{menu_id}", response_model=MenuOut)
def read_menu(request: Request, key: Key, menu_id: int, response: Response):
    return _read(request, key, menu_id, response)


@router.delete("/menus/{menu_id}", status_code=204)
def delete_menu(request: Request, key: Key, menu_id: int):
    service.delete_menu(_uow(request, key), menu_id)
    return Response(status_code=204)


@router.post("/menus/{menu_id}/items", response_model=Placed, status_code=201, responses=STALE)
def add_item(
    request: Request,
    key: Key,
    menu_id: int,
    body: FoodItemIn,
    response: Response,
    if_match: IfMatch = None,
):
    seen = seen_menu(request, key, menu_id, if_match)
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
    return _placed(request, key, menu_id, response, placed)


@router.post(
    "/menus/{menu_id}/recipe-items", response_model=Placed, status_code=201, responses=STALE
)
def add_recipe_item(
    request: Request,
    key: Key,
    menu_id: int,
    body: RecipeItemIn,
    response: Response,
    if_match: IfMatch = None,
):
    """Put servings of a recipe of this workspace in a meal."""
    seen = seen_menu(request, key, menu_id, if_match)
    placed = service.add_recipe(
        _uow(request, key), menu_id, body.day, body.slot, body.recipe_id, body.servings, seen
    )
    return _placed(request, key, menu_id, response, placed)


def _placed(request: Request, key: ApiKey, menu_id: int, response: Response, placed) -> Placed:
    menu = _changed(request, key, menu_id, response)
    # The id is given when the menu is saved: the item now at the place it was put.
    stored = next(
        i
        for i in menu.items
        if (i.day, i.slot, i.position) == (placed.day, placed.slot, placed.position)
    )
    return Placed(item_id=stored.item_id, version=menu.version)


@router.patch("/menus/{menu_id}/items/{item_id}", response_model=Placed, responses=STALE)
def change_item(
    request: Request,
    key: Key,
    menu_id: int,
    item_id: int,
    body: ItemChange,
    response: Response,
    if_match: IfMatch = None,
):
    """Change an item's amount (quantity, unit) or move it (day, slot), or both."""
    seen = seen_menu(request, key, menu_id, if_match)
    item = next((i for i in seen.items if i.item_id == item_id), None)
    if item is None:
        raise HTTPException(404, f"Menu {menu_id} has no item {item_id}.")
    if body.quantity is not None or body.unit is not None:
        quantity = body.quantity if body.quantity is not None else item.quantity
        service.change_amount(
            _uow(request, key), menu_id, item_id, quantity, body.unit or item.unit, seen
        )
        seen = seen_menu(request, key, menu_id, f'"{seen.version + 1}"')
    if body.day is not None or body.slot is not None:
        day = item.day if body.day is None else body.day
        service.move(_uow(request, key), menu_id, item_id, day, body.slot or item.slot, seen)
    return Placed(item_id=item_id, version=_changed(request, key, menu_id, response).version)


@router.delete("/menus/{menu_id}/items/{item_id}", response_model=Placed, responses=STALE)
def remove_item(
    request: Request,
    key: Key,
    menu_id: int,
    item_id: int,
    response: Response,
    if_match: IfMatch = None,
):
    seen = seen_menu(request, key, menu_id, if_match)
    service.remove(_uow(request, key), menu_id, item_id, seen)
    return Placed(item_id=item_id, version=_changed(request, key, menu_id, response).version)


@router.post("/menus/{menu_id}/days/{day}/copy", response_model=Placed, responses=STALE)
def copy_day(
    request: Request,
    key: Key,
    menu_id: int,
    day: int,
    to_day: int,
    response: Response,
    if_match: IfMatch = None,
):
    """Copy one day's items onto another day of the menu."""
    seen = seen_menu(request, key, menu_id, if_match)
    service.copy_day(_uow(request, key), menu_id, day, to_day, seen)
    return Placed(item_id=None, version=_changed(request, key, menu_id, response).version)
