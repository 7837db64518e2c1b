"""The client's PDFs: the menu (a first page with targets, the weekly chart and notes; a page per
day, meal by meal; the recipes at the end) and the shopping list. Layout only: every text and
number comes ready-made from `document` and `shopping`."""

from __future__ import annotations

from menuplanner.export import label_checks
from menuplanner.export.document import Day, MenuDocument, Paper, RecipeCard
from menuplanner.export.label_checks import LabelCheck
from menuplanner.export.micronutrients import STATUS_COLOURS as MICRO_COLOURS
from menuplanner.export.micronutrients import MicroPage
from menuplanner.export.pdfbase import (
    ACCENT,
    FAMILY,
    MUTED,
    ClientPdf,
    Column,
    draw_week_chart,
    rgb,
    status_dot,
)
from menuplanner.export.shopping import ShoppingList

HOW_TO_READ = (
    "Each day has its own page, meal by meal. Amounts are household measures with their weight "
    "in grams: weigh when you can, measure when you cannot. The recipes are at the end; tap a "
    "dish's name to go to its recipe."
)


def menu_pdf(document: MenuDocument, compress: bool = True) -> bytes:
    pdf = ClientPdf(
        document.paper, f"{document.client} · {document.menu}", document.practice, compress
    )
    _first_page(pdf, document)
    links = [pdf.add_link() for _ in document.recipes]  # set on the recipes' pages later
    for day in document.days:
        _day(pdf, day, document.with_numbers, links)
    if document.micronutrients is not None:
        _micronutrients(pdf, document.micronutrients)
    if document.recipes:
        _recipes(pdf, document.recipes, links)
    if document.label_checks:
        _label_checks(pdf, document.label_checks)
    return bytes(pdf.output())


def _first_page(pdf: ClientPdf, document: MenuDocument) -> None:
    pdf.add_page()
    if document.practice:
        pdf.write_text(document.practice, size=10, style="B", colour=MUTED)
        pdf.ln(2)
    pdf.write_text(document.title, size=20, style="B", colour=ACCENT, height=9)
    pdf.ln(1)
    pdf.write_text(f"{document.menu} · {document.period}", size=12, height=6)
    pdf.write_text(document.prepared, size=9, colour=MUTED, height=5)
    if document.targets:
        pdf.ln(3)
        pdf.write_text(document.targets, size=10, height=5)
    if document.chart is not None:
        pdf.heading("Energy from protein, carbohydrate and fat each day", size=11.5)
        height = 68.0
        top = pdf.get_y() + 1
        draw_week_chart(pdf, document.chart, pdf.l_margin, top, pdf.epw, height)
        pdf.set_y(top + height + 2)
        if document.average:
            pdf.write_text(document.average, size=9, colour=MUTED, height=4.5)
    pdf.heading("How to read this plan", size=11.5, space_before=5)
    pdf.write_text(HOW_TO_READ, size=9.5, height=4.8)
    pdf.heading("Notes", size=11.5, space_before=5)
    if document.notes:
        pdf.write_text(document.notes, size=10, height=5)
    pdf.ruled_lines(10 if not document.notes else 6)


def _day(pdf: ClientPdf, day: Day, numbers: bool, links: list[int]) -> None:
    pdf.add_page()
    _day_title(pdf, day, numbers)
    if not day.meals:
        pdf.write_text("Nothing is planned for this day yet.", size=10, colour=MUTED)

    def continued() -> None:
        _day_title(pdf, day, numbers, continued=True)

    widths = _item_widths(pdf.epw, numbers)
    for meal in day.meals:
        pdf.band(meal.name, meal.energy if numbers else "", on_new_page=continued)
        for item in meal.items:
            texts = [item.name, item.measure, item.weight] + ([item.energy] if numbers else [])
            link = links[item.recipe_index] if item.recipe_index is not None else None
            pdf.row(texts, widths, links=[link], on_new_page=continued)
        pdf.ln(2.5)
    if day.totals:
        _day_totals(pdf, day, continued)


