"""Two sessions of one process saving the same menu at the same time, on a real database file.

Every session of the dashboard opens its own connection to one shared DuckDB instance, and each
unit of work is a transaction with a snapshot. What DuckDB 2.0 does when two of them write the
same menu, proved here with two threads:

- updating the same menus row: the later writer gets `TransactionException: TransactionContext
  Error: Conflict on update!`, whether the first has committed or is still open;
- deleting the same item rows (a save deletes a menu's items and inserts them again): "Conflict
  on tuple deletion!";
- inserting new items (ids from the `user_row_ids` sequence): no conflict at all, so two saves
  that only add items would both commit; only the version bump on the menus row that every
  save makes stops the second.

The unit of work turns those refusals into ConcurrentUpdate, the menu services refuse a change
made on a stale menu with StaleMenu, and the app retries a ConcurrentUpdate (pages.ui.saving):
no save is ever lost or silently merged.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import ConcurrentUpdate, StaleMenu, ValidationFailed
from menuplanner.domain.menus import Menu, day_label
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import clients as client_service
from menuplanner.services import generate as generate_service
from menuplanner.services import menus as menu_service
from menuplanner.store.duckdb.database import Database
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from pages.ui.saving import with_retries

BANANA = 9040
ROUNDS = 40  # per thread


@pytest.fixture
def demo(database_copy: Path):
    """The demo week's id, with one connection held so the DuckDB instance stays open."""
    keeper = duckdb.connect(str(database_copy))
    menu_id = keeper.execute("SELECT menu_id FROM menus WHERE name = 'Demo week'").fetchone()[0]
    yield database_copy, menu_id
    keeper.close()


def _second_writer_meets_first(
    path: Path, write: Callable[[duckdb.DuckDBPyConnection], None], first_commits: bool
) -> str:
    """Two threads, each a transaction on its own connection: both read, the first writes (and
    commits, or stays open), then the second writes and commits. What the second got."""
    both_read, first_wrote = threading.Barrier(2), threading.Event()
    outcome: list[str] = []

    def first() -> None:
        with duckdb.connect(str(path)) as conn:
            conn.execute("BEGIN TRANSACTION")
            conn.execute("SELECT count(*) FROM menu_items").fetchall()
            both_read.wait()
            write(conn)
            if first_commits:
                conn.execute("COMMIT")
            first_wrote.set()
            if not first_commits:
                both_read.wait()  # until the second has written
                conn.execute("COMMIT")

    def second() -> None:
        with duckdb.connect(str(path)) as conn:
            conn.execute("BEGIN TRANSACTION")
            conn.execute("SELECT count(*) FROM menu_items").fetchall()
            both_read.wait()
            first_wrote.wait()
            try:
                write(conn)
                conn.execute("COMMIT")
                outcome.append("committed")
            except duckdb.TransactionException as error:
                conn.execute("ROLLBACK")
                outcome.append(str(error))
            if not first_commits:
                both_read.wait()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome[0]


def _bump_version(menu_id: int):
    return lambda conn: conn.execute(
        "UPDATE menus SET version = version + 1 WHERE menu_id = ?", [menu_id]
    )


def _delete_and_reinsert_items(menu_id: int):
    def write(conn: duckdb.DuckDBPyConnection) -> None:
        rows = conn.execute("SELECT * FROM menu_items WHERE menu_id = ?", [menu_id]).fetchall()
        conn.execute("DELETE FROM menu_items WHERE menu_id = ?", [menu_id])
        conn.executemany("INSERT INTO menu_items VALUES (" + ", ".join("?" * 12) + ")", rows)

    return write


def _insert_item(menu_id: int):
    return lambda conn: conn.execute(
        "INSERT INTO menu_items (item_id, menu_id, day, slot, position, kind, ref_id, quantity, "
        "unit, grams, label) VALUES (nextval('user_row_ids'), ?, 0, 'Breakfast', 9, 'food', ?, "
        "1, 'g', 1, 'Bananas, raw')",
        [menu_id, BANANA],
    )


@pytest.mark.parametrize("first_commits", [True, False], ids=["first committed", "first open"])
def test_duckdb_refuses_the_second_update_of_a_menus_row(demo, first_commits):
    path, menu_id = demo
    outcome = _second_writer_meets_first(path, _bump_version(menu_id), first_commits)
    assert outcome == "TransactionContext Error: Conflict on update!"


@pytest.mark.parametrize("first_commits", [True, False], ids=["first committed", "first open"])
def test_duckdb_refuses_the_second_delete_and_reinsert_of_a_menus_items(demo, first_commits):
    path, menu_id = demo
    outcome = _second_writer_meets_first(path, _delete_and_reinsert_items(menu_id), first_commits)
    assert outcome == "TransactionContext Error: Conflict on tuple deletion!"


