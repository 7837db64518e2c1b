"""The client's menu as printed: numbers rounded as the app shows them, amounts in household
measures, user text printed literally in the PDF and escaped in the printable page, options for
paper and for hiding nutrient numbers. Built on in-memory fakes; the PDF is read back with the
package's own pure-Python text reader."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.menus import DEFAULT_SLOTS, ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.targets import Targets
from menuplanner.export import document, html, pdf
from menuplanner.export.chart import MACRO_COLOURS, nice_ticks
from menuplanner.export.document import ExportOptions, Paper, measure_phrase, quantity_text
from menuplanner.export.pdftext import pdf_pages, pdf_text
from menuplanner.services import export
from menuplanner.store.memory import MemoryDatabase, MemoryFoodCatalog, MemoryUnitOfWork

BUTTER, EGG, BANANA, OATS = 1001, 1123, 9040, 8120
PER_100G = {  # kcal, protein, carbohydrate, fat per 100 g (USDA SR26)
    BUTTER: (717.0, 0.85, 0.06, 81.11),
    EGG: (143.0, 12.56, 0.72, 9.51),
    BANANA: (89.0, 1.09, 22.84, 0.33),
    OATS: (379.0, 13.15, 67.7, 6.52),
}
TARGETS = Targets(2000, 100, 250, 67, 25, 2300)
MONDAY = dt.date(2026, 11, 23)


def _catalog() -> MemoryFoodCatalog:
    foods = {
        BUTTER: Food(BUTTER, "Butter, salted", "0100", portions=(Portion(1, 1, "tbsp", 14.2),)),
        EGG: Food(
            EGG,
            "Egg, whole, raw, fresh",
            "0100",
            refuse_pct=12,
            portions=(Portion(1, 1, "large", 50.0),),
        ),
        BANANA: Food(
            BANANA,
            "Bananas, raw",
            "0900",
            refuse_pct=36,
            portions=(
                Portion(2, 1, "cup, sliced", 150.0),
                Portion(5, 1, 'medium (7" to 7-7/8" long)', 118.0),
            ),
        ),
        OATS: Food(OATS, "Cereals, oats, dry", "2000", portions=(Portion(1, 1, "cup", 81.0),)),
    }
    rows: dict[str, list] = {"food_id": list(PER_100G)}
    for index, key in enumerate(("energy_kcal", "protein_g", "carbohydrate_g", "fat_g")):
        rows[key] = [values[index] for values in PER_100G.values()]
    nutrients = pl.DataFrame(rows).with_columns(
        pl.lit(None, pl.Float64).alias(k) for k in KEYS if k not in rows
    )
    groups = [
        FoodGroup("0100", "Dairy and Egg Products"),
        FoodGroup("0900", "Fruits"),
        FoodGroup("2000", "Cereal Grains and Pasta"),
    ]
    return MemoryFoodCatalog(foods, nutrients, groups)


def sample(client_name: str = "Ana Łukasik-Élise", method: str = "Simmer the oats.") -> tuple:
    """A 3-day menu: Monday porridge (a recipe) and a banana, eggs and butter for lunch;
    Tuesday 150 g of banana and 1½ servings of porridge; Wednesday nothing."""
    database = MemoryDatabase(_catalog())
    with MemoryUnitOfWork(database) as uow:
        client_id = uow.clients.add(Client(client_name, Sex.FEMALE, manual_targets=TARGETS))
        porridge = uow.recipes.add(
            Recipe(
                "Banana porridge",
                2,
                [
                    Ingredient(OATS, 1, "cup", 81.0),
                    Ingredient(BANANA, 1, 'medium (7" to 7-7/8" long)', 118.0),
                ],
                method,
            )
        )
        banana = 'medium (7" to 7-7/8" long)'
        items = [
            MenuItem(
                0, "Breakfast", ItemKind.RECIPE, porridge, 1, "serving", None, "Banana porridge"
            ),
            MenuItem(0, "Breakfast", ItemKind.FOOD, BANANA, 1, banana, 118.0, "Bananas, raw", 1),
            MenuItem(0, "Lunch", ItemKind.FOOD, EGG, 2, "large", 100.0, "Egg, whole, raw, fresh"),
            MenuItem(0, "Lunch", ItemKind.FOOD, BUTTER, 1, "tbsp", 14.2, "Butter, salted", 1),
            MenuItem(1, "Breakfast", ItemKind.FOOD, BANANA, 150, "g", 150.0, "Bananas, raw"),
            MenuItem(
                1, "Dinner", ItemKind.RECIPE, porridge, 1.5, "serving", None, "Banana porridge"
            ),
        ]
        menu_id = uow.menus.add(Menu(client_id, "Week 1", MONDAY, 3, DEFAULT_SLOTS, items))
        uow.commit()
    return database, menu_id


def _document(options: ExportOptions | None = None, **kwargs) -> document.MenuDocument:
    database, menu_id = sample(**kwargs)
    choice = options or ExportOptions()
    return export.menu_document(MemoryUnitOfWork(database), menu_id, choice, MONDAY)


# ------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (1, "1"),
        (0.5, "½"),
        (1.5, "1½"),
        (0.25, "¼"),
        (2.75, "2¾"),
        (1 / 3, "⅓"),
        (0.4, "0.4"),
        (1200, "1,200"),
    ],
)
def test_quantities_are_written_as_in_a_recipe(quantity: float, text: str) -> None:
    assert quantity_text(quantity) == text


def test_household_measures_take_the_plural_after_more_than_one() -> None:
    assert measure_phrase(2, "slice") == "2 slices"
    assert measure_phrase(1.5, "cup, chopped") == "1½ cups, chopped"
    assert measure_phrase(1, "cup") == "1 cup"
    assert measure_phrase(0.5, "cup") == "½ cup"
    assert measure_phrase(3, 'medium (3" dia)') == '3 medium (3" dia)'


def test_a_weight_in_grams_is_also_said_as_a_household_measure_when_close() -> None:
    portions = (Portion(1, 1, "cup, sliced", 150.0),)
    assert document.about(150, portions) == "about 1 cup, sliced"
    assert document.about(110, portions) == "about ¾ cup, sliced"  # 112.5 g, 2 % off
    assert document.about(20, portions) == ""  # less than a quarter cup
    assert document.about(100, (Portion(1, 1, "oz", 28.35),)) == ""  # a weight is no measure


def test_periods_read_like_dates_on_a_letter() -> None:
    assert document.period(MONDAY, MONDAY + dt.timedelta(6)) == "23 – 29 November 2026"
    assert document.period(dt.date(2026, 4, 28), dt.date(2026, 5, 4)) == "28 April – 4 May 2026"
    assert document.period(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == (
        "30 December 2026 – 2 January 2027"
    )
    assert document.period(MONDAY, MONDAY) == "Monday 23 November 2026"


def test_chart_axis_ticks_are_round_numbers_above_the_highest_bar() -> None:
    assert nice_ticks(2075) == [0, 500, 1000, 1500, 2000, 2500]
    assert nice_ticks(2500.1)[-1] == 3000


def test_the_chart_uses_the_app_chart_colours() -> None:
    from menuplanner.charts import MACRO_COLOURS as APP_COLOURS

    assert {name: APP_COLOURS[name] for name in MACRO_COLOURS} == MACRO_COLOURS


# ------------------------------------------------------------------------------------- document


def test_each_day_lists_its_meals_items_in_measures_and_grams() -> None:
    monday, tuesday, wednesday = _document().days
    assert monday.title == "Monday 23 November 2026"
    assert [meal.name for meal in monday.meals] == ["Breakfast", "Lunch"]  # empty meals left out
    breakfast = monday.meals[0]
    assert [(i.name, i.measure, i.weight) for i in breakfast.items] == [
        ("Banana porridge", "1 serving", "100 g"),  # (81 + 118) / 2 = 99.5 g
        ("Banana", '1 medium (7" to 7-7/8" long)', "118 g"),
    ]
    # 99.5 g of porridge: 81/2 g oats × 3.79 + 118/2 g banana × 0.89 = 153.5 + 52.5 = 206 kcal
    assert breakfast.items[0].energy == "206 kcal"
    assert tuesday.meals[0].items[0].measure == "about 1 cup, sliced"  # 150 g typed
    assert tuesday.meals[1].items[0].measure == "1½ servings"
    assert wednesday.meals == ()


def test_day_totals_are_rounded_as_the_app_prints_them() -> None:
    monday = _document().days[0]
    energy = monday.totals[0]
    # 206.0 (porridge) + 105.02 (banana) + 143 (eggs) + 101.81 (butter) = 555.9 kcal
    assert (energy.nutrient, energy.actual, energy.target, energy.share) == (
        "Energy",
        "556 kcal",
        "2,000 kcal",
        "28 %",
    )
    assert [t.target for t in monday.totals[4:]] == ["at least 25 g", "at most 2,300 mg"]


def test_recipes_are_listed_once_with_where_they_are_eaten() -> None:
    (card,) = _document().recipes
    assert card.name == "Banana porridge"
    assert card.makes == "Makes 2 servings"
    assert card.eaten_on == "Monday Breakfast, Tuesday Dinner"
    assert [(i.measure, i.name, i.weight) for i in card.ingredients] == [
        ("1 cup", "Oats", "81 g"),
        ('1 medium (7" to 7-7/8" long)', "Banana", "118 g"),
    ]
    assert card.per_serving.startswith("Per serving: 206 kcal · protein 6 g")


def test_without_nutrient_numbers_there_is_no_energy_target_or_chart() -> None:
    hidden = _document(ExportOptions(with_numbers=False))
    assert hidden.chart is None and hidden.targets == "" and hidden.average == ""
    assert all(day.totals == () for day in hidden.days)
    assert hidden.recipes[0].per_serving == ""


# ------------------------------------------------------------------------------------------ PDF


def test_the_pdf_says_the_client_every_item_of_monday_and_its_totals() -> None:
    doc = _document(ExportOptions(practice="Greenleaf Nutrition", notes="Drink water."))
    pages = pdf_pages(pdf.menu_pdf(doc, compress=False))
    assert "Meal plan for Ana Łukasik-Élise" in pages[0]
    assert "Greenleaf Nutrition" in pages[0] and "Drink water." in pages[0]
    monday = pages[1]
    assert "Monday 23 November 2026 Day 1 of 3 · 556 kcal" in monday
    for item in doc.days[0].meals[0].items + doc.days[0].meals[1].items:
        assert item.name in monday and item.energy in monday
    assert "Banana porridge 1 serving 100 g 206 kcal" in monday
    assert "Eggs 2 large 100 g 143 kcal" in monday
    assert "Energy 556 kcal 2,000 kcal 28 %" in monday
    assert "Nothing is planned for this day yet." in pages[3]
    assert "Recipes" in pages[4] and "Simmer the oats." in pages[4]


def test_user_text_prints_as_typed_not_as_markup() -> None:
    for name in (
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "**bold** _x_ [a](b)",
        "Ελένη Παπαδοπούλου",
        "Алёна Иванова",
    ):
        text = pdf_text(pdf.menu_pdf(_document(client_name=name), compress=False))
        assert f"Meal plan for {name}" in text, name


def test_a4_and_letter_pages_have_their_sizes() -> None:
    a4 = pdf.menu_pdf(_document(ExportOptions(paper=Paper.A4)))
    letter = pdf.menu_pdf(_document(ExportOptions(paper=Paper.LETTER)))
    assert b"/MediaBox [0 0 595.28 841.89]" in a4
    assert b"/MediaBox [0 0 612.00 792.00]" in letter


def test_a_pdf_without_numbers_mentions_no_calories() -> None:
    text = pdf_text(pdf.menu_pdf(_document(ExportOptions(with_numbers=False))))
    assert "kcal" not in text and "target" not in text.lower()
    assert "Banana" in text and "118 g" in text  # amounts stay


# ---------------------------------------------------------------------------------------- HTML


def test_the_printable_page_escapes_every_user_text() -> None:
    page = html.menu_html(
        _document(client_name="<script>alert(1)</script>", method='<img src=x onerror="alert(2)">')
    )
    assert "<script>" not in page and "<img" not in page
    assert "Meal plan for &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "default-src 'none'" in page  # no script could run even if one slipped through


def test_the_printable_page_has_the_same_days_and_totals_as_the_pdf() -> None:
    doc = _document()
    page = html.menu_html(doc)
    assert page.count('<section class="day"') == 3
    assert "<td class='num'>556 kcal</td><td class='num'>2,000 kcal</td>" in page
    assert '<a href="#recipe-1">Banana porridge</a>' in page
    assert re.search(r"<svg[^>]*>.*</svg>", page, re.S)
    assert "@page { size: A4;" in page


@pytest.mark.parametrize(
    ("description", "read"),
    [
        ("cup, chopped", "cup, chopped"),
        ('medium (7" to 7-7/8" long)', 'medium (7" to 7-7/8" long)'),
        ("cup (1 NLEA serving)", "cup"),
        ("tbsp (1 NLEA serving)", "tbsp"),
        ("container (6 oz)", "container (6 oz)"),
        ("unit (yield from 1 lb ready-to-cook chicken)", None),
        ("piece, cooked, excluding refuse (yield from 1 lb raw meat with refuse)", None),
        ("package (10 oz) yields", None),
        ("package (6 oz)", None),
        ("serving (3 oz)", None),
        ("NLEA serving", None),
        ("can (303 x 406)", None),
        ("jar Gerber Second Food (4 oz)", None),
        ("recipe yield", None),
        ("oz", None),
    ],
)
def test_a_client_is_given_only_measures_one_can_measure_with(
    description: str, read: str | None
) -> None:
    assert document.readable_measure(description) == read


def test_an_amount_with_only_unreadable_measures_is_said_in_grams_alone() -> None:
    chicken = (Portion(1, 1, "unit (yield from 1 lb ready-to-cook chicken)", 37.0),)
    assert document.about(130, chicken) == ""  # not "about 3½ units (yield from 1 lb …)"
    steak = (Portion(1, 1, "serving (3 oz)", 85.0), Portion(2, 1, "cup, diced", 140.0))
    assert document.about(140, steak) == "about 1 cup, diced"  # the serving is passed over
    cereal = (Portion(1, 1, "cup (1 NLEA serving)", 30.0),)
    assert document.about(45, cereal) == "about 1½ cups"
    assert document.item_measure("food", 130, "g", 130, chicken) == ""


def test_a_labels_serving_that_says_what_it_holds_is_read_as_one_of_those() -> None:
    waffles = (Portion(1, 1, "serving 2 waffles", 70.0),)
    assert document.about(100, waffles) == "about 3 waffles"  # 35 g each, counted in halves
    assert document.about(35, waffles) == "about 1 waffle"
    half_cup = (Portion(1, 1, "serving 1/2 cup", 120.0),)
    assert document.about(180, half_cup) == "about ¾ cup"  # a cup of 240 g, in quarters
    assert document.readable_measure("serving 5 fl oz") is None  # a volume: said in grams
    crackers = (Portion(1, 1, "serving", 29.0), Portion(2, 1, "cracker", 4.2))
    assert document.about(40, crackers) == "about 9½ crackers"


@pytest.mark.parametrize(
    ("word", "words"),
    [("cracker", "crackers"), ("patty", "patties"), ("dash", "dashes"), ("leaf", "leaves")]
    + [("tbsp", "tbsp"), ("medium", "medium"), ("super colossal", "super colossal")],
)
def test_a_measure_takes_its_plural_after_more_than_one(word: str, words: str) -> None:
    assert document.plural(word) == words
    assert document.measure_phrase(2, word) == f"2 {words}"
