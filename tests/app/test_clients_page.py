from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from menuplanner.domain.clients import ActivityLevel, Goal, Sex
from pages.ui.client_targets import WORKING_TITLE

NEW_FORM = "clients_new0"
THIS_YEAR = dt.date.today().year


@pytest.fixture
def clients_page(app: AppTest) -> AppTest:
    app.switch_page("pages/clients.py")
    app.run()
    if app.selectbox(key="clients_selected").value != 0:  # opened on the current client
        app.selectbox(key="clients_selected").set_value(0).run()
    assert not app.exception
    return app


def unescaped(text: str) -> str:
    """Markdown text as a reader sees it (pages escape user text with `literal`)."""
    return text.replace("\\", "")


def fill_profile(
    page: AppTest,
    form: str = NEW_FORM,
    name: str = "Sam Carter",
    *,
    sex: str = "male",
    birth_year: int | None = THIS_YEAR - 30,
    height: float | None = 180.0,
    weight: float | None = 80.0,
    activity: str = "sedentary",
    goal: str = "maintain",
) -> AppTest:
    page.text_input(key=f"{form}_name").input(name)
    page.radio(key=f"{form}_sex").set_value(Sex(sex))
    page.number_input(key=f"{form}_birth_year").set_value(birth_year)
    page.number_input(key=f"{form}_height").set_value(height)
    page.number_input(key=f"{form}_weight").set_value(weight)
    page.selectbox(key=f"{form}_activity").set_value(ActivityLevel(activity))
    page.radio(key=f"{form}_goal").set_value(Goal(goal))
    return page


def submit(page: AppTest, form: str = NEW_FORM) -> AppTest:
    button = next(b for b in page.button if b.key.startswith(f"FormSubmitter:{form}_form"))
    button.click().run()
    assert not page.exception
    return page


def metric(page: AppTest, label: str) -> str:
    return next(m.value for m in page.metric if m.label == label)


def listed(page: AppTest) -> list[str]:
    """The names in the clients table (there is no table while there are no clients)."""
    return page.dataframe[0].value["Client"].to_list() if page.dataframe else []


def selected_form(page: AppTest) -> str:
    return f"clients_{page.selectbox(key='clients_selected').value}"


def test_a_man_of_30_sedentary_maintaining_gets_2136_kcal_by_mifflin_st_jeor(clients_page):
    submit(fill_profile(clients_page))

    assert [s.value for s in clients_page.success] == ["Saved Sam Carter."]
    assert metric(clients_page, "Energy") == "2,136 kcal"
    assert metric(clients_page, "Protein") == "96 g"  # 1.2 g/kg × 80 kg
    working = next(e for e in clients_page.expander if e.label == WORKING_TITLE)
    lines = unescaped(working.markdown[0].value).splitlines()
    assert lines[0] == (
        "- Resting energy (Mifflin-St Jeor, male): 10 × 80 kg + 6.25 × 180 cm − 5 × 30 y + 5"
        " = 1,780 kcal"
    )
    assert lines[1] == "- × activity factor 1.2 (sedentary) = 2,136 kcal"


def test_a_new_client_is_listed_with_age_goal_and_energy_target(clients_page):
    submit(fill_profile(clients_page, goal="lose"))

    table = clients_page.dataframe[0].value
    row = table[table["Client"] == "Sam Carter"].iloc[0]
    assert (row["Age"], row["Goal"], row["Energy target"]) == ("30", "Lose weight", "1,636 kcal")


def test_age_can_be_given_instead_of_the_birth_year(clients_page):
    fill_profile(clients_page, birth_year=None)
    clients_page.number_input(key=f"{NEW_FORM}_age").set_value(30)
    submit(clients_page)
    assert metric(clients_page, "Energy") == "2,136 kcal"


def test_a_client_without_height_is_saved_and_told_what_targets_need(clients_page):
    submit(fill_profile(clients_page, height=None))

    expected = "Add height to compute targets from the profile, or type them by hand."
    assert [s.value for s in clients_page.success] == ["Saved Sam Carter."]
    form = selected_form(clients_page)
    assert clients_page.number_input(key=f"{form}_height").value is None
    assert expected in [unescaped(w.value) for w in clients_page.warning]  # under height
    assert expected in [unescaped(i.value) for i in clients_page.info]  # in the targets
    assert not [m for m in clients_page.metric if m.label == "Energy"]
    table = clients_page.dataframe[0].value
    assert table[table["Client"] == "Sam Carter"]["Energy target"].iloc[0] == "– (add height)"


def test_typed_targets_win_over_the_profile_and_show_their_split(clients_page):
    clients_page.radio(key=f"{NEW_FORM}_target_mode").set_value("Typed by hand").run()
    fill_profile(clients_page, height=None)
    clients_page.number_input(key=f"{NEW_FORM}_typed_energy").set_value(1800.0)
    clients_page.number_input(key=f"{NEW_FORM}_typed_protein_g").set_value(90.0)
    clients_page.number_input(key=f"{NEW_FORM}_typed_carbohydrate_g").set_value(225.0)
    clients_page.number_input(key=f"{NEW_FORM}_typed_fat_g").set_value(60.0)
    submit(clients_page)

    assert metric(clients_page, "Energy") == "1,800 kcal"
    assert "20 % of energy" in [c.value for c in clients_page.caption]  # 90 g × 4 / 1,800
    table = clients_page.dataframe[0].value
    assert table[table["Client"] == "Sam Carter"]["Energy target"].iloc[0] == "1,800 kcal (typed)"


