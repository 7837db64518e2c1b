"""The printable page: the same document as the PDF, as one self-contained HTML file (inline CSS,
the chart as inline SVG, no script). Every text is escaped with html.escape, and a Content
Security Policy forbids scripts and outside requests even if something slipped through.
Printing it from a browser gives a page per day, as the PDF does."""

from __future__ import annotations

from html import escape

from menuplanner.domain.formatting import format_number
from menuplanner.export import label_checks
from menuplanner.export.chart import MACRO_COLOURS, TARGET_COLOUR, WeekChart
from menuplanner.export.document import Day, MenuDocument, RecipeCard
from menuplanner.export.micronutrients import STATUS_COLOURS as MICRO_COLOURS
from menuplanner.export.micronutrients import MicroPage
from menuplanner.export.pdf import HOW_TO_READ

STATUS_COLOURS = {"ok": "#54A24B", "near": "#F2A93B", "off": "#E45756", "empty": "#BBBBBB"}
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { --ink: #222; --muted: #696969; --accent: #1f5f63; --band: #eaf2f1; --rule: #cdd3d3; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: var(--ink);
       max-width: 190mm; margin: 0 auto; padding: 12px; font-size: 10.5pt; line-height: 1.4; }
h1 { color: var(--accent); font-size: 20pt; margin: 0 0 4px; }
h2 { color: var(--accent); font-size: 15pt; margin: 18px 0 8px; display: flex;
     justify-content: space-between; align-items: baseline; gap: 12px; }
h2 span, .muted { color: var(--muted); font-size: 9.5pt; font-weight: normal; }
h3 { color: var(--accent); font-size: 11.5pt; margin: 14px 0 6px; }
p { margin: 4px 0; }
.practice { color: var(--muted); font-weight: bold; }
.sub { font-size: 12pt; }
.notes p { white-space: pre-line; }
.lines div { border-bottom: 1px solid var(--rule); height: 8mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 10px; table-layout: fixed; }
col.name { width: 50%; } col.measure { width: 28%; } col.weight { width: 10%; }
col.kcal { width: 12%; }
.no-numbers col.name { width: 58%; } .no-numbers col.measure { width: 30%; }
.no-numbers col.weight { width: 12%; }
th, td { text-align: left; padding: 4px 6px; vertical-align: top;
         border-bottom: 1px solid var(--rule); }