def test_duckdb_lets_two_transactions_insert_items_with_sequence_ids(demo):
    path, menu_id = demo
    before = (
        duckdb.connect(str(path))
        .execute("SELECT count(*) FROM menu_items WHERE menu_id = ?", [menu_id])
        .fetchone()[0]
    )
    assert (
        _second_writer_meets_first(path, _insert_item(menu_id), first_commits=True) == "committed"
    )
    with duckdb.connect(str(path)) as conn:
        after = conn.execute("SELECT count(*) FROM menu_items WHERE menu_id = ?", [menu_id])
        assert after.fetchone()[0] == before + 2


@pytest.mark.parametrize("first_commits_before_second_inserts", [True, False])
def test_two_sessions_adding_a_client_of_one_name_at_once_get_sentences(
    demo, first_commits_before_second_inserts
):
    """Both check the name in their own snapshot and find it free; DuckDB refuses the second
    insert (or its commit). That is a ConcurrentUpdate, and the action run again gets the
    repository's duplicate-name sentence: never a DuckDB constraint error."""
    path, _ = demo
    conn = duckdb.connect(str(path))
    first, second = DuckDBUnitOfWork(conn), DuckDBUnitOfWork(conn)
    with first:
        first.clients.list()
        with pytest.raises(ConcurrentUpdate), second:
            second.clients.list()  # its snapshot starts here, before the first's insert
            first.clients.add(Client("Ada Twin", Sex.FEMALE))
            if first_commits_before_second_inserts:
                first.commit()
            second.clients.add(Client("Ada Twin", Sex.FEMALE))
            first.commit()
            second.commit()
    with pytest.raises(ValidationFailed, match="^A client named 'Ada Twin' already exists.$"):
        client_service.save_client(DuckDBUnitOfWork(conn), Client("Ada Twin", Sex.FEMALE))
    count = conn.execute("SELECT count(*) FROM clients WHERE name = 'Ada Twin'").fetchone()[0]
    conn.close()
    assert count == 1


# ------------------------------------------------------------------- the services, under load


def _race(path: Path, menu_id: int, with_seen: bool) -> tuple[Counter, list[float]]:
    """Two threads add ROUNDS bananas each to Monday's breakfast, each banana's grams naming
    its thread and round, as two hurried users would: read the menu, wait a moment, save."""
    db = Database(path)
    outcomes: Counter = Counter()
    saved: list[float] = []
    lock = threading.Lock()

    def user(thread: int) -> None:
        pace = random.Random(thread)
        for round_ in range(ROUNDS):
            grams = 1 + thread * 200 + round_
            with db.unit_of_work() as uow:
                seen: Menu = uow.menus.get(menu_id)
            threading.Event().wait(pace.uniform(0, 0.004))
            try:
                with_retries(
                    lambda g=grams, s=seen: menu_service.add_food(
                        db.unit_of_work(),
                        menu_id,
                        0,
                        "Breakfast",
                        BANANA,
                        g,
                        "g",
                        seen=s if with_seen else None,
                    )
                )
            except (StaleMenu, ConcurrentUpdate) as error:
                with lock:
                    outcomes[type(error).__name__] += 1
            else:
                with lock:
                    outcomes["saved"] += 1
                    saved.append(float(grams))

    threads = [threading.Thread(target=user, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes, saved


@pytest.mark.slow
@pytest.mark.parametrize("with_seen", [True, False], ids=["from the screen", "from the CLI"])
def test_concurrent_saves_lose_nothing_and_every_refusal_is_a_sentence(demo, with_seen):
    path, menu_id = demo
    with Database(path).unit_of_work() as uow:
        before = uow.menus.get(menu_id)
    outcomes, saved = _race(path, menu_id, with_seen)
    print(f"\n{'seen' if with_seen else 'no seen'}: {dict(outcomes)}")
    assert sum(outcomes.values()) == 2 * ROUNDS  # any other error would have ended a thread
    with Database(path).unit_of_work() as uow:
        after = uow.menus.get(menu_id)
    old_ids = {i.item_id for i in before.items}
    added = [i.grams for i in after.items if i.item_id not in old_ids]
    assert sorted(added) == sorted(saved)  # each saved banana is there, no refused one is
    assert after.version == before.version + len(saved)
    assert [i for i in after.items if i.item_id in old_ids] == before.items


def test_generating_stops_with_a_sentence_when_someone_changes_the_menu_between_days(demo):
    """Each generated day is committed as it is planned; another session's change in between
    is not planned over: the run stops naming it, and the days already planned stay saved."""
    path, menu_id = demo
    db = Database(path)
    with db.unit_of_work() as uow:
        seen = uow.menus.get(menu_id)
    with duckdb.connect(str(path)) as conn:
        store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
        planned = generate_service.generate(db.unit_of_work(), store, menu_id, [0, 1], seen=seen)
        assert next(planned).day == 0
        menu_service.add_food(db.unit_of_work(), menu_id, 3, "Lunch", BANANA, 118, "g")
        with pytest.raises(
            StaleMenu,
            match=f"Their changes: {day_label(seen, 3)} · Lunch: added "
            r"Bananas, raw \(118 g\)\. The menu",
        ):
            next(planned)
    with db.unit_of_work() as uow:
        assert uow.menus.get(menu_id).version == seen.version + 2  # day 0, then the banana
