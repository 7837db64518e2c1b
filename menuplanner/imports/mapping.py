"""Which column of a table is what: the food's id, name and group, the serving size, and the
nutrients with their units. Suggested from header names (English, German, French, Spanish,
Italian, Dutch, Portuguese, the Nordic languages, Finnish, Polish: header_synonyms.toml),
confirmed by the user, and saved as JSON to reuse with the next release of the same table.
"""

from __future__ import annotations

import json
import re
from typing import Literal

import polars as pl
from pydantic import BaseModel, Field, ValidationError, field_validator

from menuplanner.domain import search
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.nutrients import BY_KEY, ENERGY, MACROS
from menuplanner.imports import synonyms

Basis = Literal["per_100g", "per_serving"]
MASS_UNITS = {"g": 1.0, "mg": 1e-3, "µg": 1e-6}
ENERGY_UNITS = {"kcal": 1.0, "kJ": 1 / 4.184}
ROLE_ID, ROLE_NAME, ROLE_GROUP, ROLE_SERVING, ROLE_BRAND = (
    "id",
    "name",
    "group",
    "serving_size",
    "brand",
)
ROLES = {
    ROLE_ID: "Food id / code",
    ROLE_NAME: "Food name",
    ROLE_GROUP: "Food group",
    ROLE_SERVING: "Serving size (g)",
    ROLE_BRAND: "Brand / manufacturer",
}


def units_for(nutrient: str) -> list[str]:
    return list(ENERGY_UNITS) if nutrient == ENERGY else list(MASS_UNITS)


def factor(nutrient: str, unit: str) -> float:
    """Multiply a value in `unit` by this to get it in the catalogue's unit for `nutrient`."""
    if nutrient == ENERGY:
        return ENERGY_UNITS[unit]
    return MASS_UNITS[unit] / MASS_UNITS[BY_KEY[nutrient].unit]


class NutrientColumn(BaseModel):
    column: str
    nutrient: str
    unit: str

    @field_validator("nutrient")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in BY_KEY:
            raise ValueError(f"{value!r} is not a nutrient menuplanner knows")
        return value


class TableMapping(BaseModel):
    """A saved mapping. Columns are named by their header text."""

    kind: Literal["menuplanner-table-mapping"] = "menuplanner-table-mapping"
    version: Literal[1] = 1
    id_column: str | None = None
    name_column: str | None = None
    group_column: str | None = None
    brand_column: str | None = None
    serving_size_column: str | None = None
    basis: Basis = "per_100g"
    decimal: Literal["auto", "comma", "dot"] = "auto"
    nutrients: list[NutrientColumn] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    @staticmethod
    def from_json(text: str | bytes) -> TableMapping:
        try:
            return TableMapping.model_validate_json(text)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the file"
            raise ValidationFailed(
                f"This is not a saved menuplanner mapping ({where}: {first['msg']})."
            ) from None

    def used_columns(self) -> list[str]:
        roles = [
            self.id_column,
            self.name_column,
            self.group_column,
            self.brand_column,
            self.serving_size_column,
        ]
        return [c for c in roles if c] + [n.column for n in self.nutrients]

    def problems(self, columns: list[str]) -> list[str]:
        """Sentences saying why this mapping cannot be used on a table with `columns`."""
        found = []
        missing = [c for c in dict.fromkeys(self.used_columns()) if c not in columns]
        if missing:
            found.append("The table has no column " + ", ".join(f"“{c}”" for c in missing) + ".")
        if not self.name_column:
            found.append("Choose the column that holds the food names.")
        mapped = [n.nutrient for n in self.nutrients]
        if ENERGY not in mapped and not set(MACROS) & set(mapped):
            found.append(
                "The mapping has no energy column and no protein, fat or carbohydrate "
                "column: map at least one of them so foods have energy."
            )
        for key in dict.fromkeys(mapped):
            columns_of = [n for n in self.nutrients if n.nutrient == key]
            units = [n.unit for n in columns_of]
            if len(columns_of) > 1 and not (key == ENERGY and sorted(units) == ["kJ", "kcal"]):
                names = " and ".join(f"“{n.column}”" for n in columns_of)
                found.append(f"{BY_KEY[key].name} is mapped twice ({names}); keep one.")
        for n in self.nutrients:
            if n.unit not in units_for(n.nutrient):
                found.append(
                    f"“{n.column}”: {BY_KEY[n.nutrient].name} can be given in "
                    f"{' or '.join(units_for(n.nutrient))}, not {n.unit!r}."
                )
        if self.basis == "per_serving" and not self.serving_size_column:
            found.append("Values per serving need the column that holds the serving size in grams.")
        return found


