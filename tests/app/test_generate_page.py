"""Generation in the app (AppTest): "Complete this day" in the menu builder, the Generate page's
week, and swapping an item for a substitute."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import new_menu

LINE = re.compile(r"(Energy|Protein|Carbohydrate|Fat): [\d,]+ of [\d,]+ \w+ \((\d+) %\)")


def _day_shares(app: AppTest) -> dict[str, int]:
    text = next(m.value for m in app.markdown if "Energy:" in m.value)
    return {name: int(pct) for name, pct in LINE.findall(text)}


def test_complete_this_day_fills_an_empty_day_to_within_five_percent(builder: AppTest) -> None:
    new_menu(builder, "Generated week")
    assert _day_shares(builder)["Energy"] == 0
    builder.button(key="gen_complete_day").click().run()
    assert not builder.exception
    shares = _day_shares(builder)
    assert set(shares) == {"Energy", "Protein", "Carbohydrate", "Fat"}
    assert all(95 <= pct <= 105 for pct in shares.values()), shares
    assert any("within tolerance" in s.value for s in builder.success)
    items = [m.value for m in builder.markdown if m.value.startswith("**") and "kcal" in m.value]
    assert len(items) == 5  # five meals, each with its energy


def test_complete_this_day_leaves_a_full_day_alone_and_says_so(builder: AppTest) -> None:
    builder.button(key="gen_complete_day").click().run()  # the demo week's Monday is planned
    assert not builder.exception
    assert any("every meal already has items" in s.value for s in builder.success)


def test_the_generate_page_fills_a_week_and_shows_each_day_within_tolerance(app: AppTest) -> None:
    app.switch_page("pages/menu_builder.py")
    app.run()
    new_menu(app, "Week to generate")
    app.switch_page("pages/generate.py")
    app.run()
    assert not app.exception
    menu = app.selectbox(key="gen_menu")
    assert menu.format_func(menu.value) == "Week to generate"  # the newest menu comes first
    app.button(key="gen_go").click().run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert len(table) == 7
    for column in ("Energy", "Protein", "Carbohydrate", "Fat"):
        assert all(cell.endswith("✓") for cell in table[column]), table[column]


def test_an_item_can_be_swapped_for_a_suggested_substitute(app: AppTest) -> None:
    app.switch_page("pages/generate.py")
    app.run()
    assert not app.exception
    app.button(
        key="gen_page_swap_suggest_" + str(app.selectbox(key="gen_swap_item").value)
    ).click().run()
    assert not app.exception
    uses = [b for b in app.button if b.key and b.key.startswith("gen_page_swap_use_")]
    assert uses, [m.value for m in app.caption]
    uses[0].click().run()
    assert not app.exception
    assert any(s.value.startswith("Swapped in ") for s in app.success)


def test_a_food_rule_and_a_price_are_saved_from_the_generate_page(app: AppTest) -> None:
    app.switch_page("pages/generate.py")
    app.run()
    app.text_input(key="gen_rules_query").input("bananas raw").run()
    assert not app.exception
    assert any("Fruit, for breakfast, snack, 80–250 g" in c.value for c in app.caption), [
        c.value for c in app.caption
    ]
    app.multiselect[-1].set_value(["Snack"])
    app.number_input[-1].set_value(2.5)
    next(b for b in app.button if b.label == "Save rule and price").click().run()
    assert not app.exception
    assert any(s.value.startswith("Saved for Bananas, raw") for s in app.success), app.success
    rules = app.dataframe[-1].value
    assert list(rules["Name"]) == ["Bananas, raw"] and list(rules["Price per kg"]) == [2.5]