thead th { background: var(--band); color: var(--accent); border-bottom: none; }
thead th span { float: right; font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
.kcal { color: var(--muted); }
.totals thead th { color: var(--muted); font-size: 8.5pt; background: none; }
.totals tbody th { font-weight: bold; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; }
.recipe td { border-bottom: none; padding: 1px 6px; }
.recipe col.measure { width: 28%; } .recipe col.ingredient { width: 60%; }
.method { white-space: pre-line; }
a { color: inherit; }
svg { width: 100%; height: auto; }
@media print {
  body { max-width: none; padding: 0; }
  .day, .recipes { break-before: page; }
  tr, .recipe { break-inside: avoid; }
  a { text-decoration: none; }
}
"""


def menu_html(document: MenuDocument) -> str:
    e = escape
    page_size = "A4" if document.paper.value == "A4" else "letter"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(document.title)} · {e(document.menu)}</title>",
        f"<style>{STYLE}@page {{ size: {page_size}; margin: 15mm; }}</style>",
        "</head><body>",
        '<header class="first">',
    ]
    if document.practice:
        parts.append(f'<p class="practice">{e(document.practice)}</p>')
    parts += [
        f"<h1>{e(document.title)}</h1>",
        f'<p class="sub">{e(document.menu)} · {e(document.period)}</p>',
        f'<p class="muted">{e(document.prepared)}</p>',
    ]
    if document.targets:
        parts.append(f"<p>{e(document.targets)}</p>")
    parts.append("</header>")
    if document.chart is not None:
        parts += [
            "<section>",
            "<h3>Energy from protein, carbohydrate and fat each day</h3>",
            week_chart_svg(document.chart),
        ]
        if document.average:
            parts.append(f'<p class="muted">{e(document.average)}</p>')
        parts.append("</section>")
    parts += [
        f"<section><h3>How to read this plan</h3><p>{e(HOW_TO_READ)}</p></section>",
        '<section class="notes"><h3>Notes</h3>',
        f"<p>{e(document.notes)}</p>" if document.notes else "",
        '<div class="lines">' + "<div></div>" * (3 if document.notes else 6) + "</div>",
        "</section>",
    ]
    parts += [_day(day, number, document.with_numbers) for number, day in enumerate(document.days)]
    if document.micronutrients is not None:
        parts.append(_micronutrients(document.micronutrients))
    if document.recipes:
        parts.append('<section class="recipes"><h2>Recipes</h2>')
        parts += [_recipe(recipe, index) for index, recipe in enumerate(document.recipes)]
        parts.append("</section>")
    if document.label_checks:
        parts.append(f'<section class="recipes"><h2>{e(label_checks.TITLE)}</h2>')
        parts.append(f"<p>{e(label_checks.INTRO)}</p>")
        for check in document.label_checks:
            parts += [
                f"<h3>{e(check.name)}</h3>",
                f"<p>{e(check.look_for)}</p>",
                f'<p class="muted">On the menu: {e(check.eaten_on)}</p>',
            ]
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _day(day: Day, number: int, numbers: bool) -> str:
    e = escape
    aside = day.number + (f" · {day.energy}" if numbers and day.meals else "")
    parts = [
        f'<section class="day" id="day-{number + 1}">',
        f"<h2>{e(day.title)} <span>{e(aside)}</span></h2>",
    ]
    if not day.meals:
        parts.append('<p class="muted">Nothing is planned for this day yet.</p>')
    columns = 4 if numbers else 3
    for meal in day.meals:
        energy = f"<span>{e(meal.energy)}</span>" if numbers else ""
        cols = '<col class="name"><col class="measure"><col class="weight">' + (
            '<col class="kcal">' if numbers else ""
        )
        parts.append(
            f'<table class="meal{"" if numbers else " no-numbers"}"><colgroup>{cols}'
            f'</colgroup><thead><tr><th colspan="{columns}">{e(meal.name)}{energy}</th>'
            "</tr></thead><tbody>"
        )
        for item in meal.items:
            name = e(item.name)
            if item.recipe_index is not None:
                name = f'<a href="#recipe-{item.recipe_index + 1}">{name}</a>'
            cells = [
                f"<td>{name}</td>",
                f"<td>{e(item.measure)}</td>",
                f'<td class="num">{e(item.weight)}</td>',
            ]
            if numbers:
                cells.append(f'<td class="num kcal">{e(item.energy)}</td>')
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    if day.totals:
        parts += [
            "<h3>This day against your targets</h3>",
            '<table class="totals"><thead><tr>',
            '<th>Nutrient</th><th class="num">Planned</th><th class="num">Target</th>'
            '<th class="num">%</th><th>How close</th></tr></thead><tbody>',
        ]
        for line in day.totals:
            dot = f'<span class="dot" style="background:{STATUS_COLOURS[line.status]}"></span>'
            parts.append(
                f"<tr><th>{e(line.nutrient)}</th><td class='num'>{e(line.actual)}</td>"
                f"<td class='num'>{e(line.target)}</td><td class='num'>{e(line.share)}</td>"
                f"<td>{dot}{e(line.status_word)}</td></tr>"
            )
        parts.append("</tbody></table>")
        parts.append(
            '<p class="muted">On target: within 10 % (a minimum reached, a maximum '
            "kept) · close: within 20 %.</p>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _micronutrients(page: MicroPage) -> str:
    e = escape
    parts = [
        '<section class="recipes" id="micronutrients">',
        f"<h2>{e(page.title)}</h2>",
        f'<p class="muted">{e(page.intro)}</p>',
        f"<p>{e(page.how_to_read)}</p>",
        '<table class="totals"><thead><tr><th>Nutrient</th><th class="num">Planned</th>'
        '<th class="num">Goal</th><th class="num">%</th><th></th></tr></thead><tbody>',
    ]
    for line in page.lines:
        dot = f'<span class="dot" style="background:{MICRO_COLOURS[line.status]}"></span>'
        parts.append(
            f"<tr><th>{e(line.nutrient)}</th><td class='num'>{e(line.planned)}</td>"
            f"<td class='num'>{e(line.goal)}</td><td class='num'>{e(line.share)}</td>"
            f"<td>{dot}{e(line.status_word)}</td></tr>"
        )
    parts.append("</tbody></table>")
    parts += [f'<p class="muted">{e(note)}</p>' for note in page.notes]
    parts.append("</section>")
    return "\n".join(parts)


def _recipe(recipe: RecipeCard, index: int) -> str:
    e = escape
    facts = recipe.makes + (f" · on the menu: {recipe.eaten_on}" if recipe.eaten_on else "")
    parts = [
        f'<article class="recipe" id="recipe-{index + 1}">',
        f"<h3>{e(recipe.name)}</h3>",
        f'<p class="muted">{e(facts)}</p>',
    ]
    if recipe.per_serving:
        parts.append(f'<p class="muted">{e(recipe.per_serving)}</p>')
    parts.append(
        '<table><colgroup><col class="measure"><col class="ingredient"><col></colgroup><tbody>'
    )
    for ingredient in recipe.ingredients:
        parts.append(
            f"<tr><td>{e(ingredient.measure)}</td><td>{e(ingredient.name)}</td>"
            f'<td class="num kcal">{e(ingredient.weight)}</td></tr>'
        )
    parts.append("</tbody></table>")
    if recipe.method:
        parts.append(f'<p class="method">{e(recipe.method)}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def week_chart_svg(chart: WeekChart, width: float = 720, height: float = 280) -> str:
    """The weekly chart as inline SVG, drawn like the PDF's."""
    e = escape
    legend_h, axis_w, labels_h = 26.0, 48.0, 22.0
    plot_x, plot_y = axis_w, legend_h
    plot_w, plot_h = width - axis_w - 4, height - legend_h - labels_h
    top = chart.top or 1.0

    def y_of(kcal: float) -> float:
        return round(plot_y + plot_h - plot_h * min(kcal, top) / top, 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        'role="img" aria-label="Energy from protein, carbohydrate and fat each day" '
        'font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">'
    ]
    x = plot_x
    for name, colour in MACRO_COLOURS.items():
        parts.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="15">{e(name)}</text>'
        )
        x += 24 + 7 * len(name)
    parts.append(
        f'<line x1="{x}" y1="11" x2="{x + 16}" y2="11" stroke="{TARGET_COLOUR}" '
        f'stroke-width="3"/><text x="{x + 22}" y="15">Energy target</text>'
    )
    for tick in chart.ticks:
        colour = "#cdd3d3" if tick else "#696969"
        label = format_number(tick, 0 if tick >= 10 or tick == 0 else 1)
        parts.append(
            f'<line x1="{plot_x}" y1="{y_of(tick)}" x2="{plot_x + plot_w}" '
            f'y2="{y_of(tick)}" stroke="{colour}" stroke-width="1"/>'
            f'<text x="{plot_x - 6}" y="{y_of(tick) + 4}" text-anchor="end" '
            f'fill="#696969">{e(label)}</text>'
        )
    slot = plot_w / max(1, len(chart.bars))
    bar_w = min(slot * 0.62, 60.0)
    for index, bar in enumerate(chart.bars):
        left = round(plot_x + slot * index + (slot - bar_w) / 2, 2)
        base = 0.0
        for name, kcal in bar.kcal.items():
            if kcal > 0:
                parts.append(
                    f'<rect x="{left}" y="{y_of(base + kcal)}" width="{bar_w:.2f}" '
                    f'height="{y_of(base) - y_of(base + kcal):.2f}" '
                    f'fill="{MACRO_COLOURS[name]}"><title>{e(name)}: '
                    f"{format_number(kcal, 0)} {e(chart.unit)}</title></rect>"
                )
            base += kcal
        if bar.target_kcal:
            parts.append(
                f'<line x1="{left - 4}" y1="{y_of(bar.target_kcal)}" '
                f'x2="{left + bar_w + 4:.2f}" y2="{y_of(bar.target_kcal)}" '
                f'stroke="{TARGET_COLOUR}" stroke-width="3"/>'
            )
        label = bar.label if len(chart.bars) <= 14 else bar.label.split()[-1]
        parts.append(
            f'<text x="{left + bar_w / 2:.2f}" y="{plot_y + plot_h + 16}" '
            f'text-anchor="middle">{e(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
