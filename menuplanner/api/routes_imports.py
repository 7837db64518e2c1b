"""Imports of a nutrition table (CSV, TSV, XLSX) or a FoodData Central zip: the file is the
request body, checked row by row with the same report as `menuplanner import`; a file with
problems is refused (422, the report's rows as the problem's errors, nothing stored) unless
`skip_invalid` asks for the valid rows only."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from menuplanner.api.access import api_key
from menuplanner.api.problems import problem
from menuplanner.imports import mapping as mappings
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import imports

router = APIRouter(tags=["imports"])
Key = Annotated[ApiKey, Depends(api_key)]
SHOWN_PROBLEMS = 200  # rows of the report in an answer; the count says how many there are


class ReportRow(BaseModel):
    severity: str
    file: str | None
    line: int | None
    column: str | None
    value: str
    problem: str
    outcome: str


class ImportOut(BaseModel):
    dataset: str
    message: str  # the sentence the app and the command line say
    summary: str  # the check's summary
    problems: int
    report: list[ReportRow]  # the first SHOWN_PROBLEMS rows


def _report_rows(report) -> list[ReportRow]:
    return [
        ReportRow(
            severity=row["Severity"],
            file=row["File"],
            line=row["Line"],
            column=row["Column"],
            value=row["Value"],
            problem=row["Problem"],
            outcome=row["What happens"],
        )
        for row in report.table(SHOWN_PROBLEMS).to_dicts()
    ]


def _safe_name(name: str) -> str:
    """The upload's name as a plain file name (its extension says what it is)."""
    base = Path(name.replace("\\", "/")).name
    return re.sub(r"[^\w.\- ]", "_", base)[:120] or "upload"


@router.post(
    "/imports",
    response_model=ImportOut,
    status_code=201,
    responses={422: {"description": "Refused: the problem's `errors` are the report's rows"}},
)
async def import_table(
    request: Request,
    key: Key,
    file_name: Annotated[str, Query(min_length=1, max_length=200)],
    dataset: Annotated[str | None, Query(max_length=200)] = None,
    version: Annotated[str | None, Query(max_length=200)] = None,
    licence: Annotated[str | None, Query(max_length=2000)] = None,
    mapping: Annotated[str | None, Query(max_length=20_000)] = None,
    skip_invalid: bool = False,
    branded_per_serving: bool = False,
):
    """The file is the request body; `mapping` a mapping saved with `menuplanner import
    --write-mapping` (JSON), else the suggested one is used, as the command line does."""
    body = await request.body()
    with tempfile.TemporaryDirectory(prefix="menuplanner-api-import-") as folder:
        path = Path(folder) / _safe_name(file_name)
        path.write_bytes(body)
        prepared = imports.prepare_with_suggestions(
            path,
            mapping=mappings.loads(mapping) if mapping else None,
            dataset_name=dataset,
            version=version,
            licence=licence,
            branded_per_serving=branded_per_serving,
        )
    checked = prepared.report
    rows = _report_rows(checked)
    if checked.errors and not skip_invalid:
        return problem(
            422,
            "Import refused",
            f"{checked.summary()} Nothing was imported: fix the file, or ask for the valid rows "
            "only (skip_invalid=true).",
            [row.model_dump() for row in rows],
        )
    with request.app.state.store.session() as session:
        outcome = imports.commit(
            session.datasets(key.workspace), prepared, skip_invalid=skip_invalid
        )
    answer = ImportOut(
        dataset=outcome.dataset_name,
        message=outcome.message(),
        summary=checked.summary(),
        problems=checked.problems.height,
        report=rows,
    )
    return JSONResponse(answer.model_dump(), status_code=201)
