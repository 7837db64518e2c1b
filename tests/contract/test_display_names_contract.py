"""Handout names a person gave foods (uow.settings.display_names / set_display_name), alike in
every store: kept per workspace in its settings, as typed, committed with the unit of work."""

from __future__ import annotations

import threading
import time

import pytest

from menuplanner.domain.errors import ConcurrentUpdate, ValidationFailed

BANANA = 9040  # Bananas, raw
BUTTER = 1001  # Butter, salted
OATS = 8120  # Cereals, oats, regular and quick, not fortified, dry


def test_a_name_given_is_read_back_for_that_food_only(make_uow):
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA, BUTTER]) == {}
        unit.settings.set_display_name(BANANA, "  Ripe   banana ")
        unit.settings.set_display_name(BUTTER, "Salted butter")
        unit.commit()
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA, BUTTER]) == {
            BANANA: "Ripe banana",
            BUTTER: "Salted butter",
        }
        assert unit.settings.display_names([BUTTER]) == {BUTTER: "Salted butter"}
        assert unit.settings.display_names([]) == {}


def test_a_name_can_be_changed_and_cleared_back_to_the_automatic_one(make_uow):
    with make_uow() as unit:
        unit.settings.set_display_name(BANANA, "Banana")
        unit.settings.set_display_name(BUTTER, "Butter")
        unit.commit()
    with make_uow() as unit:
        unit.settings.set_display_name(BANANA, "Plantain-style banana")
        unit.settings.set_display_name(BUTTER, None)
        unit.commit()
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA, BUTTER]) == {BANANA: "Plantain-style banana"}
        unit.settings.set_display_name(BANANA, None)
        unit.settings.set_display_name(BANANA, None)  # clearing twice is no error
        unit.commit()
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA, BUTTER]) == {}


def test_another_workspace_keeps_the_automatic_names(make_uow):
    with make_uow("north") as north:
        north.settings.set_display_name(BANANA, "North's banana")
        north.commit()
    with make_uow("south") as south:
        assert south.settings.display_names([BANANA]) == {}
        south.settings.set_display_name(BANANA, "South's banana")
        south.commit()
    with make_uow("north") as north:
        assert north.settings.display_names([BANANA]) == {BANANA: "North's banana"}
    with make_uow("south") as south:
        south.settings.set_display_name(BANANA, None)
        south.commit()
    with make_uow("north") as north:
        assert north.settings.display_names([BANANA]) == {BANANA: "North's banana"}


def test_a_name_not_committed_is_not_kept(make_uow):
    with make_uow() as unit:
        unit.settings.set_display_name(BANANA, "Banana")
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA]) == {}


def test_the_energy_unit_and_the_names_are_kept_apart(make_uow):
    from menuplanner.domain.energy_units import EnergyUnit

    with make_uow() as unit:
        unit.settings.set_energy_unit(EnergyUnit.KJ)
        unit.settings.set_display_name(BANANA, "Banana")
        unit.commit()
    with make_uow() as unit:
        assert unit.settings.energy_unit() is EnergyUnit.KJ
        assert unit.settings.display_names([BANANA]) == {BANANA: "Banana"}


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("   ", "Handout name is empty."),
        ("x" * 121, "Handout name is too long: 121 characters; at most 120."),
        (
            "Banana\x1b[31m",
            "There is an invisible control character (U+001B) in the handout name; retype the "
            "text instead of pasting it.",
        ),
    ],
)
def test_a_name_that_cannot_be_kept_is_refused_and_the_old_one_stays(make_uow, typed, sentence):
    with make_uow() as unit:
        unit.settings.set_display_name(BANANA, "Banana")
        unit.commit()
    with make_uow() as unit:
        with pytest.raises(ValidationFailed) as refused:
            unit.settings.set_display_name(BANANA, typed)
        assert str(refused.value) == sentence
        unit.commit()
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA]) == {BANANA: "Banana"}


HOSTILE = [
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE workspace_settings;--",
    '**bold** [link](javascript:alert(1)) "quoted" \\ 50%',
    "Zoë 🥑🍌 \u200fنادية\u200f",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_come_back_as_typed(make_uow, name):
    with make_uow() as unit:
        unit.settings.set_display_name(BANANA, name)
        unit.commit()
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA]) == {BANANA: name}


@pytest.mark.parametrize("make_uows", ["duckdb", "postgres"], indirect=True)  # not the fake
@pytest.mark.parametrize("named_before", [{}, {OATS: "Oats"}], ids=["first names", "more names"])
def test_two_people_naming_two_foods_at_once_both_keep_their_name(make_uow, named_before):
    """B names butter while A's banana is not yet committed. Whoever is refused
    (ConcurrentUpdate: DuckDB's conflict, or the key the other inserted first) saves again, as
    the pages do, and then reads the other's map; PostgreSQL may instead make B wait for A.
    (The memory fake runs one unit of work at a time.)"""
    with make_uow() as unit:
        for food_id, name in named_before.items():  # with a map to lock, or none yet
            unit.settings.set_display_name(food_id, name)
        unit.commit()
    a_has_set, b_has_tried = threading.Event(), threading.Event()

    def save(food_id: int, name: str, hold: bool) -> None:
        for attempt in range(20):
            try:
                with make_uow() as unit:
                    unit.settings.set_display_name(food_id, name)
                    if hold and attempt == 0:
                        a_has_set.set()
                        b_has_tried.wait(timeout=0.5)  # PostgreSQL: B waits, this times out
                    unit.commit()
                return
            except ConcurrentUpdate:
                time.sleep(0.05)
        raise AssertionError(f"{name} was never saved")

    def person_b() -> None:
        a_has_set.wait(timeout=10)
        try:
            save(BUTTER, "Butter", hold=False)
        finally:
            b_has_tried.set()

    threads = [
        threading.Thread(target=save, args=(BANANA, "Banana", True)),
        threading.Thread(target=person_b),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with make_uow() as unit:
        assert unit.settings.display_names([BANANA, BUTTER, OATS]) == {
            **named_before,
            BANANA: "Banana",
            BUTTER: "Butter",
        }