# ------------------------------------------------------------------------------ suggestions

_UNIT_TOKEN = re.compile(
    r"(?:\(|\[|,|\s|^)\s*(kcal|kj|mg|µg|μg|ug|mcg|grams|gram|gms|gm|gr|g)\s*(?:/\s*100\s*g)?"
    r"\s*(?:\)|\]|$)",
    re.IGNORECASE,
)
# Words that say nothing of what a column holds: "Total Calories", "Standard Portion",
# "Fat content", "Amount of protein".
_FILLER = {"total", "standard", "typical", "average", "avg", "amount", "content", "of", "value"}
_PER_100 = re.compile(
    r"\b(?:per|pro|pour|por|per|je|i|w|/)\s*100\s*(?:g|gram|grams|gramm|ml)\b", re.IGNORECASE
)


def _fold(text: str) -> str:
    folded = search.fold(text.replace("µ", "u").replace("μ", "u").replace("ß", "ss"))
    return " ".join(re.sub(r"[^a-z0-9+\-]+", " ", folded).split())


def header_unit(header: str) -> str | None:
    """The unit written in a header: 'Fett (g/100 g)' → 'g', 'Energie [kJ]' → 'kJ'."""
    cleaned = _PER_100.sub(" ", header)
    found = _UNIT_TOKEN.findall(cleaned)
    if not found:
        return None
    unit = found[-1].lower()
    grams = {"g": "g", "gm": "g", "gms": "g", "gr": "g", "gram": "g", "grams": "g"}
    return {"kcal": "kcal", "kj": "kJ", "mg": "mg", **grams}.get(unit, "µg")


def _header_words(header: str) -> str:
    cleaned = _PER_100.sub(" ", header)
    cleaned = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", cleaned)  # units and notes in brackets
    cleaned = _UNIT_TOKEN.sub(" ", cleaned)
    words = [w for w in _fold(cleaned).split() if w not in _FILLER]
    return " ".join(words) or _fold(cleaned) or _fold(header)


def _contains(words: str, name: str) -> bool:
    """`name` (one or more words) appears among the header's words as whole words."""
    return f" {name} " in f" {words} "


def _by_words(words: str, table: dict[str, set[str]]) -> str | None:
    """The key whose longest name appears among the header's words ("calories" in "total
    calories"); a name of three letters or fewer must be the whole header."""
    found = [
        (len(name), key)
        for key, names in table.items()
        for name in names
        if len(name) > 3 and _contains(words, name)
    ]
    return max(found)[1] if found else None


_ROLE_NAMES, _NUTRIENT_NAMES = synonyms.load(tuple(ROLES), _fold)
_FOLDED_ROLES = {role: {_fold(s) for s in words} for role, words in _ROLE_NAMES.items()}
_FOLDED_NUTRIENTS = {key: {_fold(s) for s in words} for key, words in _NUTRIENT_NAMES.items()}


def suggest_role(header: str) -> str | None:
    words = _header_words(header)
    for role, names in _FOLDED_ROLES.items():
        if words in names:
            return role
    if suggest_nutrient(header) is not None:
        return None  # "Food energy" is energy, not the food's name
    return _by_words(words, _FOLDED_ROLES)


def suggest_nutrient(header: str) -> tuple[str, str] | None:
    """(nutrient key, unit) for a header, or None. Exact matches of the header's words first,
    then a header that starts with a known name ("Protein, total N x 6.25"), then a known name
    among its words ("Total Calories (kcal)")."""
    found = suggest_nutrient_exactly(header)
    if found is not None:
        return found
    key = _by_words(_header_words(header), _FOLDED_NUTRIENTS)
    return None if key is None else (key, _unit_for(key, header_unit(header)))


