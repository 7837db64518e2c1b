"""The menu builder driven as a dietitian would: a new menu, three foods on Monday, totals
checked against the domain calculation, an allergen flagged."""

from __future__ import annotations

import re

import duckdb
from streamlit.testing.v1 import AppTest

from tests.app.conftest import new_menu
from tests.app.shown import as_read

BUTTER, EGG, BANANA, PEANUT_BUTTER = 1001, 1123, 9040, 16098
GRANOLA_BAR = 19015  # Snacks, granola bars, hard, plain


def _add_food(app: AppTest, query: str, food_id: int, unit: str, amount: float) -> None:
    app.text_input(key="builder_add_query").input(query).run()
    app.selectbox(key="builder_add_food").set_value(food_id).run()
    app.selectbox(key=f"builder_add_unit_{food_id}").set_value(unit).run()
    app.number_input(key=f"builder_add_amount_{food_id}_{unit}").set_value(amount).run()
    app.button(key="builder_add_food_go").click().run()
    assert not app.exception


def _energy_line(app: AppTest) -> str:
    summary = next(m.value for m in app.markdown if "Energy:" in m.value)
    return summary.splitlines()[0].strip()


def _kcal_per_100g(database: str, food_id: int) -> float:
    with duckdb.connect(database) as conn:  # the app in this process holds it read-write
        return conn.execute(
            "SELECT amount FROM food_nutrients WHERE food_id = ? AND nutrient = 'energy_kcal'",
            [food_id],
        ).fetchone()[0]


def test_three_foods_on_monday_total_what_the_domain_computes(
    builder: AppTest, database_copy
) -> None:
    new_menu(builder, "Test week")
    menu = builder.selectbox(key="builder_menu")
    assert menu.format_func(menu.value) == "Test week"
    assert _energy_line(builder) == ":gray[○] Energy: 0 of 2,075 kcal (0 %)"
    _add_food(builder, "butter salted", BUTTER, "tbsp", 1)
    _add_food(builder, "egg whole raw fresh", EGG, "g", 50)
    _add_food(builder, "bananas raw", BANANA, "g", 118)
    kcal = {food: _kcal_per_100g(str(database_copy), food) for food in (BUTTER, EGG, BANANA)}
    assert kcal == {BUTTER: 717.0, EGG: 143.0, BANANA: 89.0}
    expected = 14.2 * 717 / 100 + 50 * 143 / 100 + 118 * 89 / 100  # 101.814 + 71.5 + 105.02
    assert round(expected) == 278
    assert _energy_line(builder) == ":red[●] Energy: 278 of 2,075 kcal (13 %)"


def test_peanut_butter_is_flagged_for_a_client_allergic_to_peanuts(builder: AppTest) -> None:
    new_menu(builder, "Allergy check")
    _add_food(builder, "peanut butter smooth", PEANUT_BUTTER, "g", 32)
    rows = [m.value for m in builder.markdown if ":red[⚠" in m.value]
    # one line each: the name, its energy, weight and handout name, the warning
    assert [as_read(line) for line in rows[0].split("\n\n")] == [
        "Peanut butter, smooth style, with salt",
        ":small[:gray[188 kcal · 32 g · handout:\u00a0Peanut butter]]",
        ":red[⚠ Contains peanuts — client is allergic to peanuts]",
    ]


def test_a_zero_amount_is_refused_at_the_field_and_nothing_is_added(builder: AppTest) -> None:
    new_menu(builder, "Zero check")
    _add_food(builder, "butter salted", BUTTER, "g", 0)
    assert as_read(builder.error[0].value) == "Amount must be more than 0, got 0."
    assert "Energy: 0 of" in _energy_line(builder)


def test_a_duplicate_menu_name_is_refused_with_a_sentence(builder: AppTest) -> None:
    new_menu(builder, "Demo week")
    assert as_read(builder.error[0].value) == (
        "A menu named 'Demo week' already exists for Maya Jensen (demo)."
    )


def test_only_the_open_tab_is_drawn_and_the_day_worked_on_is_kept(app: AppTest) -> None:
    app.switch_page("pages/menu_builder.py")
    app.run()
    labels = lambda: [b.label for b in app.button]  # noqa: E731
    assert app.session_state["builder_tab"] == "Week"  # where the builder opens
    assert "Generate week" in labels() and "Complete this day" not in labels()
    assert "builder_add_query" not in [t.key for t in app.text_input]

    app.session_state["builder_tab"] = "Day by day"
    app.run()
    app.button_group(key="builder_day").set_value(3).run()  # Thursday, as a click would
    assert "Complete this day" in labels() and "Generate week" not in labels()
    assert "builder_add_query" in [t.key for t in app.text_input]

    app.session_state["builder_tab"] = "Week"  # a look at the week, then back to the day
    app.run()
    app.session_state["builder_tab"] = "Day by day"
    app.run()
    assert not app.exception
    assert app.session_state["builder_day"] == 3