def _day_title(pdf: ClientPdf, day: Day, numbers: bool, continued: bool = False) -> None:
    title = day.title + (" (continued)" if continued else "")
    aside = day.number + (f" · {day.energy}" if numbers and day.meals else "")
    pdf.set_font(FAMILY, "", 9.5)
    aside_w = pdf.get_string_width(aside) + 3
    top = pdf.get_y()
    pdf.set_xy(pdf.l_margin + pdf.epw - aside_w, top + 2.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(aside_w, 6, aside, align="R")
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font(FAMILY, "B", 17 if not continued else 13)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw - aside_w, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*MUTED)
    pdf.ln(2)


def _item_widths(page_width: float, numbers: bool) -> list[Column]:
    measure, weight, energy = 56.0, 18.0, 22.0
    name = page_width - measure - weight - (energy if numbers else 0)
    columns = [Column(name, size=10), Column(measure, size=9.5), Column(weight, "R", size=9.5)]
    if numbers:
        columns.append(Column(energy, "R", size=9.5, colour=MUTED))
    return columns


def _day_totals(pdf: ClientPdf, day: Day, continued) -> None:
    rows = len(day.totals) + 1
    if pdf.will_page_break(12 + rows * 7.6):
        pdf.add_page()
        continued()
    pdf.heading("This day against your targets", size=11.5, space_before=2)
    columns = [
        Column(44, style="B", size=9.5),
        Column(34, "R", size=9.5),
        Column(38, "R", size=9.5),
        Column(18, "R", size=9.5),
        Column(6),
        Column(pdf.epw - 140, size=9, colour=MUTED),
    ]
    header = [Column(c.width, c.align, "B", 8.5, MUTED) for c in columns]
    pdf.row(["Nutrient", "Planned", "Target", "%", "", "How close"], header)
    for line in day.totals:
        pdf.row(
            [line.nutrient, line.actual, line.target, line.share, "", line.status_word],
            columns,
            fills=[None, None, None, None, status_dot(pdf, line.status)],
        )
    pdf.write_text(
        "On target: within 10 % (a minimum reached, a maximum kept) · close: within 20 %.",
        size=8,
        colour=MUTED,
        height=5,
    )


def _micronutrients(pdf: ClientPdf, page: MicroPage) -> None:
    pdf.add_page()
    pdf.write_text(page.title, size=17, style="B", colour=ACCENT, height=9)
    pdf.write_text(page.intro, size=9.5, colour=MUTED, height=4.8)
    pdf.ln(2)
    pdf.write_text(page.how_to_read, size=9.5, height=4.8)
    pdf.ln(3)
    columns = [
        Column(46, style="B", size=9.5),
        Column(34, "R", size=9.5),
        Column(36, "R", size=9.5),
        Column(16, "R", size=9.5),
        Column(6),
        Column(pdf.epw - 138, size=9, colour=MUTED),
    ]
    header = [Column(c.width, c.align, "B", 8.5, MUTED) for c in columns]
    pdf.row(["Nutrient", "Planned", "Goal", "%", "", ""], header)
    for line in page.lines:
        pdf.row(
            [line.nutrient, line.planned, line.goal, line.share, "", line.status_word],
            columns,
            fills=[None, None, None, None, _micro_dot(pdf, line.status)],
            line_height=5.2,
        )
    if page.notes:
        pdf.ln(3)
        for note in page.notes:
            pdf.write_text(note, size=8, colour=MUTED, height=4.2)


def _micro_dot(pdf: ClientPdf, status: str):
    def draw(x: float, y: float, w: float, h: float) -> None:
        pdf.set_fill_color(*rgb(MICRO_COLOURS[status]))
        pdf.circle(x + w / 2 + 0.5, y + h / 2, 1.3, style="F")

    return draw


def _recipes(pdf: ClientPdf, recipes: tuple[RecipeCard, ...], links: list[int]) -> None:
    pdf.add_page()
    pdf.write_text("Recipes", size=17, style="B", colour=ACCENT, height=9)
    pdf.ln(2)
    for recipe, link in zip(recipes, links, strict=True):
        _recipe(pdf, recipe, link)


