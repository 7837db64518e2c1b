"""The name a client reads for a food in one workspace: the name a person gave the food there
("Banana, ripe"), else the name the rules make from USDA's description (display_names.py). A
label the dietitian typed on a menu item still wins over both.

A workspace keeps the names it gave as one JSON map, food id → name, in its settings (key
`display_names`), so no table is needed; every store reads and writes it through `read_names`
and `with_name`, so all of them clean, keep and drop names alike. Names are cleaned as other
names are (validation.clean_name) and kept as typed: whoever prints them escapes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from menuplanner.domain.display_names import food_display_name
from menuplanner.domain.foods import Food
from menuplanner.domain.validation import clean_name

SETTING_KEY = "display_names"  # the workspace_settings key of the JSON map
MAX_HANDOUT_NAME_LENGTH = 120  # one line of a handout, as the practice name
FIELD = "Handout name"  # "Handout name is empty.", "… in the handout name; …"


def clean_handout_name(text: str | None) -> str:
    """`text` tidied (whitespace), refused when empty, too long or holding control
    characters, with a sentence saying which."""
    return clean_name(text, FIELD, MAX_HANDOUT_NAME_LENGTH)


def read_names(stored: str | None) -> dict[int, str]:
    """The map as stored; what cannot be read as food id → name (a hand-edited row) is left
    out, so the foods concerned fall back to their automatic names instead of a handout
    failing."""
    if not stored:
        return {}
    try:
        raw = json.loads(stored)
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    names = {}
    for key, value in raw.items():
        if isinstance(key, str) and key.isdigit() and isinstance(value, str) and value:
            names[int(key)] = value
    return names


def written(names: Mapping[int, str]) -> str:
    """The map as stored: ids in order, text as typed (not \\u-escaped)."""
    return json.dumps({str(k): names[k] for k in sorted(names)}, ensure_ascii=False)


def with_name(names: Mapping[int, str], food_id: int, name: str | None) -> dict[int, str]:
    """`names` with the food's name set (cleaned) or, with None, removed."""
    changed = dict(names)
    if name is None:
        changed.pop(food_id, None)
    else:
        changed[food_id] = clean_handout_name(name)
    return changed


def handout_name(food: Food, names: Mapping[int, str]) -> str:
    """The workspace's name for the food, else the rule-made one."""
    return names.get(food.food_id) or food_display_name(food)


def item_handout_name(label: str, food: Food | None, names: Mapping[int, str]) -> str:
    """What a client reads for a menu item or a recipe ingredient: a label the dietitian typed
    (one that is not the food's USDA name) as typed; else the food's handout name."""
    if food is not None and (not label or label == food.name):
        return handout_name(food, names)
    return label or ""
