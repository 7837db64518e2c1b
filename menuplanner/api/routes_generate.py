"""Generate days of a menu to the client's targets: 202 with the job's address to poll."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from menuplanner.api.access import api_key
from menuplanner.api.routes_menus import STALE, IfMatch, seen_menu
from menuplanner.planning.settings import GenerateSettings
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import generate as service
from menuplanner.services.menus import MAX_DAYS

router = APIRouter(tags=["generate"])
Key = Annotated[ApiKey, Depends(api_key)]


class GenerateIn(BaseModel):
    days: list[int] | None = Field(
        None, description="0-based days to plan (default: every day).", max_length=MAX_DAYS
    )
    replace: bool = False
    seed: int = Field(0, ge=0, le=1_000_000)
    tolerance_pct: float = Field(5.0, ge=1, le=50)


class GeneratedDay(BaseModel):
    day: int
    date: str
    added: int
    within: bool
    reasons: list[str]


class JobOut(BaseModel):
    job_id: str
    menu_id: int
    state: str
    days: list[GeneratedDay]
    error: str | None


def _out(job) -> JobOut:
    return JobOut(
        job_id=job.job_id,
        menu_id=job.menu_id,
        state=job.state,
        days=[GeneratedDay(**d) for d in list(job.days)],
        error=job.error,
    )


@router.post("/menus/{menu_id}/generate", status_code=202, response_model=JobOut, responses=STALE)
def generate(
    request: Request,
    key: Key,
    menu_id: int,
    body: GenerateIn,
    response: Response,
    if_match: IfMatch = None,
):
    """Start planning the days; poll the Location until the state is done or failed."""
    seen = seen_menu(request, key, menu_id, if_match)
    store = request.app.state.store
    settings = GenerateSettings(
        tolerance_pct=body.tolerance_pct, seed=body.seed, replace=body.replace
    )

    def run():
        with store.session() as session:
            for result in service.generate(
                session.unit_of_work(key.workspace),
                session.planning(key.workspace),
                menu_id,
                body.days,
                settings,
                seen=seen,
            ):
                yield {
                    "day": result.day,
                    "date": result.date.isoformat(),
                    "added": result.added,
                    "within": result.within,
                    "reasons": list(result.reasons),
                }

    job = request.app.state.jobs.start(key.workspace, menu_id, run)
    response.headers["Location"] = f"{request.scope.get('root_path', '')}/api/v1/jobs/{job.job_id}"
    return _out(job)


@router.get("/jobs/{job_id}", response_model=JobOut)
def job_status(request: Request, key: Key, job_id: str):
    return _out(request.app.state.jobs.get(key.workspace, job_id))
