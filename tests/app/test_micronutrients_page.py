"""The menu builder's micronutrient view on the demo client's week: every line read as the
dietitian reads it, the day picker, coverage, top contributors and where the goals come from."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.shown import as_read


@pytest.fixture
def micros(app: AppTest) -> AppTest:
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Micronutrients"
    app.run()
    assert not app.exception
    return app


def lines(app: AppTest) -> list[str]:
    body = next(m.value for m in app.markdown if "Calcium" in m.value and "RDA" in m.value)
    return [as_read(line.strip()) for line in body.splitlines()]


def captions(app: AppTest) -> list[str]:
    return [as_read(c.value) for c in app.caption]


def test_the_week_average_of_the_demo_week_against_her_dris(micros: AppTest):
    shown = lines(micros)
    assert len(shown) == 23
    assert shown[0] == ":orange[●] Calcium: 905 of 1,000 mg (91 %, RDA): below the goal"
    assert shown[1] == ":orange[●] Iron: 14.3 of 18 mg (80 %, RDA): below the goal"
    assert ":red[●] Vitamin D: at least 2.5 of 15 µg (17 %, RDA): low" in shown
    assert ":green[●] Vitamin B12: 2.71 of 2.4 µg (113 %, RDA): goal met" in shown
    assert "Life stage: Females 31–50 y (US/Canadian Dietary Reference Intakes)." in captions(
        micros
    )
    coverage = next(c for c in captions(micros) if "unknown for" in c)
    assert "Vitamin D unknown for 1 of 57 items, 4 % of the week's energy." in coverage
    assert any(
        c.startswith("Niacin (B3): The RDA is in niacin equivalents") for c in captions(micros)
    )


def test_a_day_shows_its_own_totals_and_which_foods_give_the_most(micros: AppTest):
    # The week's first low nutrient is offered first: vitamin D.
    assert micros.selectbox(key="builder_micros_nutrient").value == "vitamin_d_ug"
    micros.segmented_control(key="builder_micros_day").set_value(0).run()
    shown = lines(micros)
    assert shown[1] == ":orange[●] Iron: 17.5 of 18 mg (97 %, RDA): below the goal"
    assert shown[0] == ":red[●] Calcium: 607 of 1,000 mg (61 %, RDA): low"
    micros.selectbox(key="builder_micros_nutrient").set_value("iron_mg").run()
    top = next(m.value for m in micros.markdown if m.value.startswith("- Lentil soup"))
    assert as_read(top).splitlines()[0] == "- Lentil soup (Mon 30 Nov, Lunch): 6.6 mg, 38 %"


def test_where_the_goals_come_from_is_written_out(micros: AppTest):
    working = next(m.value for m in micros.markdown if m.value.startswith("- **Calcium**"))
    assert as_read(working).splitlines()[13] == (
        "- **Vitamin E**: RDA 15 mg (Females 31–50 y); UL 1,000 mg "
        "(supplements and fortified foods only: not checked)"
    )


def test_the_dashboard_names_each_weeks_low_nutrients(app: AppTest):
    app.run()
    table = app.dataframe[0].value
    marks = dict(zip(table["Client"], table["Micronutrients (week)"], strict=True))
    assert marks == {
        "Maya Jensen (demo)": "Low: Vitamin D",
        "Nora Lind (demo)": "Low: Calcium, Vitamin D, Vitamin B12",
    }


def test_the_clients_page_lists_her_goals_with_where_they_come_from(app: AppTest):
    app.switch_page("pages/clients.py").run()
    assert not app.exception
    assert "Life stage: Females 31–50 y (US/Canadian Dietary Reference Intakes)." in captions(app)
    goals = next(d.value for d in app.dataframe if "Where it comes from" in d.value.columns)
    first = goals.iloc[0].to_dict()
    assert first == {
        "Nutrient": "Calcium (mg)",
        "Goal": "1,000 (RDA)",
        "Upper limit": "2,500 (UL)",
        "Where it comes from": "RDA 1,000 mg (Females 31–50 y); UL 2,500 mg",
    }
    magnesium = goals[goals["Nutrient"] == "Magnesium (mg)"].iloc[0]
    assert magnesium["Upper limit"] == "350 (UL) (not checked)"
