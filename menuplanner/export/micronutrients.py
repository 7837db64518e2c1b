"""The handout's optional micronutrient page: the week's average against the client's goals,
one line per nutrient as the menu builder says it, with what is unknown and how to read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from menuplanner.domain.formatting import format_number
from menuplanner.domain.nutrients import BY_KEY
from menuplanner.nutrition.adequacy import coverage_sentence

if TYPE_CHECKING:
    from menuplanner.services.adequacy import MenuAdequacy

TITLE = "Vitamins and minerals"
STATUS_WORDS = {
    "met": "goal met",
    "below": "a little under",
    "low": "low",
    "over": "above the upper limit",
    "unknown": "unknown",
    "empty": "",
}
# As the chart's rule (nutrition/adequacy.py): the dots of the PDF and printable page.
STATUS_COLOURS = {
    "met": "#54A24B",
    "below": "#F2A93B",
    "low": "#E45756",
    "over": "#7B3FA0",
    "unknown": "#BBBBBB",
    "empty": "#BBBBBB",
}
HOW_TO_READ = (
    "The average of your planned days against the amounts recommended for you (the US/Canadian "
    "Dietary Reference Intakes: RDA, or AI where no RDA is set). Goal met: 100 % or more; a "
    "little under: 67–100 %; low: under two thirds. “At least” means some foods have no value "
    "for that nutrient in the food tables, so the true amount is higher."
)


@dataclass(frozen=True, slots=True)
class MicroLine:
    nutrient: str  # "Vitamin B12"
    planned: str  # "1.14 µg", "at least 2.5 µg", "unknown"
    goal: str  # "2.4 µg (RDA)"
    share: str  # "48 %"
    status: str  # a key of STATUS_WORDS

    @property
    def status_word(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class MicroPage:
    title: str
    intro: str  # the life stage
    lines: tuple[MicroLine, ...]
    notes: tuple[str, ...]  # what is unknown, where a measure differs
    how_to_read: str = HOW_TO_READ


def micro_page(adequacy: MenuAdequacy | None) -> MicroPage | None:
    """The page, or None without goals (no life stage and no goals of one's own) or plan."""
    if adequacy is None or not adequacy.goals:
        return None
    week = adequacy.week
    if not week.height or not int(week["days"].max() or 0):
        return None
    lines = tuple(_line(row) for row in week.iter_rows(named=True) if row["goal"] is not None)
    notes = [coverage_sentence(row, "week") for row in week.iter_rows(named=True)]
    notes += [
        f"{BY_KEY[g.nutrient].name}: {g.measure_note}" for g in adequacy.goals if g.measure_note
    ]
    days = int(week["days"].max())
    return MicroPage(
        TITLE,
        f"Average of the {days} planned day{'s' if days != 1 else ''}. "
        + adequacy.stage_sentence.removeprefix("Life stage: "),
        lines,
        tuple(n for n in notes if n),
    )


def _line(row: dict) -> MicroLine:
    nutrient = BY_KEY[row["nutrient"]]
    if row["amount"] is None:
        planned = "unknown"
    else:
        amount = format_number(row["amount"], nutrient.decimals)
        planned = f"{'' if row['complete'] else 'at least '}{amount} {nutrient.unit}"
    kind = {"own": "your goal"}.get(row["kind"], row["kind"])
    share = f"{row['pct']:.0f} %" if row["pct"] is not None else ""
    return MicroLine(
        nutrient.name, planned, f"{row['goal']:,g} {nutrient.unit} ({kind})", share, row["status"]
    )
