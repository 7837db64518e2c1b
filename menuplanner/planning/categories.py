"""Food categories as data (data/meals/categories.csv, a practice can edit it): for each category
the role it plays in a meal, the meals it suits, its realistic portion range with the source of
that range (FDA reference amounts customarily consumed, USDA SR26 household measures), the
household measures it is served in, and how many times a week it may appear at most.

Roles (what a meal pattern counts, data/meals/patterns.toml):

Role      | Categories
--------- | -----------------------------------------------------------------------------
main      | meat, fish, eggs, pulses, tofu, bacon, ham, sausages (a prepared dish: main + starch)
soup      | soups
starch    | bread, bagels, pancakes, grains and pasta, potatoes
cereal    | breakfast cereals, hot cereals (oatmeal, grits)
vegetable | cooked vegetables, salad vegetables, raw vegetables
fruit     | fruit, dried fruit
dairy     | yogurt, cottage cheese
cheese    | cheese
milk      | milk and plant milks
fat       | butter and spreads, nut butters, jam and honey, hummus, avocado, olives
drink     | juice
snack     | nuts, crackers and rice cakes, bars, popcorn and pretzels
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from menuplanner.domain.errors import ValidationFailed
from menuplanner.planning.meals import MealKind

MEALS_DIR = Path(__file__).resolve().parents[2] / "data" / "meals"
ROLES = (
    "main",
    "soup",
    "starch",
    "cereal",
    "vegetable",
    "fruit",
    "dairy",
    "cheese",
    "milk",
    "fat",
    "drink",
    "snack",
)
DRINK_ROLES = frozenset({"milk", "drink"})  # an item filling only these is a drink, not food
_MEAL_LETTERS = {"B": MealKind.BREAKFAST, "M": MealKind.MAIN, "S": MealKind.SNACK}


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str
    meals: frozenset[MealKind]
    min_g: float
    max_g: float
    measures: tuple[str, ...] = ()  # household measures to serve it in (first words), best first
    roles: tuple[str, ...] = ()  # its roles in a breakfast or snack
    main_roles: tuple[str, ...] = ()  # its roles at lunch and dinner
    per_week: int | None = None  # at most this many times a week (variety), None: no limit
    source: str = ""  # where the portion range comes from

    def roles_at(self, meal: MealKind) -> tuple[str, ...]:
        return self.main_roles if meal == MealKind.MAIN else self.roles

    def most_grams(self, roles: tuple[str, ...], protein_pct: float) -> float:
        """The largest portion in a meal where it fills `roles`, on a day of `protein_pct`."""
        return self.max_g * (main_portion_scale(protein_pct) if "main" in roles else 1.0)


HIGH_PROTEIN_PCT = 25.0  # from this share of energy, a day is high in protein
BIGGER_MAIN = 1.5  # a protein main's largest portion on such days, × its category's


def main_portion_scale(protein_pct: float) -> float:
    """A high-protein day (the accuracy set's vegan at 34 % of energy from protein) serves its
    mains half as large again as their category's largest (tofu 200 -> 300 g); every other
    portion, and every portion of other days, keeps its range."""
    return BIGGER_MAIN if protein_pct >= HIGH_PROTEIN_PCT else 1.0


def _split(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(sep) if p.strip())


def parse_categories(rows: list[dict[str, str]], where: str) -> dict[str, Category]:
    """Categories from rows of categories.csv; ValidationFailed names the line and the field."""
    found: dict[str, Category] = {}
    for line, row in enumerate(rows, start=2):
        try:
            key = row["key"].strip()
            roles = _split(row["role"])
            main_roles = _split(row.get("role_at_lunch_dinner") or "") or roles
            meals = frozenset(_MEAL_LETTERS[m] for m in _split(row["meals"]))
            low, high = float(row["min_g"]), float(row["max_g"])
            per_week = int(row["per_week"]) if (row.get("per_week") or "").strip() else None
        except (KeyError, ValueError) as e:
            raise ValidationFailed(f"{where}, line {line}: cannot read {e}.") from None
        unknown = sorted(set(roles + main_roles) - set(ROLES))
        if not key or key in found:
            raise ValidationFailed(f"{where}, line {line}: a missing or repeated key {key!r}.")
        if unknown:
            raise ValidationFailed(
                f"{where}, line {line}: unknown role {', '.join(unknown)} "
                f"(roles: {', '.join(ROLES)})."
            )
        if not (0 < low <= high <= 2000) or not roles or not meals:
            raise ValidationFailed(
                f"{where}, line {line} ({key}): needs a role, meals (B M S) and "
                f"0 < min_g ≤ max_g ≤ 2000."
            )
        found[key] = Category(
            key,
            row["label"].strip(),
            meals,
            low,
            high,
            _split(row.get("measures") or "", "|"),
            roles,
            main_roles,
            per_week,
            (row.get("source") or "").strip(),
        )
    return found


@functools.cache
def load_categories(path: Path = MEALS_DIR / "categories.csv") -> dict[str, Category]:
    with path.open(encoding="utf-8", newline="") as f:
        return parse_categories(list(csv.DictReader(f)), path.name)
