"""UnitOfWork contract: one transaction per workspace; nothing persists unless committed."""

from __future__ import annotations

import datetime as dt

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Tag
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.store.memory import MemoryUnitOfWork

BUTTER = 1001


def names(make_uow, workspace: str = "local") -> list[str]:
    with make_uow(workspace) as unit:
        return [c.name for c in unit.clients.list()]


def add_everything(unit) -> None:
    """One row of every kind a workspace owns."""
    client_id = unit.clients.add(Client("Ana", Sex.FEMALE))
    recipe_id = unit.recipes.add(Recipe("Toast", 1.0, [Ingredient(BUTTER, 5, "g", 5)]))
    item = MenuItem(0, "Breakfast", ItemKind.RECIPE, recipe_id, 1.0, "serving")
    unit.menus.add(Menu(client_id, "Week 1", dt.date(2025, 3, 3), items=[item]))
    unit.foods.set_tag_override(BUTTER, frozenset({Tag.MILK}))


def nothing_stored(make_uow) -> bool:
    with make_uow() as unit:
        return not (
            unit.clients.list()
            or unit.recipes.list()
            or unit.menus.list()
            or unit.foods.tag_overrides()
        )


def test_leaving_without_commit_discards_every_change(make_uow):
    with make_uow() as unit:
        add_everything(unit)
        assert [c.name for c in unit.clients.list()] == ["Ana"]  # visible inside the unit
    assert nothing_stored(make_uow)


def test_committed_changes_are_seen_by_the_next_unit_of_work(make_uow):
    with make_uow() as unit:
        add_everything(unit)
        unit.commit()
    with make_uow() as unit:
        assert [c.name for c in unit.clients.list()] == ["Ana"]
        assert [r.name for r in unit.recipes.list()] == ["Toast"]
        assert [m.name for m in unit.menus.list()] == ["Week 1"]
        assert unit.foods.tag_overrides() == {BUTTER: frozenset({Tag.MILK})}


def test_an_exception_inside_the_block_rolls_back_and_is_raised(make_uow):
    with pytest.raises(ZeroDivisionError):
        with make_uow() as unit:
            add_everything(unit)
            raise ZeroDivisionError
    assert nothing_stored(make_uow)


def test_a_refused_change_can_be_rolled_back_and_the_unit_used_again(make_uow):
    with make_uow() as unit:
        unit.clients.add(Client("Ana", Sex.FEMALE))
        with pytest.raises(ValidationFailed):
            unit.clients.add(Client("Ana", Sex.MALE))
        unit.rollback()
        unit.clients.add(Client("Bo", Sex.MALE))
        unit.commit()
    assert names(make_uow) == ["Bo"]


def test_rollback_after_commit_keeps_what_was_committed(make_uow):
    with make_uow() as unit:
        unit.clients.add(Client("Ana", Sex.FEMALE))
        unit.commit()
        unit.rollback()
    assert names(make_uow) == ["Ana"]


def test_work_after_a_commit_is_discarded_unless_committed_again(make_uow):
    with make_uow() as unit:
        unit.clients.add(Client("Ana", Sex.FEMALE))
        unit.commit()
        unit.clients.add(Client("Bo", Sex.MALE))
    assert names(make_uow) == ["Ana"]
    with make_uow() as unit:
        unit.clients.add(Client("Bo", Sex.MALE))
        unit.commit()
        unit.clients.add(Client("Carla", Sex.FEMALE))
        unit.commit()
    assert names(make_uow) == ["Ana", "Bo", "Carla"]


def test_rollback_discards_only_the_work_since_the_last_commit(make_uow):
    with make_uow() as unit:
        unit.clients.add(Client("Ana", Sex.FEMALE))
        unit.commit()
        client_id = unit.clients.add(Client("Bo", Sex.MALE))
        unit.foods.set_tag_override(BUTTER, frozenset({Tag.SOY}))
        unit.rollback()
        assert [c.name for c in unit.clients.list()] == ["Ana"]
        assert unit.foods.tag_overrides() == {}
        with pytest.raises(NotFound, match=f"There is no client with id {client_id}."):
            unit.clients.get(client_id)


def test_a_unit_of_work_does_not_see_another_units_uncommitted_work(make_uow):
    with make_uow() as writer, make_uow() as reader:
        writer.clients.add(Client("Ana", Sex.FEMALE))
        assert reader.clients.list() == []


def test_committing_one_workspace_leaves_the_others_alone(make_uow):
    with make_uow("north") as north:
        north.clients.add(Client("Ana", Sex.FEMALE))
        north.commit()
    with make_uow("south") as south:
        south.clients.add(Client("Bo", Sex.MALE))
        south.commit()
    assert names(make_uow, "north") == ["Ana"]
    assert names(make_uow, "south") == ["Bo"]
    assert names(make_uow) == []


def test_reference_foods_are_shared_by_every_workspace(make_uow):
    for workspace in ("north", "south"):
        with make_uow(workspace) as unit:
            assert unit.foods.get(BUTTER).name == "Butter, salted"


def test_a_unit_of_work_can_be_used_again_after_its_block_ends(make_uow):
    unit = make_uow()
    with unit:
        unit.clients.add(Client("Ana", Sex.FEMALE))
        unit.commit()
    with unit:
        unit.clients.add(Client("Bo", Sex.MALE))
        unit.commit()
    assert names(make_uow) == ["Ana", "Bo"]


def test_a_unit_of_work_cannot_be_entered_while_it_is_open(make_uow):
    with make_uow() as unit:
        with pytest.raises(RuntimeError, match="already open"):
            with unit:
                pass


def test_committing_outside_the_block_is_refused(make_uow):
    with pytest.raises(RuntimeError, match="not open"):
        make_uow().commit()


def test_a_unit_of_work_needs_a_workspace():
    with pytest.raises(ValueError, match="A workspace is required."):
        MemoryUnitOfWork(workspace="")
    with pytest.raises(ValueError, match="A workspace is required."):
        DuckDBUnitOfWork(conn=None, workspace="")