def test_a_granola_bar_is_marked_allergens_unverified_for_a_peanut_allergy(builder) -> None:
    new_menu(builder, "Label check")
    _add_food(builder, "granola bars hard plain", GRANOLA_BAR, "g", 28)
    warnings = [
        line
        for m in builder.markdown
        for line in m.value.split("\n\n")
        if line.startswith(":orange[⚠")
    ]
    assert [as_read(w) for w in warnings] == [
        ":orange[⚠ Allergens unverified: may contain peanuts (breakfast cereal, granola, muesli "
        "or bar); check the label]"
    ]


def test_the_week_shows_all_seven_days_with_amounts_and_short_names(app: AppTest) -> None:
    """Issue 17: at 1,400 px the old grid showed two days, names cut off. The demo week's
    Monday: oatmeal (one serving, so no amount), a cup of orange juice, 493 kcal."""
    app.switch_page("pages/menu_builder.py")
    app.run()
    grid = app.html[0].value
    days = re.findall(r"<th>((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d \w{3})</th>", grid)
    assert [d[:3] for d in days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    monday_breakfast = grid.split('<th class="mp-meal">Breakfast</th>')[1].split("</td>")[0]
    assert (
        '<li title="Orange juice, raw"><span class="mp-qty">1 cup </span>Orange juice</li>'
        in monday_breakfast
    )
    assert '<span class="mp-qty"></span>Oatmeal with blueberries and walnuts' in monday_breakfast
    assert monday_breakfast.endswith('<span class="mp-kcal">493 kcal</span>')
    assert '<tr class="mp-total"><th class="mp-meal">Day total</th><td>2,027 kcal ✓</td>' in grid


def test_an_item_is_moved_then_removed_from_its_move_or_remove_popover(builder: AppTest) -> None:
    new_menu(builder, "Move and remove")
    _add_food(builder, "bananas raw", BANANA, "g", 118)
    amounts = [str(w.key) for w in builder.number_input]
    [item_id] = [int(k.split("_")[2]) for k in amounts if k.startswith("builder_amount_")]
    actions = f"builder_actions_{item_id}"
    assert not [b for b in builder.button if b.key == f"builder_remove_{item_id}"]  # closed
    builder.session_state[actions] = True
    builder.run()
    target = builder.selectbox(key=f"builder_move_{item_id}")
    assert target.value == (0, "Breakfast")
    target.set_value((0, "Dinner")).run()
    builder.button(key=f"builder_move_go_{item_id}").click().run()
    assert not builder.exception and not builder.error
    dinner = next(i for i, m in enumerate(builder.markdown) if m.value.startswith("**Dinner"))
    assert "Bananas, raw" in [m.value for m in builder.markdown[dinner:]][1]
    builder.session_state[actions] = True
    builder.run()
    builder.button(key=f"builder_remove_{item_id}").click().run()
    assert _energy_line(builder) == ":gray[○] Energy: 0 of 2,075 kcal (0 %)"


def test_a_day_is_copied_and_given_its_own_targets_from_panels_drawn_only_while_open(
    builder: AppTest,
) -> None:
    new_menu(builder, "Copy and targets")
    _add_food(builder, "bananas raw", BANANA, "g", 118)
    assert not [s for s in builder.selectbox if s.key == "builder_copy_to"]  # closed
    builder.session_state["builder_copy_open"] = True
    builder.run()
    builder.selectbox(key="builder_copy_to").set_value(2).run()
    builder.button(key="builder_copy_go").click().run()
    assert not builder.exception and not builder.error
    builder.segmented_control(key="builder_day").set_value(2).run()
    assert _energy_line(builder) == ":red[●] Energy: 105 of 2,075 kcal (5 %)"  # 118 g × 89 / 100
    builder.session_state["builder_targets_open"] = True
    builder.run()
    next(n for n in builder.number_input if n.label == "Energy (kcal)").set_value(1800.0)
    submit = next(b for b in builder.button if "Use these targets" in str(b.label))
    submit.click().run()
    assert not builder.exception and not builder.error
    assert _energy_line(builder) == ":red[●] Energy: 105 of 1,800 kcal (6 %)"
