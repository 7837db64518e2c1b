"""A menu file's foods on PostgreSQL: as in SQL (store/sql/menu_exchange.py), with the words of
the name the server ranks search by."""

from __future__ import annotations

from menuplanner.domain import search
from menuplanner.domain.foods import Food
from menuplanner.store.sql.menu_exchange import SqlImportedFoods


def name_columns(name: str) -> dict[str, list[str]]:
    """foods.name_words and foods.head_words of a food named `name`."""
    return {
        "name_words": search.words(name),
        "head_words": search.words(name.split(",", 1)[0]),
    }


class PgImportedFoods(SqlImportedFoods):
    def _engine_columns(self, food: Food) -> dict[str, object]:
        return name_columns(food.name)
