"""Clients: saving (checked, one unit of work), deleting with their menus, the overview a page
lists, and the targets a client's menus are judged by, with the reason when there are none."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from menuplanner.domain.clients import Client, NutrientGoal
from menuplanner.domain.errors import MenuplannerError, ValidationFailed
from menuplanner.domain.nutrient_goals import ResolvedGoal, resolve, stage_sentence
from menuplanner.domain.profile import AGE, age_in, fail_if_any
from menuplanner.domain.targets import (
    TYPED_LIMITS,
    Targets,
    TargetWorking,
    client_targets,
    targets_from_percentages,
    validate_targets,
)
from menuplanner.domain.validation import validate_client
from menuplanner.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class ClientTargets:
    """A client's daily targets, or the sentence saying why there are none yet."""

    targets: Targets | None
    working: TargetWorking | None  # None when typed by hand (or missing)
    problem: str | None = None
    missing: tuple[str, ...] = ()  # profile measurements still to enter ("height", ...)

    @property
    def typed(self) -> bool:
        return self.targets is not None and self.working is None


@dataclass(frozen=True, slots=True)
class ClientRow:
    """One line of the clients overview."""

    client: Client
    age: int | None
    targets: ClientTargets
    menu_count: int


def list_clients(uow: UnitOfWork) -> list[Client]:
    with uow:
        return uow.clients.list()


def get_client(uow: UnitOfWork, client_id: int) -> Client:
    with uow:
        return uow.clients.get(client_id)


def overview(uow: UnitOfWork, today: dt.date) -> list[ClientRow]:
    """Every client (by name) with age, targets and how many menus they have."""
    with uow:
        clients = uow.clients.list()
        menus = Counter(m.client_id for m in uow.menus.list())
    return [
        ClientRow(c, _age(c, today), targets_for(c, today), menus[c.client_id]) for c in clients
    ]


def menu_count(uow: UnitOfWork, client_id: int) -> int:
    """How many menus deleting the client deletes with it."""
    with uow:
        uow.clients.get(client_id)
        return len(uow.menus.list(client_id))


def save_client(uow: UnitOfWork, client: Client, today: dt.date | None = None) -> int:
    """Adds a new client or updates a stored one; returns its id. Refused, with every problem
    named, when the profile is out of range or its targets cannot be computed; a profile that
    only lacks height, weight or birth year is saved (its targets can be typed later)."""
    today = today or dt.date.today()
    client = replace(validate_client(client, today), is_demo=False)  # edited: the user's own
    checked = targets_for(client, today)
    if checked.problem and not checked.missing:
        raise ValidationFailed(checked.problem)
    with uow:
        if client.client_id is None:
            client_id = uow.clients.add(client)
        else:
            uow.clients.update(client)
            client_id = client.client_id
        uow.commit()
    return client_id


def save_nutrient_goals(
    uow: UnitOfWork, client_id: int, goals: tuple[NutrientGoal, ...], today: dt.date | None = None
) -> None:
    """Replace the client's own micronutrient goals and limits (checked, every problem named)."""
    with uow:
        client = uow.clients.get(client_id)
        changed = validate_client(replace(client, nutrient_goals=tuple(goals)), today)
        uow.clients.update(replace(changed, is_demo=client.is_demo))
        uow.commit()


def micronutrient_goals(
    uow: UnitOfWork, client: Client, today: dt.date
) -> tuple[str, list[ResolvedGoal]]:
    """The sentence naming the client's life stage (or what is missing for one) and every
    micronutrient goal they are judged by, with its working."""
    with uow:
        table = uow.intakes.table()
    return stage_sentence(client, today), resolve(client, table, today)


def delete_client(uow: UnitOfWork, client_id: int) -> None:
    """Deletes the client and every menu planned for them, in one transaction."""
    with uow:
        uow.clients.delete(client_id)
        uow.commit()


def targets_for(client: Client, today: dt.date) -> ClientTargets:
    """Typed targets, or the profile's with their working; when neither can be had, no targets
    and the reason ("Add height to compute targets from the profile, or type them by hand.")."""
    if missing := _missing(client):
        names = " and ".join(filter(None, [", ".join(missing[:-1]), missing[-1]]))
        problem = f"Add {names} to compute targets from the profile, or type them by hand."
        return ClientTargets(None, None, problem, missing)
    try:
        targets, working = client_targets(client, today)
    except MenuplannerError as error:
        return ClientTargets(None, None, str(error))
    return ClientTargets(targets, working)


def birth_year_from(age: int | None, birth_year: int | None, today: dt.date) -> int | None:
    """The birth year a form means when it offers age or birth year: either one, or both when
    they agree (age as reached this year)."""
    if age is None:
        return birth_year
    fail_if_any([AGE.problem(age)])
    from_age = today.year - int(age)
    if birth_year is not None and birth_year != from_age:
        raise ValidationFailed(
            f"Age {age:g} and birth year {birth_year} disagree (born {birth_year} is "
            f"{age_in(today.year, birth_year)} this year); give one of them."
        )
    return from_age


def typed_targets(
    energy_kcal: float,
    protein: float,
    carbohydrate: float,
    fat: float,
    fibre_min_g: float,
    sodium_max_mg: float,
    *,
    macros_in_pct: bool,
) -> Targets:
    """Targets typed by hand: macros in grams, or in % of energy (then adding up to 100 %)."""
    if macros_in_pct:
        fail_if_any([TYPED_LIMITS["energy_kcal"].problem(energy_kcal)])
        return targets_from_percentages(
            energy_kcal, protein, carbohydrate, fat, fibre_min_g, sodium_max_mg
        )
    return validate_targets(
        Targets(energy_kcal, protein, carbohydrate, fat, fibre_min_g, sodium_max_mg)
    )


def _age(client: Client, today: dt.date) -> int | None:
    return None if client.birth_year is None else age_in(today.year, client.birth_year)


def _missing(client: Client) -> tuple[str, ...]:
    """The measurements a profile without typed targets still lacks, in form order."""
    if client.manual_targets is not None:
        return ()
    measured = {
        "age or birth year": client.birth_year,
        "height": client.height_cm,
        "weight": client.weight_kg,
    }
    return tuple(name for name, value in measured.items() if value is None)
