"""The page every client PDF is printed on (fpdf2, pure Python: no browser): the bundled DejaVu
fonts, so any Latin, Greek or Cyrillic name prints; running header and page numbers; table rows
that wrap and never split across pages; the weekly chart drawn with fpdf2's own primitives.

Text is always written as text (fpdf2's markdown stays off), so a name like `**x**` or
`<script>` prints as typed. Characters DejaVu has no glyph for (emoji, most CJK) print as one
"□" per run, and the foot of that page says what the mark means, rather than as blank space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from menuplanner.domain.formatting import format_number
from menuplanner.export.chart import MACRO_COLOURS, TARGET_COLOUR, WeekChart
from menuplanner.export.document import Paper

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

INK = (34, 34, 34)
MUTED = (105, 105, 105)
RULE = (205, 211, 211)
ACCENT = (31, 95, 99)
BAND = (234, 242, 241)
STATUS_COLOURS = {"ok": "#54A24B", "near": "#F2A93B", "off": "#E45756", "empty": "#BBBBBB"}

MARGIN = 15.0
MISSING_GLYPH = "□"
MISSING_GLYPH_NOTE = "□ marks characters this PDF's font cannot draw (such as emoji)."
# Zero-width joiner, variation selectors and skin tones: parts of the emoji before them.
_JOINERS = {0x200D, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400)}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass(frozen=True, slots=True)
class Column:
    width: float  # mm
    align: str = "L"
    style: str = ""
    size: float = 10.0
    colour: tuple[int, int, int] = INK


class ClientPdf(FPDF):
    """A4 or Letter, portrait; from page 2 on a running line (`running` left, `practice` right)
    and "Page n of N" at the foot of every page."""

    def __init__(self, paper: Paper, running: str, practice: str = "", compress: bool = True):
        super().__init__(orientation="P", unit="mm", format=paper.value.lower())
        missing = [name for name in FONT_FILES.values() if not (FONT_DIR / name).exists()]
        if missing:
            raise FileNotFoundError(
                f"The PDF fonts are missing from {FONT_DIR} ({', '.join(missing)}); restore them "
                "with `git checkout -- data/fonts`."
            )
        for style, name in FONT_FILES.items():
            self.add_font(FAMILY, style, FONT_DIR / name)
        self.set_margins(MARGIN, MARGIN + 2, MARGIN)
        self.set_auto_page_break(True, MARGIN + 3)
        self.set_compression(compress)
        self.set_creator("menuplanner")
        self.set_title(running)
        self.running = running
        self.practice = practice
        self.set_font(FAMILY, "", 10)
        self.set_text_color(*INK)
        self.glyphs_missing_on_page = False

    def normalize_text(self, text: str) -> str:
        """Every character the font lacks replaced by the visible mark (an emoji sequence joined
        by zero-width joiners, variation selectors or skin tones becomes one mark)."""
        cmap = getattr(self.current_font, "cmap", None)
        # DejaVu has every ASCII character: the common case costs one check.
        if text.isascii() or not cmap or all(ord(char) in cmap for char in text):
            return super().normalize_text(text)
        printed: list[str] = []
        for char in text:
            if ord(char) in cmap and not (
                printed and printed[-1] == MISSING_GLYPH and ord(char) in _JOINERS
            ):
                printed.append(char)
            elif not (printed and printed[-1] == MISSING_GLYPH):
                printed.append(MISSING_GLYPH)
        self.glyphs_missing_on_page = True
        return super().normalize_text("".join(printed))

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        top = MARGIN - 6
        self.set_xy(MARGIN, top)
        width = self.epw * (0.62 if self.practice else 1.0)
        self.cell(width, 4, fit(self, self.running, width))
        if self.practice:
            self.set_xy(MARGIN + width, top)
            self.cell(self.epw - width, 4, fit(self, self.practice, self.epw - width), align="R")
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, top + 5, MARGIN + self.epw, top + 5)
        self.set_xy(MARGIN, MARGIN + 2)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        if self.glyphs_missing_on_page:
            self.set_y(-MARGIN - 1)
            self.cell(0, 4, MISSING_GLYPH_NOTE, align="C")
            self.glyphs_missing_on_page = False
        self.set_y(-MARGIN + 3)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(*INK)

    # ---------------------------------------------------------------------------- text

    def write_text(
        self,
        text: str,
        size: float = 10,
        style: str = "",
        colour=INK,
        height: float | None = None,
        align: str = "L",
        link=None,
    ) -> None:
        """A paragraph across the page width, wrapped; moves below it."""
        self.set_font(FAMILY, style, size)
        self.set_text_color(*colour)
        for line in self.wrap(text, self.epw):
            self.set_x(self.l_margin)
            self.cell(
                self.epw,
                height or size * 0.5,
                line,
                align=align,
                link=link or "",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        self.set_text_color(*INK)

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` broken into lines that fit `width` mm in the current font: at spaces, inside a
        word only when the word alone is too long; its own line breaks kept. (fpdf2's
        multi_cell does the same, ten times slower on a recipe's method.)"""
        room = width - 2 * self.c_margin
        space = self.get_string_width(" ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.get_string_width(word)
                if line and used + space + size <= room:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                while size > room and len(word) > 1:  # a word wider than the column
                    cut = len(word) - 1
                    while cut > 1 and self.get_string_width(word[:cut]) > room:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self.get_string_width(word)
                line, used = word, size
            lines.append(line)
        return lines

    def heading(self, text: str, size: float = 13, space_before: float = 4) -> None:
        self.ln(space_before)
        self.write_text(text, size=size, style="B", colour=ACCENT, height=size * 0.55)
        self.ln(1)

    def band(
        self,
        left: str,
        right: str = "",
        on_new_page: Callable[[], None] | None = None,
        keep: float = 8.0,
    ) -> None:
        """A shaded bar across the page: a meal's name and its energy. It starts a new page
        rather than end one: `keep` mm below it stay on its page (its first row)."""
        height = 7.0
        if self.will_page_break(height + keep):
            self.add_page()
            if on_new_page:
                on_new_page()
        self.set_fill_color(*BAND)
        self.set_font(FAMILY, "B", 10.5)
        self.set_text_color(*ACCENT)
        self.set_x(self.l_margin)
        right_width = self.get_string_width(right) + 4 if right else 0
        self.cell(
            self.epw - right_width, height, fit(self, left, self.epw - right_width - 2), fill=True
        )
        if right:
            self.set_font(FAMILY, "", 9.5)
            self.cell(right_width, height, right, fill=True, align="R")
        self.ln(height)
        self.set_text_color(*INK)

    def row(
        self,
        texts: Sequence[str],
        columns: Sequence[Column],
        line_height: float = 4.8,
        links: Sequence[int | None] = (),
        rule: bool = True,
        on_new_page: Callable[[], None] | None = None,
        fills: Sequence[Callable[[float, float, float, float], None] | None] = (),
    ) -> None:
        """One table row: each text wrapped in its column, the row as tall as its tallest cell,
        moved whole to the next page when it does not fit (then `on_new_page` redraws a heading).
        `fills[i](x, y, w, h)` may draw into cell i before its text (a status dot)."""
        pad = 1.3
        counts = [self._lines(text, column) for text, column in zip(texts, columns, strict=True)]
        height = max(counts) * line_height + 2 * pad
        if self.will_page_break(height):
            self.add_page()
            if on_new_page:
                on_new_page()
        top = self.get_y()
        x = self.l_margin
        for index, (text, column) in enumerate(zip(texts, columns, strict=True)):
            draw = fills[index] if index < len(fills) else None
            if draw:
                draw(x, top, column.width, height)
            self.set_xy(x, top + pad)
            self.set_font(FAMILY, column.style, column.size)
            self.set_text_color(*column.colour)
            link = links[index] if index < len(links) else None
            for number, line in enumerate(self.wrap(text, column.width)):
                self.set_xy(x, top + pad + number * line_height)
                self.cell(column.width, line_height, line, align=column.align, link=link or "")
            x += column.width
        self.set_text_color(*INK)
        self.set_y(top + height)
        if rule:
            self.set_draw_color(*RULE)
            self.set_line_width(0.15)
            self.line(
                self.l_margin,
                self.get_y(),
                self.l_margin + sum(c.width for c in columns),
                self.get_y(),
            )

    def _lines(self, text: str, column: Column) -> int:
        """How many lines `text` wraps to in `column`."""
        self.set_font(FAMILY, column.style, column.size)
        return len(self.wrap(text, column.width))

    def ruled_lines(self, count: int, gap: float = 8.0) -> None:
        """Empty lines to write on, as many of `count` as fit on the page."""
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        for _ in range(count):
            if self.will_page_break(gap):
                break
            self.ln(gap)
            self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())


