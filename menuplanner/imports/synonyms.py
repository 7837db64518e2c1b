"""The header names that suggest a column's meaning, read from header_synonyms.toml (beside
this module) and checked when loaded: roles and nutrient keys menuplanner knows, lists of
non-empty names, and no name (folded) meaning two things."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from importlib import resources

from menuplanner.domain.nutrients import BY_KEY

SYNONYMS_FILE = "header_synonyms.toml"


class SynonymsError(ValueError):
    """The synonyms file is not as the loader expects (a programming error: it ships with us)."""


@functools.cache
def load(
    roles: tuple[str, ...], fold: Callable[[str], str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(names by role, names by nutrient key), as written in the file; `roles` are the roles a
    mapping knows and `fold` how headers are compared."""
    text = resources.files("menuplanner.imports").joinpath(SYNONYMS_FILE).read_text("utf-8")
    return parse(text, roles, fold)


def parse(
    text: str, roles: tuple[str, ...], fold: Callable[[str], str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """`load` of the file's `text` (SynonymsError saying what is wrong)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SynonymsError(f"{SYNONYMS_FILE} cannot be read: {error}") from None
    if set(data) != {"roles", "nutrients"}:
        raise SynonymsError(f"{SYNONYMS_FILE} must have [roles] and [nutrients], not {set(data)}")
    by_role = _lists(data["roles"], set(roles), "role")
    by_nutrient = _lists(data["nutrients"], set(BY_KEY), "nutrient")
    meaning: dict[str, str] = {}
    for kind, table in (("role", by_role), ("nutrient", by_nutrient)):
        for key, names in table.items():
            for name in names:
                folded, here = fold(name), f"{kind} {key}"
                if meaning.setdefault(folded, here) != here:
                    raise SynonymsError(
                        f"{SYNONYMS_FILE}: {name!r} is listed for {meaning[folded]} and {here}"
                    )
    return by_role, by_nutrient


def _lists(table: dict, known: set[str], kind: str) -> dict[str, tuple[str, ...]]:
    if unknown := set(table) - known:
        raise SynonymsError(f"{SYNONYMS_FILE}: unknown {kind} {sorted(unknown)}")
    found = {}
    for key, names in table.items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise SynonymsError(f"{SYNONYMS_FILE}: {kind} {key} needs a list of names")
        found[key] = tuple(names)
    return found
