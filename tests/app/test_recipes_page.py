from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from menuplanner.domain.formatting import format_number
from menuplanner.domain.units import find_portion
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.foods import DuckDBFoodCatalog

BREAD = 18069  # Bread, white, commercially prepared
BUTTER = 1001  # Butter, salted: 1 tbsp = 14.2 g, 717 kcal per 100 g


@pytest.fixture
def recipes_page(app: AppTest) -> AppTest:
    app.switch_page("pages/recipes.py")
    app.run()
    assert not app.exception
    return app


@pytest.fixture
def catalog(database_copy: Path) -> DuckDBFoodCatalog:
    """The foods the app reads (a second connection to the app's file, in the same process)."""
    return DuckDBFoodCatalog(database.connect(database_copy).cursor(), "local")


def unescaped(text: str) -> str:
    return text.replace("\\", "")


def editor(page: AppTest) -> str:
    """The key prefix of the recipe editor's widgets (it changes when a recipe is loaded)."""
    return next(t.key for t in page.text_input if t.key.endswith("_name")).removesuffix("_name")


def add(page: AppTest, query: str, food_id: int, unit: str, amount: float) -> AppTest:
    page.text_input(key="recipes_add_query").input(query).run()
    page.selectbox(key="recipes_add_food").set_value(food_id).run()
    page.selectbox(key=f"recipes_add_unit_{food_id}").set_value(unit).run()
    page.number_input(key=f"recipes_add_amount_{food_id}_{unit}").set_value(amount)
    page.button(key="recipes_add_button").click().run()
    assert not page.exception
    return page


def butter_toast(page: AppTest, servings: float = 2.0) -> AppTest:
    page.text_input(key=f"{editor(page)}_name").input("Butter toast")
    page.number_input(key=f"{editor(page)}_servings").set_value(servings)
    add(page, "bread white commercially", BREAD, "slice", 2.0)
    return add(page, "butter salted", BUTTER, "tbsp", 1.0)


def energy(page: AppTest) -> str:
    """The energy metric: per serving, or of the whole recipe when the servings are refused."""
    [value] = [m.value for m in page.metric if m.label == "Energy"]
    return value


def whole_recipe(page: AppTest) -> str:
    """The line summing up the whole recipe, under the per-serving metrics."""
    [line] = [unescaped(m.value) for m in page.markdown if m.value.startswith("**Whole recipe**")]
    return line


def row_amounts(page: AppTest) -> list:
    return [n for n in page.number_input if n.key.startswith(f"{editor(page)}_amount_")]


def expected_toast_kcal(catalog: DuckDBFoodCatalog) -> float:
    kcal = dict(
        catalog.nutrients_per_100g([BREAD, BUTTER]).select("food_id", "energy_kcal").iter_rows()
    )
    bread_grams = 2 * find_portion("slice", catalog.get(BREAD).portions).grams_per_unit
    return bread_grams * kcal[BREAD] / 100 + 14.2 * kcal[BUTTER] / 100


def save(page: AppTest) -> AppTest:
    page.button(key="recipes_save").click().run()
    assert not page.exception
    return page


def test_butter_toast_per_serving_is_half_the_bread_and_butter(recipes_page, catalog):
    butter_toast(recipes_page, servings=2)
    whole = expected_toast_kcal(catalog)
    assert energy(recipes_page) == f"{format_number(whole / 2)} kcal"
    assert f"energy {format_number(whole)} kcal" in whole_recipe(recipes_page)
    assert [a.value for a in row_amounts(recipes_page)] == [2.0, 1.0]


def test_one_serving_instead_of_two_doubles_the_serving(recipes_page, catalog):
    butter_toast(recipes_page, servings=2)
    recipes_page.number_input(key=f"{editor(recipes_page)}_servings").set_value(1.0).run()
    whole = expected_toast_kcal(catalog)
    assert energy(recipes_page) == f"{format_number(whole)} kcal"
    assert f"energy {format_number(whole)} kcal" in whole_recipe(recipes_page)


def test_zero_servings_is_refused_at_the_field_and_no_serving_is_shown(recipes_page, catalog):
    butter_toast(recipes_page, servings=0)
    assert [e.value for e in recipes_page.error] == ["Servings must be more than 0\\."]
    assert whole_recipe(recipes_page) == "**Whole recipe** (70.2 g)"  # and no "per serving"
    assert energy(recipes_page) == f"{format_number(expected_toast_kcal(catalog))} kcal"
    save(recipes_page)
    assert "Servings must be more than 0" in recipes_page.error[-1].value
    assert "Butter toast" not in recipes_page.selectbox(key="recipes_selected").options


def test_a_negative_amount_is_refused_and_the_ingredient_keeps_its_weight(recipes_page):
    butter_toast(recipes_page)
    before = energy(recipes_page)
    row_amounts(recipes_page)[1].set_value(-5.0).run()
    assert unescaped(recipes_page.error[0].value) == (
        "Amount must be more than 0, got -5. It still counts as 14.2 g."
    )
    assert energy(recipes_page) == before


def test_fifty_kilograms_of_butter_is_refused(recipes_page):
    butter_toast(recipes_page)
    recipes_page.selectbox(key=f"{editor(recipes_page)}_unit_1").set_value("g").run()
    row_amounts(recipes_page)[1].set_value(50000.0).run()
    assert "one item can be at most 5 kg" in unescaped(recipes_page.error[0].value)


def test_an_amount_of_zero_is_refused_and_nothing_is_added(recipes_page):
    butter_toast(recipes_page)
    add(recipes_page, "butter salted", BUTTER, "g", 0.0)
    assert unescaped(recipes_page.error[0].value) == "Amount must be more than 0, got 0."
    assert len(row_amounts(recipes_page)) == 2


