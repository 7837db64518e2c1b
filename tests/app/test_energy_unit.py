"""The workspace's energy unit: chosen on the Dashboard, then every page shows kJ (the database
keeps kcal): 717 kcal of salted butter per 100 g shows as 3,000 kJ."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.services import settings
from menuplanner.store.duckdb.sharing import Database
from tests.app.shown import as_read


def choose_kilojoules(app: AppTest) -> None:
    app.run()
    app.radio(key="home_energy_unit").set_value("kJ").run()
    assert not app.exception


def test_the_dashboard_stores_kj_for_the_workspace(app: AppTest, database_copy: Path):
    choose_kilojoules(app)
    assert settings.get_energy_unit(Database(database_copy).unit_of_work()) is EnergyUnit.KJ
    average = app.dataframe[0].value["Average day"].tolist()
    assert average[0].endswith(" of 8,682 kJ")  # Maya's 2,075 kcal × 4.184


def test_butter_shows_3000_kj_per_100_g_on_the_foods_page(app: AppTest):
    choose_kilojoules(app)
    app.switch_page("pages/foods.py").run()
    app.text_input(key="foods_query").input("butter salted").run()
    energy_table = app.dataframe[1].value
    energy_row = energy_table[energy_table["Nutrient"] == "Energy"]
    assert energy_row["Per 100 g"].iloc[0] == "3,000 kJ"  # 717 kcal × 4.184 = 2,999.9


def test_the_menu_builder_shows_the_targets_and_meals_in_kj(app: AppTest):
    choose_kilojoules(app)
    app.switch_page("pages/menu_builder.py")
    app.session_state["builder_tab"] = "Day by day"
    app.run()
    assert "target 8,682 kJ, P 77 g" in as_read(app.caption[0].value)
    energy = next(as_read(m.value) for m in app.markdown if "Energy:" in m.value)
    assert energy.splitlines()[0].strip() == ":green[●] Energy: 8,479 of 8,682 kJ (98 %)"