def fit(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit one line of `width` mm in the current font."""
    if pdf.get_string_width(text) <= width - 2:
        return text
    while text and pdf.get_string_width(text + "…") > width - 2:
        text = text[:-1]
    return text.rstrip() + "…"


def status_dot(pdf: FPDF, status: str) -> Callable[[float, float, float, float], None]:
    def draw(x: float, y: float, w: float, h: float) -> None:
        pdf.set_fill_color(*rgb(STATUS_COLOURS[status]))
        pdf.circle(x + w / 2 + 0.5, y + h / 2, 1.3, style="F")  # x, y: the centre (fpdf2 2.8)

    return draw


# ----------------------------------------------------------------------------------- chart


def draw_week_chart(pdf: FPDF, chart: WeekChart, x: float, y: float, w: float, h: float) -> None:
    """Stacked kcal bars per day with the energy target as a dark line, a legend above, round
    ticks at the left, the day under each bar."""
    legend_h, axis_w, labels_h = 7.0, 13.0, 6.0
    plot_x, plot_y = x + axis_w, y + legend_h
    plot_w, plot_h = w - axis_w, h - legend_h - labels_h
    _legend(pdf, x + axis_w, y)
    top = chart.top or 1.0

    def y_of(kcal: float) -> float:
        return plot_y + plot_h - plot_h * min(kcal, top) / top

    pdf.set_font(FAMILY, "", 7.5)
    pdf.set_text_color(*MUTED)
    pdf.set_line_width(0.15)
    for tick in chart.ticks:
        pdf.set_draw_color(*(RULE if tick else MUTED))
        pdf.line(plot_x, y_of(tick), plot_x + plot_w, y_of(tick))
        label = format_number(tick, 0 if tick >= 10 or tick == 0 else 1)
        pdf.text(plot_x - 1.5 - pdf.get_string_width(label), y_of(tick) + 1.2, label)
    pdf.text(x, plot_y - 1.2, chart.unit)
    slot = plot_w / max(1, len(chart.bars))
    bar_w = min(slot * 0.62, 16.0)
    for index, bar in enumerate(chart.bars):
        left = plot_x + slot * index + (slot - bar_w) / 2
        base = 0.0
        for name, kcal in bar.kcal.items():
            if kcal > 0:
                pdf.set_fill_color(*rgb(MACRO_COLOURS[name]))
                pdf.rect(left, y_of(base + kcal), bar_w, y_of(base) - y_of(base + kcal), style="F")
            base += kcal
        if bar.target_kcal:
            pdf.set_draw_color(*rgb(TARGET_COLOUR))
            pdf.set_line_width(0.7)
            pdf.line(left - 1.2, y_of(bar.target_kcal), left + bar_w + 1.2, y_of(bar.target_kcal))
            pdf.set_line_width(0.15)
        label = bar.label if len(chart.bars) <= 14 else bar.label.split()[-1]  # "Mon 11" or "11"
        label_w = pdf.get_string_width(label)
        pdf.text(left + bar_w / 2 - label_w / 2, plot_y + plot_h + 4.2, label)
    pdf.set_text_color(*INK)


def _legend(pdf: FPDF, x: float, y: float) -> None:
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(*INK)
    for name, colour in MACRO_COLOURS.items():
        pdf.set_fill_color(*rgb(colour))
        pdf.rect(x, y + 0.8, 3, 3, style="F")
        pdf.text(x + 4.2, y + 3.5, name)
        x += 4.2 + pdf.get_string_width(name) + 5
    pdf.set_draw_color(*rgb(TARGET_COLOUR))
    pdf.set_line_width(0.7)
    pdf.line(x, y + 2.3, x + 5, y + 2.3)
    pdf.set_line_width(0.15)
    pdf.text(x + 6.2, y + 3.5, "Energy target")
