"""The menu builder shows both names of a food: USDA's as the item's name and, when the client
reads another on their handouts, that one in the grey line under it (issue 16)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import new_menu
from tests.app.shown import as_read
from tests.app.test_menu_builder import BANANA, BUTTER, _add_food


def _item_lines(app: AppTest, name: str) -> list[str]:
    """The item's markdown, line by line, as read."""
    item = next(m.value for m in app.markdown if as_read(m.value).startswith(f"{name}\n\n"))
    return [as_read(line) for line in item.split("\n\n")]


def _name_on_foods_page(app: AppTest, query: str, food_id: int, name: str) -> None:
    app.switch_page("pages/foods.py")
    app.run()
    app.text_input(key="foods_query").input(query).run()
    app.selectbox(key="foods_selected").set_value(food_id).run()
    app.text_input(key=f"foods_handout_{food_id}").input(name)
    app.button(key=f"foods_handout_{food_id}_save").click().run()
    assert not app.exception and not app.error
    app.switch_page("pages/menu_builder.py")
    app.run()
    assert not app.exception


def test_bananas_say_the_name_a_client_reads_and_butter_needs_no_second_name(builder) -> None:
    new_menu(builder, "Names")
    _add_food(builder, "bananas raw", BANANA, "g", 118)
    _add_food(builder, "butter salted", BUTTER, "tbsp", 1)
    assert _item_lines(builder, "Bananas, raw") == [
        "Bananas, raw",
        ":small[:gray[105 kcal · 118 g · handout:\u00a0Banana]]",
    ]
    # "Butter, salted" is what the client reads too: no second name
    assert _item_lines(builder, "Butter, salted") == [
        "Butter, salted",
        ":small[:gray[102 kcal · 14 g]]",
    ]


def test_the_workspaces_name_is_the_handout_name_shown_and_read_literally(builder) -> None:
    new_menu(builder, "Names")
    _add_food(builder, "bananas raw", BANANA, "g", 118)
    _name_on_foods_page(builder, "bananas raw", BANANA, "Ripe banana")
    assert _item_lines(builder, "Bananas, raw")[1] == (
        ":small[:gray[105 kcal · 118 g · handout:\u00a0Ripe banana]]"
    )
    hostile = "**Big** ] :red[x] <b>banana</b>"
    _name_on_foods_page(builder, "bananas raw", BANANA, hostile)
    item = next(m.value for m in builder.markdown if m.value.startswith("Bananas, raw"))
    assert item.split("\n\n")[1] == (
        ":small[:gray[105 kcal · 118 g · handout:\u00a0"
        "\\*\\*Big\\*\\* \\] \\:red\\[x\\] \\<b\\>banana\\</b\\>]]"
    )
