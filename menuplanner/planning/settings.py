"""The generator's settings, checked once where they come in (page, CLI, notebook)."""

from __future__ import annotations

from dataclasses import dataclass

from menuplanner.domain.errors import ValidationFailed


@dataclass(frozen=True, slots=True)
class GenerateSettings:
    tolerance_pct: float = 5.0  # each of energy, protein, carbohydrate, fat within ± this
    min_items: int = 1  # items per meal the generator fills
    max_items: int = 4
    snack_max_items: int = 2  # a snack is one or two things
    repeat_limit: int = 2  # times a food or recipe may appear in a week (7 days of the menu)
    allow_restaurant: bool = False  # restaurant and fast foods (USDA groups 2100, 3600)
    cheapest: bool = False  # among menus within tolerance, the cheapest (needs prices)
    replace: bool = False  # False: fill empty meals; True: replace every unlocked item
    seed: int = 0  # another seed gives another valid menu ("regenerate")
    time_limit_s: float = 10.0  # per day, wall clock: a day usually needs well under 1 s; the
    # limit only bites on a machine busy with other work, or on a day that cannot be met
    per_category: int = 5  # candidates drawn per food category and meal for each day
    # Micronutrients to reach (nutrient keys): the client's RDA/AI as minimums, per "day" or
    # over the "week"'s average; with any chosen, the upper limits that apply are maximums.
    micronutrients: tuple[str, ...] = ()
    micronutrient_span: str = "week"

    def __post_init__(self) -> None:
        problems = []
        if not 1 <= self.tolerance_pct <= 25:
            problems.append(f"tolerance must be 1–25 %, not {self.tolerance_pct:g} %")
        if not 1 <= self.min_items <= self.max_items <= 8:
            problems.append(
                "items per meal must be 1 ≤ fewest ≤ most ≤ 8, "
                f"not {self.min_items}–{self.max_items}"
            )
        if not 1 <= self.snack_max_items <= 8:
            problems.append(f"items per snack must be 1–8, not {self.snack_max_items}")
        if not 1 <= self.repeat_limit <= 7:
            problems.append(f"a food may repeat 1–7 times a week, not {self.repeat_limit}")
        if not 0.2 <= self.time_limit_s <= 60:
            problems.append(f"the time limit per day must be 0.2–60 s, not {self.time_limit_s:g} s")
        if not 2 <= self.per_category <= 200:
            problems.append(f"candidates per category must be 2–200, not {self.per_category}")
        if self.micronutrient_span not in ("day", "week"):
            problems.append(
                f"micronutrient goals are met per day or over the week, not "
                f"{self.micronutrient_span!r}"
            )
        if problems:
            raise ValidationFailed("Settings refused: " + "; ".join(problems) + ".")

    @property
    def tolerance(self) -> float:
        return self.tolerance_pct / 100.0

    def max_items_for(self, is_snack: bool) -> int:
        return min(self.max_items, self.snack_max_items) if is_snack else self.max_items