def test_a_negative_amount_in_the_picker_is_refused_and_nothing_is_added(recipes_page):
    butter_toast(recipes_page)
    add(recipes_page, "butter salted", BUTTER, "tbsp", -5.0)
    assert len(row_amounts(recipes_page)) == 2


def test_switching_a_unit_keeps_the_weight(recipes_page):
    butter_toast(recipes_page)
    before = energy(recipes_page)
    recipes_page.selectbox(key=f"{editor(recipes_page)}_unit_0").set_value("g").run()
    assert row_amounts(recipes_page)[0].value == pytest.approx(56.0)  # 2 slices of 28 g
    assert energy(recipes_page) == before


def test_removing_an_ingredient_updates_the_nutrition(recipes_page, catalog):
    butter_toast(recipes_page, servings=1)
    recipes_page.button(key=f"{editor(recipes_page)}_remove_1").click().run()
    bread = expected_toast_kcal(catalog) - 14.2 * 717 / 100
    assert energy(recipes_page) == f"{format_number(bread)} kcal"
    assert len(row_amounts(recipes_page)) == 1


def test_a_saved_recipe_is_listed_and_reloads_as_saved(recipes_page, catalog):
    save(butter_toast(recipes_page))
    assert [unescaped(s.value) for s in recipes_page.success] == ["Saved Butter toast."]
    picker = recipes_page.selectbox(key="recipes_selected")
    assert picker.value != 0 and picker.options[picker.index] == "Butter toast"
    table = recipes_page.dataframe[0].value
    row = table[table["Recipe"] == "Butter toast"].iloc[0]
    assert (row["Servings"], row["Ingredients"]) == ("2", 2)
    assert row["Energy per serving"] == f"{format_number(expected_toast_kcal(catalog) / 2)} kcal"
    assert recipes_page.button(key="recipes_save").disabled  # nothing unsaved


def test_duplicating_opens_the_copy(recipes_page):
    save(butter_toast(recipes_page))
    recipes_page.button(key="recipes_duplicate").click().run()
    assert not recipes_page.exception
    picker = recipes_page.selectbox(key="recipes_selected")
    assert picker.options[picker.index] == "Butter toast (copy)"
    assert (
        recipes_page.text_input(key=f"{editor(recipes_page)}_name").value == "Butter toast (copy)"
    )
    assert len(row_amounts(recipes_page)) == 2


def test_a_300_character_name_is_refused_at_the_field_and_not_saved(recipes_page):
    butter_toast(recipes_page)
    recipes_page.text_input(key=f"{editor(recipes_page)}_name").input("x" * 300).run()
    expected = "Recipe name is too long: 300 characters; at most 200."
    assert unescaped(recipes_page.error[0].value) == expected
    save(recipes_page)
    assert unescaped(recipes_page.error[-1].value) == expected
    assert "x" * 300 not in recipes_page.selectbox(key="recipes_selected").options


def test_a_duplicate_recipe_name_is_refused(recipes_page):
    save(butter_toast(recipes_page))
    recipes_page.selectbox(key="recipes_selected").set_value(0).run()
    save(butter_toast(recipes_page))
    assert (
        unescaped(recipes_page.error[-1].value) == "A recipe named 'Butter toast' already exists."
    )


def test_a_recipe_without_ingredients_is_not_saved(recipes_page):
    recipes_page.text_input(key=f"{editor(recipes_page)}_name").input("Air").run()
    save(recipes_page)
    assert recipes_page.error[-1].value.startswith("Add at least one ingredient")


def test_a_script_like_name_is_saved_and_shown_literally(recipes_page):
    hostile = "<script>alert(1)</script>"
    butter_toast(recipes_page)
    recipes_page.text_input(key=f"{editor(recipes_page)}_name").input(hostile).run()
    save(recipes_page)
    assert unescaped(recipes_page.success[0].value) == f"Saved {hostile}."
    assert hostile in recipes_page.dataframe[0].value["Recipe"].to_list()


def test_deleting_asks_first(recipes_page):
    save(butter_toast(recipes_page))
    recipes_page.button(key="recipes_delete").click().run()
    assert (
        unescaped(recipes_page.button(key="recipes_delete_yes").label) == "Yes, delete Butter toast"
    )
    recipes_page.button(key="recipes_delete_yes").click().run()
    assert unescaped(recipes_page.success[0].value) == "Deleted Butter toast."
    assert recipes_page.selectbox(key="recipes_selected").value == 0
    assert "Butter toast" not in recipes_page.selectbox(key="recipes_selected").options


def test_a_recipe_on_a_menu_cannot_be_deleted(recipes_page, database_copy):
    from menuplanner.domain.clients import Client, Sex
    from menuplanner.services import menus as menu_service
    from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

    save(butter_toast(recipes_page))
    recipe_id = recipes_page.selectbox(key="recipes_selected").value
    conn = database.connect(database_copy)
    with DuckDBUnitOfWork(conn) as uow:
        client_id = uow.clients.add(Client("Ana", Sex.FEMALE))
        uow.commit()
    menu_id = menu_service.create_menu(DuckDBUnitOfWork(conn), client_id, "Week", dt.date.today())
    menu_service.add_recipe(DuckDBUnitOfWork(conn), menu_id, 0, "Breakfast", recipe_id, 1)

    recipes_page.button(key="recipes_delete").click().run()
    recipes_page.button(key="recipes_delete_yes").click().run()
    assert unescaped(recipes_page.error[0].value) == (
        "Recipe 'Butter toast' cannot be deleted: it is used in menu 'Week (Ana)'."
    )
    assert "Butter toast" in recipes_page.selectbox(key="recipes_selected").options
