"""Food search terms: normalisation, matching and ranking, shared by every store adapter.

A query matches a name when every query word is the start of some word of the name, after both
are folded to lower-case ASCII and lightly stemmed ("Blueberries" and "blueberry" meet). Matches
rank plain, common foods first: not branded and not from unusual groups (baby, fast, restaurant
foods); the name's head (before the first comma) made only of query words ("Egg, whole" before
"Egg substitute" and "Eggnog"); foods in USDA's dietary survey (commonly eaten); the first query
word early in the name; foods with many household measures (everyday foods have them); then fewer
qualifiers and shorter names.
"""

from __future__ import annotations

import re
import unicodedata

from menuplanner.domain.foods import UNUSUAL_GROUPS, looks_branded  # noqa: F401

_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_LENGTH = 200


# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
    }
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("oes"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(fold(text))]


def query_terms(query: str) -> list[str]:
    """Distinct stemmed words of a user's query, in the order typed."""
    return list(dict.fromkeys(words(query[:MAX_QUERY_LENGTH])))


def search_text(name: str) -> str:
    """What a store keeps per food to match against: ' word word ...' (leading space)."""
    return " " + " ".join(words(name))


def matches(text: str, terms: list[str]) -> bool:
    """`text` is a `search_text`; true when every term starts one of its words."""
    return all(" " + term in text for term in terms)


def rank_key(
    name: str,
    group_code: str,
    is_branded: bool,
    is_common: bool,
    portion_count: int,
    terms: list[str],
) -> tuple:
    """Sort key: smaller is a better match."""
    name_words = words(name)
    head_words = words(name.split(",", 1)[0])
    first_hit = next(
        (i for i, w in enumerate(name_words) if terms and w.startswith(terms[0])), len(name_words)
    )
    return (
        is_branded or group_code in UNUSUAL_GROUPS,
        not (head_words and set(head_words) <= set(terms)),
        not is_common,
        first_hit,
        -min(portion_count, 8),  # everyday foods come with many household measures
        name.count(","),
        len(name),
        name,
    )
