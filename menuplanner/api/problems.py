"""Every refusal as one RFC 9457 problem document (type, title, status, detail, errors), with
the sentence the app shows; never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from menuplanner.domain.errors import (
    ConcurrentUpdate,
    InUse,
    InvalidAmount,
    MenuplannerError,
    NotFound,
    StaleMenu,
    ValidationFailed,
    VersionConflict,
)
from menuplanner.imports.errors import ImportRefused

PROBLEM_TYPE = "https://menuplanner.invalid/problems/"
log = logging.getLogger(__name__)

_STATUS: list[tuple[type[Exception], int, str]] = [
    (NotFound, 404, "Not found"),
    (StaleMenu, 412, "The menu changed"),
    (VersionConflict, 409, "Conflict"),
    (ConcurrentUpdate, 409, "Conflict"),
    (InUse, 409, "In use"),
    (ValidationFailed, 422, "Invalid input"),
    (ImportRefused, 422, "Import refused"),
    (InvalidAmount, 422, "Invalid input"),
    (MenuplannerError, 400, "Refused"),
]


def problem(status: int, title: str, detail: str, errors: list | None = None, **extra):
    body = {
        "type": PROBLEM_TYPE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _of_domain(request: Request, error: MenuplannerError):
    status, title = next((s, t) for kind, s, t in _STATUS if isinstance(error, kind))
    return problem(status, title, str(error))


def _of_validation(request: Request, error: RequestValidationError):
    errors = [
        {"field": ".".join(str(p) for p in e["loc"]), "detail": e["msg"]} for e in error.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['detail']}" for e in errors)
    return problem(422, "Invalid input", detail, errors)


def _of_http(request: Request, error: HTTPException):
    if error.status_code == 401:
        return _unauthorized(str(error.detail))
    titles = {404: "Not found", 405: "Method not allowed", 413: "Too large", 429: "Too many"}
    return problem(error.status_code, titles.get(error.status_code, "Error"), str(error.detail))


def _unauthorized(detail: str):
    response = problem(401, "Unauthorized", detail)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _of_anything(request: Request, error: Exception):
    log.exception("unexpected error in %s %s", request.method, request.url.path)
    return problem(500, "Internal error", "Something went wrong on the server; nothing was saved.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(MenuplannerError, _of_domain)
    app.add_exception_handler(RequestValidationError, _of_validation)
    app.add_exception_handler(HTTPException, _of_http)
    app.add_exception_handler(Exception, _of_anything)
