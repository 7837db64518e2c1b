"""Exports of a menu (PDF handout, items CSV, shopping list, the menu file) and the import of a
menu file (the same result as `menuplanner import-menu`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from menuplanner.api.access import api_key
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import export
from menuplanner.services.menus import MAX_DAYS

router = APIRouter(tags=["exports"])
Key = Annotated[ApiKey, Depends(api_key)]
Day = Annotated[int | None, Query(ge=0, le=MAX_DAYS - 1)]
MEDIA = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8", "json": "application/json"}


def _file(request: Request, key: ApiKey, menu_id: int, data: bytes, suffix: str) -> Response:
    name = export.menu_file_name(_uow(request, key), menu_id, suffix)
    return Response(
        data,
        media_type=MEDIA[suffix.removeprefix(".").split("-")[0]],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _uow(request: Request, key: ApiKey):
    return request.app.state.store.unit_of_work(key.workspace)


def _binary(media: str) -> dict:
    return {200: {"content": {media: {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/menus/{menu_id}/export.pdf", response_class=Response, responses=_binary(MEDIA["pdf"]))
def menu_pdf(
    request: Request,
    key: Key,
    menu_id: int,
    paper: Literal["A4", "Letter"] = "A4",
    with_numbers: bool = True,
):
    """The client's handout."""
    choice = export.options(paper=paper, with_numbers=with_numbers)
    data = export.menu_pdf(_uow(request, key), menu_id, choice)
    return _file(request, key, menu_id, data, ".pdf")


@router.get("/menus/{menu_id}/export.csv", response_class=Response, responses=_binary(MEDIA["csv"]))
def menu_csv(request: Request, key: Key, menu_id: int):
    """Every item with its nutrients."""
    return _file(request, key, menu_id, export.items_csv(_uow(request, key), menu_id), ".csv")


@router.get("/menus/{menu_id}/menu-file", response_class=Response, responses=_binary(MEDIA["json"]))
def menu_file(request: Request, key: Key, menu_id: int):
    """The menu file another menuplanner imports (menus import)."""
    return _file(request, key, menu_id, export.menu_json(_uow(request, key), menu_id), ".json")


@router.get(
    "/menus/{menu_id}/shopping-list",
    response_class=Response,
    responses={
        200: {
            "content": {
                m: {"schema": {"type": "string", "format": "binary"}}
                for m in (MEDIA["pdf"], MEDIA["csv"])
            }
        }
    },
)
def shopping_list(
    request: Request,
    key: Key,
    menu_id: int,
    format: Literal["pdf", "csv"] = "pdf",  # noqa: A002  (the query parameter's name)
    first_day: Day = 0,
    last_day: Day = None,
):
    uow = _uow(request, key)
    if format == "csv":
        data = export.shopping_csv(uow, menu_id, first_day or 0, last_day)
    else:
        data = export.shopping_pdf(uow, menu_id, first_day or 0, last_day)
    return _file(request, key, menu_id, data, "." + format)


class ImportedMenu(BaseModel):
    menu_id: int
    menu_name: str
    renamed_from: str | None
    client_id: int
    client_name: str
    client_created: bool
    recipes_added: list[str]
    recipes_reused: list[str]
    foods_added: list[str]
    dataset: str | None


@router.post("/menus/import", response_model=ImportedMenu, status_code=201)
async def import_menu_file(request: Request, key: Key, client_id: int | None = None):
    """Add the menu of a menu file (the request body), all or nothing; 422 says what is wrong."""
    data = await request.body()
    with request.app.state.store.session() as session:
        result = export.import_menu(session.exchange(key.workspace), data, client_id)
    return ImportedMenu(**{f: getattr(result, f) for f in ImportedMenu.model_fields})
