"""The name a food has on the client's handouts in this workspace: read, given, or taken back to
the automatic (rule-made) one. The PDF, printable page and shopping list print it; see
domain/handout_names.py."""

from __future__ import annotations

from dataclasses import dataclass

from menuplanner.domain.display_names import USDA, food_display_name
from menuplanner.domain.handout_names import clean_handout_name
from menuplanner.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class HandoutName:
    name: str  # what the client reads
    automatic: str  # the name the rules make from the food's description
    own: bool  # a person gave the food this name in this workspace
    by_rules: bool = True  # the automatic name is made from USDA's description (else: an
    # imported food's name as its dataset spells it)


def handout_name(uow: UnitOfWork, food_id: int) -> HandoutName:
    """Raises NotFound for a food this workspace cannot see."""
    with uow:
        return _read(uow, food_id)


def set_handout_name(uow: UnitOfWork, food_id: int, name: str | None) -> HandoutName:
    """Give the food `name` on handouts (tidied; ValidationFailed with a sentence when empty,
    too long or holding control characters, and nothing changes), or with None go back to the
    automatic name."""
    cleaned = None if name is None else clean_handout_name(name)
    with uow:
        uow.foods.get(food_id)  # NotFound for a food this workspace cannot see
        uow.settings.set_display_name(food_id, cleaned)
        now = _read(uow, food_id)
        uow.commit()
    return now


def _read(uow: UnitOfWork, food_id: int) -> HandoutName:
    food = uow.foods.get(food_id)
    automatic = food_display_name(food)
    own = uow.settings.display_names([food_id]).get(food_id)
    return HandoutName(own or automatic, automatic, own is not None, food.dataset == USDA)
