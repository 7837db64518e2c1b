"""Generation follows the workspace's own meal patterns (saved on the Generate page), on the
bundled database: with one snack pattern in use, every snack of the week is that one, and the
meal check of the week against the workspace's patterns passes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from menuplanner.domain.menus import Menu
from menuplanner.planning.meal_check import check_week
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import PracticePattern, bundled_patterns, load_patterns
from menuplanner.planning.suitability import CATEGORIES
from menuplanner.ports import LOCAL_WORKSPACE
from menuplanner.services import generate, meal_check, meal_patterns
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

# A snack pattern a week can fill 14 times (fruit with nut butter cannot: nuts and nut butter
# come in at most four snacks a week, patterns.toml [[weekly]]).
MILK_AND_A_BITE = "A glass of milk with crackers, a bar, nuts or fruit"


def test_with_one_snack_pattern_in_use_every_generated_snack_follows_it(
    database_copy: Path,
) -> None:
    conn = database.connect(database_copy)
    try:
        store = DuckDBPlanningStore(conn.cursor(), LOCAL_WORKSPACE)
        store.set_meal_patterns(
            [
                PracticePattern(
                    p.pattern,
                    p.pattern.meal != MealKind.SNACK or p.pattern.name == MILK_AND_A_BITE,
                )
                for p in bundled_patterns()
            ]
        )
        with (uow := DuckDBUnitOfWork(conn, LOCAL_WORKSPACE)):
            client = next(c for c in uow.clients.list() if c.is_demo)
            menu_id = uow.menus.add(Menu(client.client_id, "Own snacks", dt.date(2026, 1, 5)))
            uow.commit()
        uow = DuckDBUnitOfWork(conn, LOCAL_WORKSPACE)
        results = list(generate.generate(uow, store, menu_id))
        assert [r.within for r in results] == [True] * 7

        meals, findings = meal_check.check_menu(
            DuckDBUnitOfWork(conn, LOCAL_WORKSPACE), store, menu_id
        )
        snacks = [m for m in meals if m.kind == MealKind.SNACK]
        assert len(snacks) == 14 and all(m.items for m in snacks)
        for snack in snacks:  # a glass of milk and something to eat with it, nothing else
            roles = Counter(role for item in snack.items for role in item.roles)
            assert roles["milk"] == 1 and len(snack.items) in (2, 3), [i.label for i in snack.items]
            assert set(roles) - {"milk"} <= {"snack", "fruit"}, [i.label for i in snack.items]
        assert findings == []
        # The bundled patterns would have let other snacks in: the check of the same week
        # against them passes too, but the generated snacks are all of the one kind left.
        assert meal_patterns.meal_plan(store).of(MealKind.SNACK)[0].name == MILK_AND_A_BITE
        assert check_week(meals, load_patterns(), CATEGORIES) == []
    finally:
        conn.close()