def _recipe(pdf: ClientPdf, recipe: RecipeCard, link: int) -> None:
    if pdf.will_page_break(_recipe_height(pdf, recipe)):
        pdf.add_page()
    pdf.set_link(link, y=pdf.get_y(), page=pdf.page_no())
    pdf.write_text(recipe.name, size=12.5, style="B", colour=ACCENT, height=6.5)
    facts = recipe.makes + (f" · on the menu: {recipe.eaten_on}" if recipe.eaten_on else "")
    pdf.write_text(facts, size=8.5, colour=MUTED, height=4.3)
    if recipe.per_serving:
        pdf.write_text(recipe.per_serving, size=8.5, colour=MUTED, height=4.3)
    pdf.ln(1.5)
    columns = [
        Column(46, size=9.5),
        Column(pdf.epw - 46 - 18, size=9.5),
        Column(18, "R", size=9, colour=MUTED),
    ]
    for ingredient in recipe.ingredients:
        pdf.row(
            [ingredient.measure, ingredient.name, ingredient.weight],
            columns,
            line_height=4.4,
            rule=False,
        )
    if recipe.method:
        pdf.ln(1.5)
        pdf.write_text(recipe.method, size=9.5, height=4.8)
    pdf.ln(5)


def _label_checks(pdf: ClientPdf, checks: tuple[LabelCheck, ...]) -> None:
    pdf.add_page()
    pdf.write_text(label_checks.TITLE, size=17, style="B", colour=ACCENT, height=9)
    pdf.ln(1)
    pdf.write_text(label_checks.INTRO, size=9.5, height=4.8)
    pdf.ln(3)
    for check in checks:
        pdf.write_text(check.name, size=11, style="B", height=5.5)
        pdf.write_text(check.look_for, size=9.5, height=4.8)
        pdf.write_text(f"On the menu: {check.eaten_on}", size=8.5, colour=MUTED, height=4.3)
        pdf.ln(3)


def _recipe_height(pdf: ClientPdf, recipe: RecipeCard) -> float:
    """About how tall a recipe prints, to start it on a new page rather than split it."""
    pdf.set_font(FAMILY, "", 9.5)
    method_lines = len(pdf.wrap(recipe.method, pdf.epw))
    height = 6.5 + 4.3 * (2 if recipe.per_serving else 1) + 1.5 + 1.5 + 5
    height += len(recipe.ingredients) * 6.2 + method_lines * 4.8
    return min(height, pdf.eph * 0.9)


# --------------------------------------------------------------------------- shopping list


def shopping_pdf(
    shopping: ShoppingList, paper: Paper = Paper.A4, practice: str = "", compress: bool = True
) -> bytes:
    pdf = ClientPdf(
        paper, f"Shopping list · {shopping.client} · {shopping.menu}", practice, compress
    )
    pdf.add_page()
    if practice:
        pdf.write_text(practice, size=10, style="B", colour=MUTED)
        pdf.ln(2)
    pdf.write_text(
        f"Shopping list for {shopping.client}", size=18, style="B", colour=ACCENT, height=8.5
    )
    pdf.write_text(f"{shopping.menu} · {shopping.period}", size=11.5, height=6)
    pdf.write_text(shopping.explanation, size=8.5, colour=MUTED, height=4.3)
    pdf.ln(3)
    if not shopping.lines:
        pdf.ln(4)
        pdf.write_text("Nothing is planned on these days.", size=10, colour=MUTED)
    box, amount, eaten, buy = 8.0, 52.0, 20.0, 24.0
    columns = [
        Column(box, size=12),
        Column(pdf.epw - box - amount - eaten - buy, size=10),
        Column(amount, size=9.5),
        Column(eaten, "R", size=9.5, colour=MUTED),
        Column(buy, "R", style="B", size=9.5),
    ]
    header = [Column(c.width, c.align, "B", 8.5, MUTED) for c in columns]
    for aisle, lines in shopping.by_aisle():
        pdf.band(aisle, keep=20)  # its column names and first food too
        pdf.row(["", "Food", "Amount", "Eaten", "To buy"], header, line_height=4)

        def again(aisle: str = aisle) -> None:
            pdf.band(f"{aisle} (continued)")

        for line in lines:
            pdf.row(
                ["☐", line.food, line.amount, line.eaten_text, line.to_buy_text],
                columns,
                on_new_page=again,
            )
        pdf.ln(3)
    return bytes(pdf.output())
