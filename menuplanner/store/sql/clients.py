"""ClientRepository in SQL (DuckDB and PostgreSQL): one workspace's clients; deleting one
deletes its menus."""

from __future__ import annotations

import dataclasses
import json

from menuplanner.domain.clients import ActivityLevel, Client, Condition, Goal, NutrientGoal, Sex
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import Targets
from menuplanner.ports import ClientRepository
from menuplanner.store.sql.dialect import Sql

_COLUMNS = (
    "client_id, name, sex, birth_year, height_cm, weight_kg, activity, goal, allergies, diets, "
    "dislikes, notes, protein_g_per_kg, fat_pct, manual_targets, is_demo, life_condition, "
    "nutrient_goals"
)


class SqlClientRepository(ClientRepository):
    def __init__(self, sql: Sql, workspace: str) -> None:
        self._sql = sql
        self._workspace = workspace

    def list(self) -> list[Client]:
        rows = self._sql.execute(
            "SELECT " + _COLUMNS + " FROM clients WHERE workspace_id = ?", [self._workspace]
        ).fetchall()
        clients = [_client(row) for row in rows]
        return sorted(clients, key=lambda c: (c.name.casefold(), c.client_id))

    def get(self, client_id: int) -> Client:
        row = self._sql.execute(
            "SELECT " + _COLUMNS + " FROM clients WHERE workspace_id = ? AND client_id = ?",
            [self._workspace, client_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no client with id {client_id}.")
        return _client(row)

    def add(self, client: Client) -> int:
        self._refuse_duplicate(client.name, None)
        client_id = self._sql.value("SELECT nextval('user_row_ids')")
        self._sql.execute(
            "INSERT INTO clients (workspace_id, " + _COLUMNS + ") "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self._workspace, client_id, *_values(client)],
        )
        return client_id

    def update(self, client: Client) -> None:
        self.get(client.client_id)
        self._refuse_duplicate(client.name, client.client_id)
        self._sql.execute(
            "UPDATE clients SET name = ?, sex = ?, birth_year = ?, height_cm = ?, weight_kg = ?, "
            "activity = ?, goal = ?, allergies = ?, diets = ?, dislikes = ?, notes = ?, "
            "protein_g_per_kg = ?, fat_pct = ?, manual_targets = ?, is_demo = ?, "
            "life_condition = ?, nutrient_goals = ? "
            "WHERE workspace_id = ? AND client_id = ?",
            [*_values(client), self._workspace, client.client_id],
        )

    def delete(self, client_id: int) -> None:
        self.get(client_id)
        menus = "SELECT menu_id FROM menus WHERE workspace_id = ? AND client_id = ?"
        ids = [self._workspace, client_id]
        self._sql.execute("DELETE FROM menu_items WHERE menu_id IN (" + menus + ")", ids)
        self._sql.execute("DELETE FROM menus WHERE workspace_id = ? AND client_id = ?", ids)
        self._sql.execute("DELETE FROM clients WHERE workspace_id = ? AND client_id = ?", ids)

    def _refuse_duplicate(self, name: str, own_id: int | None) -> None:
        row = self._sql.execute(
            "SELECT count(*) FROM clients WHERE workspace_id = ? AND name = ? "
            "AND client_id IS DISTINCT FROM ?",
            [self._workspace, name, own_id],
        ).fetchone()
        if row[0]:
            raise ValidationFailed(f"A client named '{name}' already exists.")


def _values(client: Client) -> list:
    """Column values in `_COLUMNS` order, without the id."""
    return [
        client.name,
        Sex(client.sex).value,
        client.birth_year,
        client.height_cm,
        client.weight_kg,
        ActivityLevel(client.activity).value,
        Goal(client.goal).value,
        sorted(Allergen(a).value for a in client.allergies),
        sorted(Diet(d).value for d in client.diets),
        list(client.dislikes),
        client.notes,
        client.protein_g_per_kg,
        client.fat_pct,
        targets_json(client.manual_targets),
        client.is_demo,
        Condition(client.condition).value,
        goals_json(client.nutrient_goals),
    ]


def _client(row: tuple) -> Client:
    (
        client_id,
        name,
        sex,
        birth_year,
        height,
        weight,
        activity,
        goal,
        allergies,
        diets,
        dislikes,
        notes,
        protein_per_kg,
        fat_pct,
        manual_targets,
        is_demo,
        condition,
        nutrient_goals,
    ) = row
    return Client(
        name=name,
        sex=Sex(sex),
        birth_year=birth_year,
        height_cm=height,
        weight_kg=weight,
        activity=ActivityLevel(activity),
        goal=Goal(goal),
        allergies=frozenset(Allergen(a) for a in allergies),
        diets=frozenset(Diet(d) for d in diets),
        dislikes=tuple(dislikes),
        notes=notes,
        protein_g_per_kg=protein_per_kg,
        fat_pct=fat_pct,
        manual_targets=targets_from_json(manual_targets),
        is_demo=is_demo,
        client_id=client_id,
        condition=Condition(condition),
        nutrient_goals=goals_from_json(nutrient_goals),
    )


def targets_json(targets: Targets | None) -> str | None:
    return None if targets is None else json.dumps(dataclasses.asdict(targets))


def targets_from_json(text: str | None) -> Targets | None:
    return None if text is None else Targets(**json.loads(text))


def goals_json(goals: tuple[NutrientGoal, ...]) -> str | None:
    return json.dumps([dataclasses.asdict(g) for g in goals]) if goals else None


def goals_from_json(text: str | None) -> tuple[NutrientGoal, ...]:
    return tuple(NutrientGoal(**g) for g in json.loads(text)) if text else ()
