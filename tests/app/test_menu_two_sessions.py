"""Two dietitians in two browser sessions on the same menu: a change made on a screen that
another session has made stale is refused with a sentence naming the other change, never
saved over it; after the refusal the screen shows the current menu and the change can be made
again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from menuplanner.domain.menus import ItemKind, Menu, day_label
from menuplanner.store.duckdb.database import Database
from tests.app.conftest import APP

BANANA = 9040


def _session() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"  # only the open tab is drawn
    app.run()
    assert not app.exception
    return app


def _stored_menu(path: Path) -> Menu:
    with Database(path).unit_of_work() as uow:
        return next(m for m in uow.menus.list() if m.name == "Demo week")


def _unescaped(text: str) -> str:
    """Text as the page shows it: pages escape markdown with backslashes (pages.ui.text)."""
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture
def two_sessions(database_copy: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, AppTest]:
    monkeypatch.setenv("MENUPLANNER_DB", str(database_copy))
    return _session(), _session()


def test_a_change_on_a_stale_screen_is_refused_naming_the_other_change(two_sessions, database_copy):
    a, b = two_sessions
    before = _stored_menu(database_copy)
    first = next(i for i in before.items if i.day == 0 and i.kind == ItemKind.FOOD)
    amount_key = f"builder_amount_{first.item_id}"
    assert b.number_input(key=amount_key).value == first.quantity  # both show the demo week

    a.text_input(key="builder_add_query").input("bananas raw").run()
    a.selectbox(key="builder_add_food").set_value(BANANA).run()
    a.selectbox(key=f"builder_add_unit_{BANANA}").set_value("g").run()
    a.number_input(key=f"builder_add_amount_{BANANA}_g").set_value(118).run()
    a.button(key="builder_add_food_go").click().run()
    assert not a.exception and not a.warning

    b.number_input(key=amount_key).set_value(first.quantity + 1).run()
    assert not b.exception
    monday = day_label(before, 0)
    assert [_unescaped(w.value) for w in b.warning] == [
        "Someone else changed this menu after you opened it, so your change was not saved. "
        f"Their changes: {monday} · Breakfast: added Bananas, raw (118 g). "
        "The menu now shows the current version; make your change again if it still applies."
    ]
    stored = _stored_menu(database_copy)
    assert stored.version == before.version + 1
    assert [i for i in stored.items if i.item_id == first.item_id] == [first]  # B's old amount
    added = [i for i in stored.items if i.item_id not in {j.item_id for j in before.items}]
    assert [(i.day, i.slot, i.ref_id, i.quantity, i.unit) for i in added] == [
        (0, "Breakfast", BANANA, 118, "g")
    ]
    assert b.number_input(key=amount_key).value == first.quantity  # the input shows the stored
    assert f"builder_amount_{added[0].item_id}" in [n.key for n in b.number_input]

    b.number_input(key=amount_key).set_value(first.quantity + 1).run()  # on the current screen
    assert not b.exception and not b.warning
    after = _stored_menu(database_copy)
    assert after.version == before.version + 2
    assert [i.quantity for i in after.items if i.item_id == first.item_id] == [first.quantity + 1]
    assert BANANA in [i.ref_id for i in after.items if i.day == 0]

    a.run()  # A's screen now shows B's amount, not the value its input held
    assert a.number_input(key=amount_key).value == first.quantity + 1
    assert not a.warning


def test_two_changes_made_before_the_page_redraws_are_both_saved(two_sessions, database_copy):
    """Both callbacks run in one script run holding the same drawn menu: the second is not
    refused for the first's change, which this session made itself."""
    a, _ = two_sessions
    before = _stored_menu(database_copy)
    first, second = [i for i in before.items if i.day == 0 and i.kind == ItemKind.FOOD][:2]
    a.number_input(key=f"builder_amount_{first.item_id}").set_value(first.quantity + 1)
    a.number_input(key=f"builder_amount_{second.item_id}").set_value(second.quantity + 2)
    a.run()
    assert not a.exception and not a.warning
    after = {i.item_id: i.quantity for i in _stored_menu(database_copy).items}
    assert (after[first.item_id], after[second.item_id]) == (
        first.quantity + 1,
        second.quantity + 2,
    )
    assert _stored_menu(database_copy).version == before.version + 2
