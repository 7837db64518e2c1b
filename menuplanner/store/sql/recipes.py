"""RecipeRepository in SQL (DuckDB and PostgreSQL): one workspace's recipes with their ingredients.

Ingredients keep their list order (stored as `position`) and come back with the food's name.
A new ingredient must be a food the workspace sees (NotFound otherwise, exactly as for a food
that does not exist): another workspace's imported food cannot be slipped in by its id.
"""

from __future__ import annotations

from collections.abc import Sequence

from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.ports import RecipeRepository, Usage
from menuplanner.store.sql.dialect import Sql
from menuplanner.store.sql.foods import VISIBLE_FOODS, unseen_foods
from menuplanner.store.sql.menus import rows_of

_OWN_RECIPES = "SELECT recipe_id FROM recipes WHERE workspace_id = ? AND recipe_id = ?"


class SqlRecipeRepository(RecipeRepository):
    def __init__(self, sql: Sql, workspace: str) -> None:
        self._sql = sql
        self._workspace = workspace

    def list(self) -> list[Recipe]:
        recipes = self._load("", [])
        return sorted(recipes.values(), key=lambda r: (r.name.casefold(), r.recipe_id))

    def get(self, recipe_id: int) -> Recipe:
        found = self.get_many([recipe_id])
        if recipe_id not in found:
            raise NotFound(f"There is no recipe with id {recipe_id}.")
        return found[recipe_id]

    def get_many(self, recipe_ids: Sequence[int]) -> dict[int, Recipe]:
        # An id beyond BIGINT names no recipe (an API caller can send one): none, not an error
        ids = [i for i in dict.fromkeys(int(i) for i in recipe_ids) if -(2**63) <= i < 2**63]
        if not ids:
            return {}
        return self._load(" AND r.recipe_id IN (SELECT unnest(?::BIGINT[]))", [ids])

    def add(self, recipe: Recipe) -> int:
        self._refuse_duplicate(recipe.name, None)
        self._refuse_unseen(recipe.ingredients, known=set())
        recipe_id = self._sql.value("SELECT nextval('user_row_ids')")
        self._sql.execute(
            "INSERT INTO recipes (recipe_id, workspace_id, name, servings, method, is_demo) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                recipe_id,
                self._workspace,
                recipe.name,
                recipe.servings,
                recipe.method,
                recipe.is_demo,
            ],
        )
        self._insert_ingredients(recipe_id, recipe.ingredients)
        return recipe_id

    def update(self, recipe: Recipe) -> None:
        stored = self.get(recipe.recipe_id)
        self._refuse_duplicate(recipe.name, recipe.recipe_id)
        self._refuse_unseen(recipe.ingredients, known={i.food_id for i in stored.ingredients})
        self._sql.execute(
            "UPDATE recipes SET name = ?, servings = ?, method = ?, is_demo = ? "
            "WHERE workspace_id = ? AND recipe_id = ?",
            [
                recipe.name,
                recipe.servings,
                recipe.method,
                recipe.is_demo,
                self._workspace,
                recipe.recipe_id,
            ],
        )
        self._delete_ingredients(recipe.recipe_id)
        self._insert_ingredients(recipe.recipe_id, recipe.ingredients)

    def delete(self, recipe_id: int) -> None:
        self.get(recipe_id)
        self._delete_ingredients(recipe_id)
        self._sql.execute(
            "DELETE FROM recipes WHERE workspace_id = ? AND recipe_id = ?",
            [self._workspace, recipe_id],
        )

    def using_food(self, food_id: int) -> list[Usage]:
        rows = self._sql.execute(
            "SELECT DISTINCT r.recipe_id, r.name FROM recipes r "
            "JOIN recipe_ingredients i USING (recipe_id) "
            "WHERE r.workspace_id = ? AND i.food_id = ?",
            [self._workspace, food_id],
        ).fetchall()
        return [Usage("recipe", name) for _, name in sorted(rows, key=_by_name)]

    def _load(self, condition: str, params: list) -> dict[int, Recipe]:
        rows = self._sql.execute(
            "SELECT r.recipe_id, r.name, r.servings, r.method, r.is_demo FROM recipes r "
            "WHERE r.workspace_id = ?" + condition,
            [self._workspace, *params],
        ).fetchall()
        recipes = {
            recipe_id: Recipe(name, servings, [], method, is_demo, recipe_id)
            for recipe_id, name, servings, method, is_demo in rows
        }
        for recipe_id, food_id, quantity, unit, grams, food_name in self._sql.execute(
            "SELECT i.recipe_id, i.food_id, i.quantity, i.unit, i.grams, coalesce(f.name, '') "
            "FROM recipe_ingredients i JOIN recipes r USING (recipe_id) "
            "LEFT JOIN foods f ON f.food_id = i.food_id AND f.food_id IN (" + VISIBLE_FOODS + ") "
            "WHERE r.workspace_id = ?" + condition + " ORDER BY i.recipe_id, i.position",
            [self._workspace, self._workspace, *params],
        ).fetchall():
            recipes[recipe_id].ingredients.append(
                Ingredient(food_id, quantity, unit, grams, food_name)
            )
        return recipes

    def _insert_ingredients(self, recipe_id: int, ingredients: Sequence[Ingredient]) -> None:
        if ingredients:
            self._sql.execute(
                "INSERT INTO recipe_ingredients (recipe_id, position, food_id, quantity, unit, "
                "grams) VALUES " + rows_of(6, len(ingredients)),
                [
                    value
                    for position, i in enumerate(ingredients)
                    for value in (recipe_id, position, i.food_id, i.quantity, i.unit, i.grams)
                ],
            )

    def _delete_ingredients(self, recipe_id: int) -> None:
        self._sql.execute(
            "DELETE FROM recipe_ingredients WHERE recipe_id IN (" + _OWN_RECIPES + ")",
            [self._workspace, recipe_id],
        )

    def _refuse_unseen(self, ingredients: Sequence[Ingredient], known: set[int]) -> None:
        """Foods already in the stored recipe stay allowed (even one whose dataset has gone)."""
        new = [i.food_id for i in ingredients if i.food_id not in known]
        unseen = unseen_foods(self._sql, self._workspace, new)
        if unseen:
            raise NotFound(f"There is no food with id {unseen[0]}.")

    def _refuse_duplicate(self, name: str, own_id: int | None) -> None:
        row = self._sql.execute(
            "SELECT count(*) FROM recipes WHERE workspace_id = ? AND name = ? "
            "AND recipe_id IS DISTINCT FROM ?",
            [self._workspace, name, own_id],
        ).fetchone()
        if row[0]:
            raise ValidationFailed(f"A recipe named '{name}' already exists.")


def _by_name(row: tuple) -> tuple:
    recipe_id, name = row
    return name.casefold(), recipe_id
