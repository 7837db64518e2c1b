from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.shown import as_read

CHICKEN = "Chicken, broilers or fryers, breast, meat only, cooked, roasted"


def _search(page: AppTest, text: str) -> AppTest:
    page.run()
    page.text_input(key="foods_query").input(text).run()
    assert not page.exception
    return page


def test_a_search_offers_the_roasted_chicken_breast_first(foods_page: AppTest) -> None:
    _search(foods_page, "roasted chicken breast")
    assert foods_page.selectbox(key="foods_selected").value == 5064
    assert foods_page.subheader[0].value == CHICKEN


def test_butter_by_the_tablespoon_shows_102_kcal_and_its_weight(foods_page: AppTest) -> None:
    _search(foods_page, "butter salted")
    assert foods_page.subheader[0].value == "Butter, salted"
    portion = foods_page.selectbox(key="foods_portion_1001")
    tbsp = next(o for o in portion.options if o.startswith("1 tbsp"))
    portion.set_value(tbsp).run()
    assert foods_page.metric[0].value == "14.2 g"
    energy_table = foods_page.dataframe[1].value
    energy_row = energy_table[energy_table["Nutrient"] == "Energy"]
    assert energy_row["Amount"].iloc[0] == "102 kcal"
    assert energy_row["Per 100 g"].iloc[0] == "717 kcal"


def test_a_search_that_matches_nothing_says_so(foods_page: AppTest) -> None:
    _search(foods_page, "xylophone")
    assert "No food matches “xylophone”" in foods_page.warning[0].value


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", "'; DROP TABLE foods;--", "x" * 5000]
)
def test_hostile_search_text_is_just_text(foods_page: AppTest, hostile: str) -> None:
    _search(foods_page, hostile)
    assert foods_page.warning[0].value.startswith("No food matches")


def test_markdown_in_a_search_is_escaped_so_it_reads_literally(foods_page: AppTest) -> None:
    _search(foods_page, "![x](javascript:alert(1)) <b>")
    assert foods_page.warning[0].value == (
        "No food matches “\\!\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<b\\>”. "
        "Try fewer or shorter words."
    )


def test_foods_added_to_the_comparison_are_listed(foods_page: AppTest) -> None:
    _search(foods_page, "butter salted")
    foods_page.button(key="foods_add_compare").click().run()
    foods_page.text_input(key="foods_query").input("bananas raw").run()
    foods_page.button(key="foods_add_compare").click().run()
    assert not foods_page.exception
    assert [t.value for t in foods_page.text if "(100 g)" in t.value] == [
        "Butter, salted (100 g)",
        "Bananas, raw (100 g)",
    ]


def test_a_corrected_food_tag_sticks_and_says_it_was_corrected(foods_page: AppTest) -> None:
    _search(foods_page, "coconut milk raw")
    food_id = foods_page.selectbox(key="foods_selected").value
    contains = next(m.value for m in foods_page.markdown if m.value.startswith("**Contains:**"))
    assert (
        contains == "**Contains:** none of the tracked allergens (from the food's name and group)"
    )
    foods_page.multiselect(key=f"foods_tags_{food_id}").select("tree_nuts")
    foods_page.button(key=f"foods_tags_save_{food_id}").click().run()
    foods_page.text_input(key="foods_query").input("butter salted").run()
    foods_page.text_input(key="foods_query").input("coconut milk raw").run()
    contains = next(m.value for m in foods_page.markdown if m.value.startswith("**Contains:**"))
    assert contains == "**Contains:** Tree nuts (confirmed or corrected by you)"


def test_a_meat_analogue_is_marked_unverified_until_its_tags_are_confirmed(foods_page):
    _search(foods_page, "chicken meatless")
    food_id = 43128  # Chicken, meatless
    foods_page.selectbox(key="foods_selected").set_value(food_id).run()
    assert [as_read(w.value) for w in foods_page.warning] == [
        "Allergens unverified: may contain milk, egg, wheat, gluten and soy (meat or fish "
        "analogue); check the label. It is left out of generated menus and Swap suggestions for "
        "clients who must avoid these. Once you have read the label, confirm below what it "
        "contains."
    ]
    foods_page.multiselect(key=f"foods_tags_{food_id}").select("soy").select("wheat")
    foods_page.button(key=f"foods_tags_save_{food_id}").click().run()
    assert not foods_page.exception and not foods_page.warning
    contains = next(m.value for m in foods_page.markdown if m.value.startswith("**Contains:**"))
    assert contains == "**Contains:** Wheat, Soy (confirmed or corrected by you)"
