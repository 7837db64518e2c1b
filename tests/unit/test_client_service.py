"""The clients service over the in-memory fakes: saving checks everything first and commits once,
deleting takes the client's menus along, targets come with their reason when missing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from menuplanner.domain.clients import ActivityLevel, Client, Goal, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import Menu
from menuplanner.domain.targets import Targets
from menuplanner.services import clients as client_service
from menuplanner.store.memory import MemoryDatabase, MemoryUnitOfWork

TODAY = dt.date(2025, 6, 1)


def sam(**changes) -> Client:
    """30 in 2025, 180 cm, 80 kg, sedentary, maintaining weight."""
    fields = dict(
        name="Sam",
        sex=Sex.MALE,
        birth_year=1995,
        height_cm=180.0,
        weight_kg=80.0,
        activity=ActivityLevel.SEDENTARY,
        goal=Goal.MAINTAIN,
    )
    return Client(**(fields | changes))


@pytest.fixture
def db() -> MemoryDatabase:
    return MemoryDatabase()


def uow(db: MemoryDatabase) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(db)


def test_a_saved_client_is_stored_with_its_text_tidied(db):
    client_id = client_service.save_client(uow(db), sam(name="  Sam   Carter "), TODAY)
    stored = client_service.get_client(uow(db), client_id)
    assert stored.name == "Sam Carter"
    assert stored.client_id == client_id


def test_saving_a_stored_client_updates_it(db):
    client_id = client_service.save_client(uow(db), sam(), TODAY)
    client_service.save_client(uow(db), sam(weight_kg=90.0, client_id=client_id), TODAY)
    assert [c.weight_kg for c in client_service.list_clients(uow(db))] == [90.0]


def test_a_refused_client_is_not_committed(db):
    work = uow(db)
    with pytest.raises(ValidationFailed, match="Height must be between 100 and 250 cm"):
        client_service.save_client(work, sam(height_cm=18.0), TODAY)
    assert not work.committed
    assert client_service.list_clients(uow(db)) == []


def test_a_duplicate_name_is_refused_and_the_first_client_kept(db):
    client_service.save_client(uow(db), sam(), TODAY)
    with pytest.raises(ValidationFailed, match="A client named 'Sam' already exists."):
        client_service.save_client(uow(db), sam(weight_kg=95.0), TODAY)
    assert [c.weight_kg for c in client_service.list_clients(uow(db))] == [80.0]


def test_a_client_without_height_is_saved_and_told_what_targets_need(db):
    client_id = client_service.save_client(uow(db), sam(height_cm=None), TODAY)
    found = client_service.targets_for(client_service.get_client(uow(db), client_id), TODAY)
    assert found.targets is None
    assert found.missing == ("height",)
    assert found.problem == "Add height to compute targets from the profile, or type them by hand."


def test_every_missing_measurement_is_named():
    found = client_service.targets_for(sam(birth_year=None, height_cm=None, weight_kg=None), TODAY)
    assert found.problem == (
        "Add age or birth year, height and weight to compute targets from the profile, "
        "or type them by hand."
    )


def test_typed_targets_need_no_measurements():
    typed = Targets(1800, 90, 225, 60)
    found = client_service.targets_for(sam(height_cm=None, manual_targets=typed), TODAY)
    assert (found.targets, found.working, found.problem, found.typed) == (typed, None, None, True)


def test_profile_targets_come_with_their_working():
    found = client_service.targets_for(sam(), TODAY)
    assert found.targets.energy_kcal == 2136  # (10×80 + 6.25×180 − 5×30 + 5) × 1.2
    assert found.working.lines[0].endswith("= 1,780 kcal")
    assert not found.typed


def test_a_profile_whose_protein_and_fat_exceed_its_energy_is_refused(db):
    heavy_eater = sam(
        weight_kg=150.0,
        height_cm=150.0,
        birth_year=1935,
        protein_g_per_kg=3.5,
        fat_pct=50.0,
        goal=Goal.LOSE,
    )
    with pytest.raises(ValidationFailed, match="already exceed the energy target"):
        client_service.save_client(uow(db), heavy_eater, TODAY)


def test_deleting_a_client_deletes_their_menus_in_one_commit(db):
    client_id = client_service.save_client(uow(db), sam(), TODAY)
    other_id = client_service.save_client(uow(db), sam(name="Ana"), TODAY)
    with uow(db) as work:
        work.menus.add(Menu(client_id, "Week 1", TODAY, 7))
        work.menus.add(Menu(client_id, "Week 2", TODAY, 7))
        work.menus.add(Menu(other_id, "Week 1", TODAY, 7))
        work.commit()
    assert client_service.menu_count(uow(db), client_id) == 2

    client_service.delete_client(uow(db), client_id)
    with pytest.raises(NotFound):
        client_service.get_client(uow(db), client_id)
    assert [row.menu_count for row in client_service.overview(uow(db), TODAY)] == [1]


def test_the_overview_lists_age_targets_and_menus_by_name(db):
    client_service.save_client(uow(db), sam(name="Zoe", height_cm=None), TODAY)
    client_service.save_client(uow(db), sam(), TODAY)
    rows = client_service.overview(uow(db), TODAY)
    assert [(r.client.name, r.age, r.menu_count) for r in rows] == [("Sam", 30, 0), ("Zoe", 30, 0)]
    assert [r.targets.targets.energy_kcal if r.targets.targets else None for r in rows] == [
        2136,
        None,
    ]


@pytest.mark.parametrize(
    ("age", "birth_year", "expected"),
    [
        (None, 1990, 1990),
        (30, None, 1995),
        (30, 1995, 1995),
        (None, None, None),
    ],
)
def test_the_age_or_the_birth_year_gives_the_birth_year(age, birth_year, expected):
    assert client_service.birth_year_from(age, birth_year, TODAY) == expected


def test_an_age_and_birth_year_that_disagree_are_refused():
    with pytest.raises(ValidationFailed, match="Age 30 and birth year 1990 disagree"):
        client_service.birth_year_from(30, 1990, TODAY)


def test_an_age_out_of_range_is_refused():
    with pytest.raises(ValidationFailed, match="Age must be between 14 and 110 years; got 5"):
        client_service.birth_year_from(5, None, TODAY)


def test_typed_targets_in_grams_are_checked():
    with pytest.raises(ValidationFailed, match="Energy must be between 800 and 6,000 kcal"):
        client_service.typed_targets(21360, 96, 250, 70, 25, 2300, macros_in_pct=False)


def test_typed_targets_in_percent_become_grams():
    targets = client_service.typed_targets(2000, 20, 50, 30, 25, 2300, macros_in_pct=True)
    assert (targets.protein_g, targets.carbohydrate_g, targets.fat_g) == (100.0, 250.0, 66.7)


def test_typed_percentages_with_absurd_energy_are_refused():
    with pytest.raises(ValidationFailed, match="Energy must be between"):
        client_service.typed_targets(50, 20, 50, 30, 25, 2300, macros_in_pct=True)


def test_a_saved_client_keeps_its_typed_targets(db):
    typed = Targets(1800, 90, 225, 60, 30, 2000)
    client_id = client_service.save_client(
        uow(db), dataclasses.replace(sam(), manual_targets=typed), TODAY
    )
    assert client_service.get_client(uow(db), client_id).manual_targets == typed


def test_the_dietitians_micronutrient_goals_are_saved_checked_and_kept_demo(db):
    from menuplanner.domain.clients import NutrientGoal

    client_id = client_service.save_client(MemoryUnitOfWork(db), sam(), TODAY)
    goals = (NutrientGoal("iron_mg", minimum=25.0, reason="ferritin low"),)
    client_service.save_nutrient_goals(MemoryUnitOfWork(db), client_id, goals, TODAY)
    assert client_service.get_client(MemoryUnitOfWork(db), client_id).nutrient_goals == goals
    with pytest.raises(ValidationFailed, match=r"^Iron: the goal \(30 mg\) is above the limit"):
        client_service.save_nutrient_goals(
            MemoryUnitOfWork(db), client_id, (NutrientGoal("iron_mg", 30.0, 20.0),), TODAY
        )
    assert client_service.get_client(MemoryUnitOfWork(db), client_id).nutrient_goals == goals


def test_pregnancy_is_refused_for_a_man_and_after_fifty(db):
    from menuplanner.domain.dri import Condition

    with pytest.raises(ValidationFailed, match="Pregnant applies to women only."):
        client_service.save_client(
            MemoryUnitOfWork(db), sam(sex=Sex.MALE, condition=Condition.PREGNANT), TODAY
        )
    older = sam(sex=Sex.FEMALE, birth_year=TODAY.year - 55, condition=Condition.LACTATING)
    with pytest.raises(ValidationFailed, match="go up to 50 years; the age given is 55"):
        client_service.save_client(MemoryUnitOfWork(db), older, TODAY)


def test_a_clients_micronutrient_goals_name_the_life_stage_and_their_working(db):
    from menuplanner.domain.dri import Condition

    client = sam(sex=Sex.FEMALE, birth_year=TODAY.year - 28, condition=Condition.PREGNANT)
    sentence, goals = client_service.micronutrient_goals(MemoryUnitOfWork(db), client, TODAY)
    assert sentence == ("Life stage: Pregnancy 19–30 y (US/Canadian Dietary Reference Intakes).")
    iron = next(g for g in goals if g.nutrient == "iron_mg")
    assert iron.working == "RDA 27 mg (Pregnancy 19–30 y); UL 45 mg"
