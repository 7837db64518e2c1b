"""Checks on what people type: names, notes, servings and a client's profile.

Text is kept literally (a name like "<b>Tom</b>" is stored as those characters; whoever renders it
escapes it). We only tidy whitespace and refuse what no keyboard should send: control characters
(NUL, bell, escape...; notes keep their line breaks and tabs), which break exports and terminals,
and lone surrogates, which cannot be stored as UTF-8. They are refused rather than stripped, so
what is stored is always what was typed. Invisible formatting marks that real text uses (right-to-
left marks and overrides, zero-width joiners in emoji) are kept.

Lengths: a name fits on one line of a page, a PDF or a spreadsheet cell (200 characters); free
text (client notes, a recipe's method) holds a long letter or a pasted document (200,000).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from menuplanner.domain.dri import Condition
from menuplanner.domain.errors import InvalidAmount, ValidationFailed
from menuplanner.domain.nutrient_goals import check_goals, client_stage
from menuplanner.domain.profile import (
    FAT_SHARE,
    HEIGHT,
    PROTEIN_PER_KG,
    WEIGHT,
    Sex,
    birth_year_problem,
    fail_if_any,
)
from menuplanner.domain.targets import validate_targets

if TYPE_CHECKING:
    from menuplanner.domain.clients import Client

MAX_SERVINGS = 100
MAX_DISLIKE_LENGTH = 60
MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 200_000


def clean_name(text: str | None, field: str = "Name", max_length: int = MAX_NAME_LENGTH) -> str:
    """`text` stripped, with runs of whitespace made one space; refused when empty, too long or
    holding control characters."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ValidationFailed(f"{field} is empty.")
    _refuse_control_characters(cleaned, field)
    _refuse_too_long(cleaned, field, max_length)
    return cleaned


def clean_notes(text: str | None, max_length: int = MAX_NOTES_LENGTH, field: str = "Notes") -> str:
    """Notes keep their lines and tabs; line endings become "\\n" and the ends are stripped."""
    cleaned = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    _refuse_control_characters(cleaned, field, allowed="\n\t")
    _refuse_too_long(cleaned, field, max_length)
    return cleaned


def _refuse_too_long(text: str, field: str, max_length: int) -> None:
    if len(text) > max_length:
        raise ValidationFailed(
            f"{field} {'are' if field.endswith('s') else 'is'} too long: {len(text):,} "
            f"characters; at most {max_length:,}."
        )


def _refuse_control_characters(text: str, field: str, allowed: str = "") -> None:
    for char in text:
        if char not in allowed and unicodedata.category(char) in ("Cc", "Cs"):
            raise ValidationFailed(
                f"There is an invisible control character (U+{ord(char):04X}) in the "
                f"{field.lower()}; retype the text instead of pasting it."
            )


def check_servings(servings: float) -> float:
    # `not servings > 0` also refuses NaN, which `servings <= 0` would let through.
    if not servings > 0:
        raise InvalidAmount("Servings must be more than 0.")
    if servings > MAX_SERVINGS:
        raise InvalidAmount(f"Servings must be at most {MAX_SERVINGS}; got {servings:g}.")
    return float(servings)


def validate_client(client: Client, today: dt.date | None = None) -> Client:
    """A copy of `client` with its texts cleaned, or one error naming every problem found.

    Height, weight and birth year may be missing (targets can be typed instead) but must be in
    range when given; `today` fixes the year ages are counted in.
    """
    today = today or dt.date.today()
    problems: list[str | None] = []
    name = _collect(problems, clean_name, client.name, "Client name")
    notes = _collect(problems, clean_notes, client.notes)
    dislikes = _collect(problems, _clean_dislikes, client.dislikes)
    if client.birth_year is not None:
        problems.append(birth_year_problem(client.birth_year, today))
    if client.height_cm is not None:
        problems.append(HEIGHT.problem(client.height_cm))
    if client.weight_kg is not None:
        problems.append(WEIGHT.problem(client.weight_kg))
    problems.append(PROTEIN_PER_KG.problem(client.protein_g_per_kg))
    problems.append(FAT_SHARE.problem(client.fat_pct))
    if client.manual_targets is not None:
        _collect(problems, validate_targets, client.manual_targets)
    _collect(problems, check_goals, tuple(client.nutrient_goals))
    condition = Condition(client.condition)
    if condition != Condition.NONE and client.sex != Sex.FEMALE:
        problems.append(f"{condition.label} applies to women only.")
    elif condition != Condition.NONE and client.birth_year is not None:
        _collect(problems, client_stage, client, today)  # pregnancy: up to 50 years
    fail_if_any(problems)
    return dataclasses.replace(client, name=name, notes=notes, dislikes=dislikes)


def _clean_dislikes(dislikes: tuple[str, ...]) -> tuple[str, ...]:
    """Each dislike cleaned; blank ones dropped (a form's empty row), repeats kept once."""
    unique: dict[str, str] = {}
    for dislike in dislikes:
        if dislike.strip():
            cleaned = clean_name(dislike, "Dislike", MAX_DISLIKE_LENGTH)
            unique.setdefault(cleaned.casefold(), cleaned)
    return tuple(unique.values())


def _collect[T](problems: list[str | None], check: Callable[..., T], *args: object) -> T | None:
    """`check(*args)`, or None after noting its error in `problems`."""
    try:
        return check(*args)
    except ValidationFailed as error:
        problems.append(str(error))
        return None
