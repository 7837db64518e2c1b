"""What people type, checked: names and notes are tidied once and for all (cleaning twice changes
nothing) or refused in a sentence; servings and whole client profiles likewise."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import InvalidAmount, ValidationFailed
from menuplanner.domain.targets import Targets
from menuplanner.domain.validation import (
    MAX_SERVINGS,
    check_servings,
    clean_name,
    clean_notes,
    validate_client,
)

TODAY = dt.date(2026, 11, 27)
any_float = st.floats(allow_nan=True, allow_infinity=True)


def _has_control(text: str, allowed: str = "") -> bool:
    return any(c not in allowed and unicodedata.category(c) in ("Cc", "Cs") for c in text)


@given(text=st.one_of(st.none(), st.text(max_size=150)))
@example(text="  <b>Tom</b>\u00a0\u2028 ")
@example(text="\x00")
@example(text="\ud800")
def test_a_name_is_tidied_once_and_for_all_or_refused_in_a_sentence(text):
    try:
        name = clean_name(text)
    except ValidationFailed as error:
        assert str(error).endswith(".")
        return
    assert name == " ".join(name.split()) and 0 < len(name) <= 120
    assert not _has_control(name)
    assert clean_name(name) == name
    assert name.split() == (text or "").split()  # the words themselves are kept literally


@given(text=st.one_of(st.none(), st.text(max_size=300)))
@example(text="line 1\r\nline 2\rline 3\n\ttabbed  ")
def test_notes_keep_their_lines_or_are_refused_in_a_sentence(text):
    try:
        notes = clean_notes(text)
    except ValidationFailed as error:
        assert str(error).endswith(".")
        return
    assert "\r" not in notes and notes == notes.strip()
    assert not _has_control(notes, allowed="\n\t")
    assert clean_notes(notes) == notes


@given(servings=any_float)
@example(servings=float("nan"))
@example(servings=-0.0)
def test_servings_are_between_0_and_100_or_refused_in_a_sentence(servings):
    try:
        checked = check_servings(servings)
    except InvalidAmount as error:
        assert str(error).endswith(".")
        assert not 0 < servings <= MAX_SERVINGS
        return
    assert checked == servings and 0 < checked <= MAX_SERVINGS


@given(
    name=st.text(max_size=30),
    birth_year=st.one_of(st.none(), st.integers(-(10**6), 10**6)),
    height=st.one_of(st.none(), any_float),
    weight=st.one_of(st.none(), any_float),
    protein=any_float,
    fat=any_float,
    dislikes=st.lists(st.text(max_size=70), max_size=4),
    targets=st.one_of(st.none(), st.tuples(*(any_float for _ in range(6)))),
)
def test_a_client_profile_is_kept_tidied_or_refused_naming_its_problems(
    name, birth_year, height, weight, protein, fat, dislikes, targets
):
    client = Client(
        name,
        Sex.FEMALE,
        birth_year,
        height,
        weight,
        dislikes=tuple(dislikes),
        protein_g_per_kg=protein,
        fat_pct=fat,
        manual_targets=Targets(*targets) if targets else None,
    )
    try:
        checked = validate_client(client, TODAY)
    except ValidationFailed as error:
        assert str(error).endswith(".")
        return
    assert checked.name == clean_name(name)
    for value in (height, weight, protein, fat, *(targets or ())):
        assert value is None or math.isfinite(value)
    assert validate_client(checked, TODAY) == checked
