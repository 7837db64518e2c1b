"""ClientRepository contract: storing clients of one workspace, and nobody else's."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from menuplanner.domain.clients import ActivityLevel, Client, Condition, Goal, NutrientGoal, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import Targets
from menuplanner.ports import Usage


def ana(**changes) -> Client:
    client = Client(
        name="Ana",
        sex=Sex.FEMALE,
        birth_year=1988,
        height_cm=164.5,
        weight_kg=61.2,
        activity=ActivityLevel.MODERATE,
        goal=Goal.LOSE,
        allergies=frozenset({Allergen.PEANUTS, Allergen.MILK}),
        diets=frozenset({Diet.VEGETARIAN}),
        dislikes=("coriander", "blue cheese"),
        notes="Trains on Tuesdays.\nNo breakfast before 9.",
        protein_g_per_kg=1.6,
        fat_pct=32.5,
        manual_targets=Targets(1850.0, 98.5, 210.0, 66.7, fibre_min_g=28.0, sodium_max_mg=2000.0),
    )
    return dataclasses.replace(client, **changes)


def test_an_added_client_comes_back_with_every_field_and_its_new_id(uow):
    client_id = uow.clients.add(ana())
    assert uow.clients.get(client_id) == ana(client_id=client_id)


def test_a_client_with_only_the_required_fields_comes_back_with_the_defaults(uow):
    client_id = uow.clients.add(Client("Bo", Sex.MALE))
    assert uow.clients.get(client_id) == Client("Bo", Sex.MALE, client_id=client_id)


def test_allergies_and_diets_come_back_as_enums(uow):
    client = uow.clients.get(uow.clients.add(ana()))
    assert all(isinstance(a, Allergen) for a in client.allergies)
    assert all(isinstance(d, Diet) for d in client.diets)
    assert isinstance(client.sex, Sex) and isinstance(client.activity, ActivityLevel)
    assert isinstance(client.dislikes, tuple)


def test_each_client_gets_its_own_id(uow):
    first, second = uow.clients.add(ana()), uow.clients.add(ana(name="Bo"))
    assert first != second


def test_clients_are_listed_by_name_whatever_the_case(uow):
    for name in ("carla", "Ana", "bo"):
        uow.clients.add(ana(name=name))
    assert [c.name for c in uow.clients.list()] == ["Ana", "bo", "carla"]


def test_an_updated_client_is_stored(uow):
    client_id = uow.clients.add(ana())
    changed = ana(
        client_id=client_id,
        name="Ana Lima",
        weight_kg=59.0,
        allergies=frozenset(),
        diets=frozenset({Diet.VEGAN, Diet.GLUTEN_FREE}),
        manual_targets=None,
    )
    uow.clients.update(changed)
    assert uow.clients.get(client_id) == changed


def test_changing_the_callers_copy_does_not_change_the_stored_client(uow):
    client = ana()
    client_id = uow.clients.add(client)
    client.name = "Changed behind the store's back"
    uow.clients.get(client_id).notes = "also changed"
    assert uow.clients.get(client_id) == ana(client_id=client_id)


def test_a_second_client_with_the_same_name_is_refused_with_a_sentence(uow):
    uow.clients.add(ana())
    with pytest.raises(ValidationFailed, match=r"^A client named 'Ana' already exists\.$"):
        uow.clients.add(ana(weight_kg=70.0))
    assert len(uow.clients.list()) == 1


def test_renaming_a_client_to_another_clients_name_is_refused(uow):
    uow.clients.add(ana())
    bo_id = uow.clients.add(ana(name="Bo"))
    with pytest.raises(ValidationFailed, match="A client named 'Ana' already exists."):
        uow.clients.update(ana(name="Ana", client_id=bo_id))
    uow.clients.update(ana(name="Bo", client_id=bo_id, notes="keeps its own name"))
    assert uow.clients.get(bo_id).notes == "keeps its own name"


def test_getting_a_missing_client_says_there_is_none(uow):
    with pytest.raises(NotFound, match=r"^There is no client with id 12\.$"):
        uow.clients.get(12)


def test_updating_or_deleting_a_missing_client_says_there_is_none(uow):
    with pytest.raises(NotFound, match="There is no client with id 12."):
        uow.clients.update(ana(client_id=12))
    with pytest.raises(NotFound, match="There is no client with id 12."):
        uow.clients.delete(12)


def test_a_deleted_client_is_gone(uow):
    client_id = uow.clients.add(ana())
    uow.clients.delete(client_id)
    assert uow.clients.list() == []
    with pytest.raises(NotFound):
        uow.clients.get(client_id)


def test_deleting_a_client_deletes_its_menus_but_no_one_elses(uow):
    ana_id, bo_id = uow.clients.add(ana()), uow.clients.add(ana(name="Bo"))
    item = MenuItem(0, "Lunch", ItemKind.FOOD, 9040, 1, "g", grams=1.0)
    for client_id in (ana_id, bo_id):
        uow.menus.add(Menu(client_id, "Week 1", dt.date(2025, 3, 3), items=[item]))
    uow.clients.delete(ana_id)
    assert [m.client_id for m in uow.menus.list()] == [bo_id]
    assert uow.menus.using_food(9040) == [Usage("menu", "Week 1 (Bo)")]


def test_a_workspace_cannot_see_another_workspaces_clients(make_uow):
    with make_uow("north") as north:
        client_id = north.clients.add(ana())
        north.commit()
    with make_uow("south") as south:
        assert south.clients.list() == []
        with pytest.raises(NotFound, match=rf"^There is no client with id {client_id}\.$"):
            south.clients.get(client_id)


def test_a_workspace_cannot_change_or_delete_another_workspaces_clients(make_uow):
    with make_uow("north") as north:
        client_id = north.clients.add(ana())
        north.commit()
    with make_uow("south") as south:
        with pytest.raises(NotFound, match=f"There is no client with id {client_id}."):
            south.clients.update(ana(client_id=client_id, name="Stolen"))
        with pytest.raises(NotFound, match=f"There is no client with id {client_id}."):
            south.clients.delete(client_id)
        south.commit()
    with make_uow("north") as north:
        assert north.clients.get(client_id) == ana(client_id=client_id)


def test_two_workspaces_may_each_have_a_client_of_the_same_name(make_uow):
    for workspace in ("north", "south"):
        with make_uow(workspace) as unit:
            unit.clients.add(ana())
            unit.commit()
    with make_uow("north") as north:
        assert [c.name for c in north.clients.list()] == ["Ana"]


def test_hostile_text_round_trips_unchanged(uow, hostile_text):
    client = ana(name=hostile_text, notes=hostile_text, dislikes=(hostile_text, "okra"))
    client_id = uow.clients.add(client)
    assert uow.clients.get(client_id) == dataclasses.replace(client, client_id=client_id)
    assert [c.name for c in uow.clients.list()] == [hostile_text]
    with pytest.raises(ValidationFailed, match="already exists"):
        uow.clients.add(client)


def test_pregnancy_and_the_dietitians_micronutrient_goals_come_back(uow):
    goals = (
        NutrientGoal("iron_mg", minimum=25.0, reason="ferritin 12 µg/L"),
        NutrientGoal("vitamin_k_ug", maximum=120.0),
        NutrientGoal("folate_dfe_ug", minimum=600.0, maximum=900.0, reason="<b>twins</b>"),
    )
    client_id = uow.clients.add(ana(condition=Condition.PREGNANT, nutrient_goals=goals))
    stored = uow.clients.get(client_id)
    assert stored.condition is Condition.PREGNANT
    assert stored.nutrient_goals == goals
    uow.clients.update(dataclasses.replace(stored, condition="lactating", nutrient_goals=()))
    changed = uow.clients.get(client_id)
    assert (changed.condition, changed.nutrient_goals) == (Condition.LACTATING, ())
