"""Clients: list (paging, name filter), create, read, update, delete; targets with the working."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from menuplanner.api.access import api_key
from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import clients as service

router = APIRouter(tags=["clients"])
Key = Annotated[ApiKey, Depends(api_key)]


class ClientIn(BaseModel):
    name: str = Field(max_length=200)
    sex: Sex
    birth_year: int | None = Field(None, ge=1900, le=2100)
    height_cm: float | None = Field(None, gt=0, le=300)
    weight_kg: float | None = Field(None, gt=0, le=700)
    activity: ActivityLevel = ActivityLevel.LIGHT
    goal: Goal = Goal.MAINTAIN
    notes: str = Field("", max_length=2000)


class ClientOut(ClientIn):
    client_id: int


class ClientPage(BaseModel):
    total: int
    items: list[ClientOut]


class TargetsOut(BaseModel):
    targets: dict[str, Any] | None
    working: dict[str, Any] | None
    problem: str | None
    missing: list[str]


def _out(client: Client) -> ClientOut:
    return ClientOut(
        client_id=client.client_id, **{f: getattr(client, f) for f in ClientIn.model_fields}
    )


def _uow(request: Request, key: ApiKey):
    return request.app.state.store.unit_of_work(key.workspace)


@router.get("/clients", response_model=ClientPage)
def list_clients(
    request: Request,
    key: Key,
    name: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    found = service.list_clients(_uow(request, key))
    if name:
        found = [c for c in found if name.casefold() in c.name.casefold()]
    return ClientPage(total=len(found), items=[_out(c) for c in found[offset : offset + limit]])


@router.post("/clients", response_model=ClientOut, status_code=201)
def create_client(request: Request, key: Key, body: ClientIn):
    client_id = service.save_client(_uow(request, key), Client(**body.model_dump()))
    return _out(service.get_client(_uow(request, key), client_id))


@router.get("/clients/{client_id}", response_model=ClientOut)
def read_client(request: Request, key: Key, client_id: int):
    return _out(service.get_client(_uow(request, key), client_id))


@router.put("/clients/{client_id}", response_model=ClientOut)
def update_client(request: Request, key: Key, client_id: int, body: ClientIn):
    stored = service.get_client(_uow(request, key), client_id)
    changed = dataclasses.replace(stored, **body.model_dump())
    service.save_client(_uow(request, key), changed)
    return _out(service.get_client(_uow(request, key), client_id))


@router.delete("/clients/{client_id}", status_code=204)
def delete_client(request: Request, key: Key, client_id: int):
    service.delete_client(_uow(request, key), client_id)
    return Response(status_code=204)


@router.get("/clients/{client_id}/targets", response_model=TargetsOut)
def client_targets(request: Request, key: Key, client_id: int):
    client = service.get_client(_uow(request, key), client_id)
    found = service.targets_for(client, dt.date.today())
    return TargetsOut(
        targets=_plain(found.targets),
        working=_plain(found.working),
        problem=found.problem,
        missing=list(found.missing),
    )


def _plain(value) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        k: v
        for k, v in dataclasses.asdict(value).items()
        if isinstance(v, int | float | str | None)
    }
