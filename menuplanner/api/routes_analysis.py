"""What a menu adds up to: adherence of each day to the client's targets, the micronutrient
figures against the client's Dietary Reference Intakes, and substitutes for one item (the
same services and numbers as the app's Week view, Micronutrients tab and Swap list)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from menuplanner.api.access import api_key
from menuplanner.api.menu_models import DayVsTarget
from menuplanner.domain.nutrients import KEYS
from menuplanner.nutrition import adherence
from menuplanner.planning.settings import GenerateSettings
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import adequacy as adequacy_service
from menuplanner.services import menus as menu_service
from menuplanner.services import substitutes as substitute_service

router = APIRouter(tags=["analysis"])
Key = Annotated[ApiKey, Depends(api_key)]


class Adherence(BaseModel):
    menu_id: int
    version: int
    days_planned: int
    days_on_target: int  # planned days with every target "ok"
    average_day: dict[str, float]  # the average planned day's nutrients
    targets: dict[str, float]  # the client's usual targets
    days: list[DayVsTarget]


class MicronutrientRow(BaseModel):
    day: int | None  # from 1; none for the week's average
    date: dt.date | None
    nutrient: str
    name: str
    unit: str
    amount: float | None
    goal: float | None
    kind: str | None  # RDA, AI or the dietitian's own
    pct: float | None
    upper: float | None
    upper_kind: str | None
    status: str
    complete: bool
    coverage: str  # "unknown for 2 of 31 items, 24 % of the energy" or ""


class Micronutrients(BaseModel):
    menu_id: int
    life_stage: str
    week: list[MicronutrientRow]
    days: list[MicronutrientRow]


class SubstituteOut(BaseModel):
    kind: str
    ref_id: int
    label: str
    quantity: float
    unit: str
    grams: float | None
    effect: dict[str, float]  # change of the day's totals
    why: str


class Substitutes(BaseModel):
    item_id: int
    day_totals: dict[str, float]
    options: list[SubstituteOut]


def _uow(request: Request, key: ApiKey):
    return request.app.state.store.unit_of_work(key.workspace)


def _finite(value):
    return None if isinstance(value, float) and not math.isfinite(value) else value


@router.get("/menus/{menu_id}/adherence", response_model=Adherence)
def menu_adherence(request: Request, key: Key, menu_id: int):
    report = menu_service.report(_uow(request, key), menu_id)
    average = report.average.row(0, named=True)
    return Adherence(
        menu_id=menu_id,
        version=report.menu.version,
        days_planned=int(average["days_counted"] or 0),
        days_on_target=adherence.worst_status_by_day(report.adherence).count("ok"),
        average_day={k: average[k] for k in KEYS if _finite(average.get(k)) is not None},
        targets=dataclasses.asdict(report.targets),
        days=[
            DayVsTarget(**{f: _finite(row[f]) for f in DayVsTarget.model_fields})
            for row in report.adherence.to_dicts()
        ],
    )


@router.get("/menus/{menu_id}/micronutrients", response_model=Micronutrients)
def menu_micronutrients(request: Request, key: Key, menu_id: int):
    found = adequacy_service.menu_adequacy(_uow(request, key), menu_id)

    def rows(week: bool) -> list[MicronutrientRow]:
        frame = adequacy_service.adequacy_frame(found, week=week)
        return [
            MicronutrientRow(**{k: _finite(v) for k, v in row.items()}) for row in frame.to_dicts()
        ]

    return Micronutrients(
        menu_id=menu_id, life_stage=found.stage_sentence, week=rows(True), days=rows(False)
    )


@router.get("/menus/{menu_id}/items/{item_id}/substitutes", response_model=Substitutes)
def item_substitutes(
    request: Request,
    key: Key,
    menu_id: int,
    item_id: int,
    limit: Annotated[int, Query(ge=1, le=20)] = 6,
):
    with request.app.state.store.session() as session:
        found = substitute_service.substitutes(
            session.unit_of_work(key.workspace),
            session.planning(key.workspace),
            menu_id,
            item_id,
            GenerateSettings(),
            limit=limit,
        )
    return Substitutes(
        item_id=item_id,
        day_totals=found.day_totals,
        options=[
            SubstituteOut(
                kind=str(o.kind),
                ref_id=o.ref_id,
                label=o.label,
                quantity=o.quantity,
                unit=o.unit,
                grams=o.grams,
                effect=o.effect,
                why=o.why,
            )
            for o in found.options
        ],
    )
