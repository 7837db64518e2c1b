"""A workspace's own meal patterns (PlanningStore.meal_patterns): none until saved, then exactly
what was saved, in order and with what is not in use; another workspace keeps its own; back to
the bundled file's when removed. One suite: memory fake, DuckDB, PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import PracticePattern, bundled_patterns, parse_pattern
from menuplanner.planning.store import PlanningStore
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.memory import MemoryDatabase
from menuplanner.store.memory.store import MemorySession
from tests.contract.conftest import ADAPTERS, postgres_store

MakeStore = Callable[..., PlanningStore]
OTHER = "other-practice"


@pytest.fixture(params=ADAPTERS)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeStore]:
    if request.param == "postgres":
        with postgres_store(request) as store, store.session() as session:
            yield lambda workspace=LOCAL_WORKSPACE: session.planning(workspace)
        return
    if request.param == "memory":
        session = MemorySession(MemoryDatabase(request.getfixturevalue("memory_foods")))
        yield lambda workspace=LOCAL_WORKSPACE: session.planning(workspace)
        return
    path = tmp_path / "menuplanner.duckdb"
    shutil.copyfile(request.getfixturevalue("contract_database"), path)
    conn = database.connect(path)
    try:
        yield lambda workspace=LOCAL_WORKSPACE: DuckDBPlanningStore(conn.cursor(), workspace)
    finally:
        conn.close()
        path.unlink()
        path.with_name(path.name + ".wal").unlink(missing_ok=True)


def _mine() -> tuple[PracticePattern, ...]:
    """The bundled patterns with one snack of the practice's own (a name to keep as typed) and
    the fruit-with-nut-butter snack set aside."""
    own = parse_pattern(MealKind.SNACK, "Zoë's 🥑 toast; <b>'quoted'</b>", "starch, fat", 1)
    kept = [
        PracticePattern(p.pattern, p.pattern.name != "Fruit with nut butter")
        for p in bundled_patterns()
    ]
    return (*kept, PracticePattern(own))


def test_a_workspace_has_no_patterns_of_its_own_until_it_saves_them(make_store) -> None:
    assert make_store().meal_patterns() is None
    make_store().set_meal_patterns(_mine())
    assert make_store().meal_patterns() == _mine()


def test_saving_again_replaces_them_and_none_goes_back_to_the_file(make_store) -> None:
    store = make_store()
    store.set_meal_patterns(_mine())
    fewer = _mine()[-4:]  # the main-meal soup, the snacks
    fewer = (PracticePattern(bundled_patterns()[0].pattern), *_mine()[6:7], *fewer)
    store.set_meal_patterns(fewer)
    assert make_store().meal_patterns() == fewer
    store.set_meal_patterns(None)
    assert make_store().meal_patterns() is None
    store.set_meal_patterns(None)  # nothing to remove: no error
    assert make_store().meal_patterns() is None


def test_another_workspace_keeps_its_own_patterns(make_store) -> None:
    make_store().set_meal_patterns(_mine())
    assert make_store(OTHER).meal_patterns() is None
    theirs = bundled_patterns()[:-1]
    make_store(OTHER).set_meal_patterns(theirs)
    make_store().set_meal_patterns(None)
    assert make_store(OTHER).meal_patterns() == theirs
    assert make_store().meal_patterns() is None


def test_patterns_leaving_a_meal_without_one_in_use_are_refused_and_nothing_changes(
    make_store,
) -> None:
    make_store().set_meal_patterns(_mine())
    no_snack = tuple(PracticePattern(p.pattern, p.pattern.meal != MealKind.SNACK) for p in _mine())
    with pytest.raises(ValidationFailed) as refused:
        make_store().set_meal_patterns(no_snack)
    assert str(refused.value) == (
        "Every kind of meal needs at least one pattern in use: snack has none."
    )
    assert make_store().meal_patterns() == _mine()