def test_typed_percentages_must_add_up_to_100(clients_page):
    clients_page.radio(key=f"{NEW_FORM}_target_mode").set_value("Typed by hand").run()
    clients_page.toggle(key=f"{NEW_FORM}_macros_in_pct").set_value(True).run()
    fill_profile(clients_page)
    clients_page.number_input(key=f"{NEW_FORM}_typed_protein_pct").set_value(30.0)
    clients_page.number_input(key=f"{NEW_FORM}_typed_carbohydrate_pct").set_value(50.0)
    clients_page.number_input(key=f"{NEW_FORM}_typed_fat_pct").set_value(30.0)
    submit(clients_page)

    assert "add up to 110 % of energy" in unescaped(clients_page.error[0].value)
    assert "Sam Carter" not in listed(clients_page)


def test_a_duplicate_client_name_is_refused_and_nothing_changes(clients_page):
    submit(fill_profile(clients_page))
    clients_page.selectbox(key="clients_selected").set_value(0).run()
    submit(fill_profile(clients_page, "clients_new1", weight=95.0), "clients_new1")

    assert unescaped(clients_page.error[0].value) == "A client named 'Sam Carter' already exists."
    table = clients_page.dataframe[0].value
    assert listed(clients_page).count("Sam Carter") == 1
    assert table[table["Client"] == "Sam Carter"]["Energy target"].iloc[0] == "2,136 kcal"


def test_out_of_range_measurements_are_named_in_one_message(clients_page):
    submit(fill_profile(clients_page, height=18.0, weight=400.0))
    message = unescaped(clients_page.error[0].value)
    assert "Height must be between 100 and 250 cm; got 18 cm." in message
    assert "Weight must be between 25 and 350 kg; got 400 kg." in message


def test_a_script_like_name_is_stored_and_shown_literally(clients_page):
    hostile = "<script>alert(1)</script>"
    submit(fill_profile(clients_page, name=hostile))

    assert unescaped(clients_page.success[0].value) == f"Saved {hostile}."
    assert unescaped(clients_page.subheader[0].value) == hostile
    assert hostile in listed(clients_page)
    assert clients_page.text_input(key=f"{selected_form(clients_page)}_name").value == hostile


def test_a_300_character_name_is_refused(clients_page):
    submit(fill_profile(clients_page, name="x" * 300))
    assert unescaped(clients_page.error[0].value) == (
        "Client name is too long: 300 characters; at most 200."
    )


def test_editing_a_client_recomputes_their_targets(clients_page):
    submit(fill_profile(clients_page))
    form = selected_form(clients_page)
    clients_page.selectbox(key=f"{form}_activity").set_value(ActivityLevel.MODERATE)
    submit(clients_page, form)
    assert metric(clients_page, "Energy") == "2,759 kcal"  # 1,780 × 1.55


def test_deleting_asks_first_and_names_the_menus_that_go_too(clients_page):
    submit(fill_profile(clients_page))
    clients_page.button(key="clients_delete").click().run()

    confirm = clients_page.button(key="clients_delete_yes")
    assert unescaped(confirm.label) == "Yes, delete Sam Carter"
    clients_page.button(key="clients_delete_cancel").click().run()
    assert "Sam Carter" in listed(clients_page)

    clients_page.button(key="clients_delete").click().run()
    clients_page.button(key="clients_delete_yes").click().run()
    assert not clients_page.exception
    assert unescaped(clients_page.success[0].value) == "Deleted Sam Carter."
    assert clients_page.selectbox(key="clients_selected").value == 0
    assert "Sam Carter" not in listed(clients_page)


def test_deleting_a_client_with_menus_says_how_many_go_with_them(clients_page, database_copy):
    from menuplanner.services import menus as menu_service
    from menuplanner.store.duckdb import database
    from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

    submit(fill_profile(clients_page))
    client_id = clients_page.selectbox(key="clients_selected").value
    conn = database.connect(database_copy)  # the app's process holds the same file
    for name in ("Week 1", "Week 2"):
        menu_service.create_menu(DuckDBUnitOfWork(conn), client_id, name, dt.date.today())
    clients_page.run()
    clients_page.button(key="clients_delete").click().run()

    assert unescaped(clients_page.button(key="clients_delete_yes").label) == (
        "Yes, delete Sam Carter and their 2 menus"
    )
    clients_page.button(key="clients_delete_yes").click().run()
    assert unescaped(clients_page.success[0].value) == "Deleted Sam Carter and their 2 menus."
    with DuckDBUnitOfWork(conn) as uow:
        assert uow.menus.list(client_id) == []
