"""What a food contains, and what it may contain that nobody has checked: one answer for every
check (the menu builder, the generator, Swap, the Foods page, the client's PDF).

- A person's confirmation (the Foods page correction, per workspace) is the whole answer: the
  food contains exactly the tags confirmed, nothing is unverified.
- An ingredient list (FoodData Central Branded foods) is read by the word rules of `tagging`;
  it is authoritative, except for its "may contain" and "made in a facility that also
  processes …" statements, which stay unverified.
- Otherwise the name and food group give what the food contains (`tagging`), and the hidden
  sources of processed and branded foods what it may contain (`hidden_sources`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from menuplanner.domain.foods import Food
from menuplanner.domain.hidden_sources import hidden_in
from menuplanner.domain.tagging import tags_for_food, words_of
from menuplanner.domain.tags import Tag

LABEL_STATEMENT = "the label says it may contain them"
# Precautionary statements of a label: what follows them (to the end of the sentence) is a risk
# of cross-contact, not an ingredient.
_MAY_CONTAIN = re.compile(
    r"(?:may (?:also )?contain|(?:made|manufactured|processed|produced|packed|packaged)"
    r" (?:in|on|with) (?:a )?(?:facility|plant|shared equipment|equipment|the same))[^.;]*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Composition:
    contains: frozenset[Tag]
    unverified: frozenset[Tag] = frozenset()  # may contain: only the label can tell
    # Why each unverified tag is suspected: (hidden source or label statement, its tags).
    sources: tuple[tuple[str, frozenset[Tag]], ...] = ()
    confirmed: bool = False  # a person confirmed the tags: nothing is unverified
    from_ingredients: bool = False  # read from the food's ingredient list

    def reasons(self, tags: frozenset[Tag]) -> tuple[str, ...]:
        """The sources suspecting any of `tags`, in order, each once."""
        return tuple(dict.fromkeys(label for label, of in self.sources if of & tags))

    def __or__(self, other: Composition) -> Composition:
        """A recipe holds what any of its ingredients holds (contained beats unverified)."""
        contains = self.contains | other.contains
        return Composition(
            contains,
            (self.unverified | other.unverified) - contains,
            tuple(dict.fromkeys(self.sources + other.sources)),
            self.confirmed and other.confirmed,
            self.from_ingredients and other.from_ingredients,
        )


NOTHING = Composition(frozenset(), confirmed=True)  # the start of a recipe's union


def composition_of(
    name: str,
    group_code: str,
    *,
    branded: bool = False,
    ingredients: str = "",
    confirmed: frozenset[Tag] | None = None,
) -> Composition:
    """`confirmed`: the tags a person confirmed for this food in the workspace, if any."""
    if confirmed is not None:
        return Composition(frozenset(confirmed), confirmed=True)
    return _by_rules(name, group_code, branded, ingredients.strip())


@functools.cache
def _by_rules(name: str, group_code: str, branded: bool, ingredients: str) -> Composition:
    if ingredients:
        listed, may_contain = read_ingredients(ingredients)
        contains = tags_for_food(name, "") | listed
        unverified = may_contain - contains
        sources = ((LABEL_STATEMENT, unverified),) if unverified else ()
        return Composition(contains, unverified, sources, from_ingredients=True)
    contains = tags_for_food(name, group_code)
    hidden = hidden_in(name, group_code, words_of(name), branded=branded)
    unverified = hidden.tags - contains
    sources = tuple(
        (label, tags & unverified)
        for label, tags in hidden.sources_with_tags()
        if tags & unverified
    )
    return Composition(contains, unverified, sources)


def read_ingredients(text: str) -> tuple[frozenset[Tag], frozenset[Tag]]:
    """(what an ingredient list contains, what its precautionary statements say it may)."""
    statements = " ".join(match.group(0) for match in _MAY_CONTAIN.finditer(text))
    listed = _MAY_CONTAIN.sub(" ", text)
    return tags_for_food(listed, ""), tags_for_food(statements, "") if statements else frozenset()


def food_composition(food: Food, confirmed: Mapping[int, frozenset[Tag]]) -> Composition:
    """A catalogue food's composition; `confirmed`: the workspace's confirmed tags by food id."""
    return composition_of(
        food.name,
        food.group_code,
        branded=food.is_branded,
        ingredients=food.ingredients,
        confirmed=confirmed.get(food.food_id),
    )