def suggest_nutrient_exactly(header: str) -> tuple[str, str] | None:
    words = _header_words(header)
    unit = header_unit(header)
    if words in ("kj", "kcal"):
        return ENERGY, "kJ" if words == "kj" else "kcal"
    for key, names in _FOLDED_NUTRIENTS.items():
        if words in names:
            return key, _unit_for(key, unit)
    for key, names in _FOLDED_NUTRIENTS.items():
        for name in names:
            if len(name) > 3 and (words.startswith(name + " ") or words.startswith(name + ",")):
                return key, _unit_for(key, unit)
    return None


def _unit_for(key: str, unit: str | None) -> str:
    if unit in units_for(key):
        return unit
    return "kcal" if key == ENERGY else BY_KEY[key].unit


def suggest(columns: list[str], sample: pl.DataFrame | None = None) -> TableMapping:
    """A first mapping from the headers (and, for the name column when no header says so, the
    values in `sample`); the user confirms or changes it."""
    roles: dict[str, str] = {}
    nutrients: list[NutrientColumn] = []
    for column in columns:
        role = suggest_role(column)
        if role and role not in roles:
            roles[role] = column
            continue
        found = suggest_nutrient(column)
        if found is None:
            continue
        key, unit = found
        taken = [n for n in nutrients if n.nutrient == key]
        if not taken or (key == ENERGY and all(n.unit != unit for n in taken) and len(taken) == 1):
            nutrients.append(NutrientColumn(column=column, nutrient=key, unit=unit))
    if ROLE_NAME not in roles and columns:
        taken = set(roles.values()) | {n.column for n in nutrients}
        free = [c for c in columns if c not in taken] or columns
        roles[ROLE_NAME] = _most_text_like(free, sample) if sample is not None else free[0]
    serving = roles.get(ROLE_SERVING)
    return TableMapping(
        id_column=roles.get(ROLE_ID),
        name_column=roles.get(ROLE_NAME),
        group_column=roles.get(ROLE_GROUP),
        brand_column=roles.get(ROLE_BRAND),
        serving_size_column=serving,
        basis=_basis(columns, serving),
        nutrients=nutrients,
    )


def _basis(columns: list[str], serving: str | None) -> Basis:
    """Values per serving when the table has a serving or portion column in grams ("Standard
    Portion (gm)") and no header says its values are per 100 g."""
    if serving is None or header_unit(serving) != "g":
        return "per_100g"
    return "per_100g" if any(_PER_100.search(column) for column in columns) else "per_serving"


def energy_note(mapping: TableMapping) -> str | None:
    """What happens to energy when no column is mapped to it; None when one is."""
    if any(n.nutrient == ENERGY for n in mapping.nutrients):
        return None
    return (
        "No column is mapped to energy: each food's energy will be computed from its protein, "
        "fat and carbohydrate (4/9/4 kcal per g)."
    )


def _most_text_like(columns: list[str], sample: pl.DataFrame) -> str:
    """The column whose values are longest and least like numbers: food names."""

    def score(column: str) -> float:
        values = [v for v in sample.get_column(column).head(50).to_list() if v]
        if not values:
            return -1.0
        wordy = sum(1 for v in values if re.search(r"[^\W\d_]{3,}", v)) / len(values)
        return wordy * 100 + sum(len(v) for v in values) / len(values)

    return max(columns, key=score)


def describe(mapping: TableMapping) -> str:
    """One line per mapped column, for the CLI."""
    lines = [
        f"  {ROLES[role]}: {column}"
        for role, column in (
            (ROLE_ID, mapping.id_column),
            (ROLE_NAME, mapping.name_column),
            (ROLE_GROUP, mapping.group_column),
            (ROLE_BRAND, mapping.brand_column),
            (ROLE_SERVING, mapping.serving_size_column),
        )
        if column
    ]
    lines += [f"  {BY_KEY[n.nutrient].name} ({n.unit}): {n.column}" for n in mapping.nutrients]
    basis = (
        "per serving (the serving size column)" if mapping.basis == "per_serving" else ("per 100 g")
    )
    lines.append(f"  Values are {basis}")
    if note := energy_note(mapping):
        lines.append(f"  {note}")
    return "\n".join(lines)


def loads(text: str | bytes) -> TableMapping:
    return TableMapping.from_json(text)


def dumps(mapping: TableMapping) -> str:
    return json.dumps(json.loads(mapping.to_json()), indent=2, ensure_ascii=False)
