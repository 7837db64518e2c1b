"""FoodCatalog in SQL (DuckDB and PostgreSQL): the shared foods (the bundled USDA data) and the
foods of the workspace's own imported datasets; another workspace's imports are not there at
all."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import polars as pl

from menuplanner.domain import search
from menuplanner.domain.drinks import poured_measures
from menuplanner.domain.errors import NotFound
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.nutrients import KEYS
from menuplanner.domain.tags import Tag
from menuplanner.ports import FoodCatalog, FoodHit, SearchPage
from menuplanner.store.sql.bundled_foods import BUNDLED_DATASET_ID, KEPT, BundledFoods
from menuplanner.store.sql.dialect import Sql

# What one workspace sees, each with one `?` for the workspace id: datasets with no owner
# (shared) or its own; their foods; food groups unless every food in them is someone else's.
SEEN_BY = "(d.workspace_id IS NULL OR d.workspace_id = ?)"  # on `datasets d`
VISIBLE_DATASETS = "SELECT d.dataset_id FROM datasets d WHERE " + SEEN_BY
VISIBLE_FOODS = "SELECT food_id FROM foods WHERE dataset_id IN (" + VISIBLE_DATASETS + ")"
# A shared group (USDA's codes) always; a group an import made ("D<dataset id>:…") only while
# a food the workspace sees is in it, so another workspace's groups leave no trace (also under
# PostgreSQL's row-level security, where the others' foods are not there to count).
VISIBLE_GROUPS = (
    "SELECT g.group_code, g.group_name FROM food_groups g WHERE NOT starts_with(g.group_code, "
    "'D') OR EXISTS (SELECT 1 FROM foods f JOIN datasets d USING (dataset_id) "
    "WHERE f.group_code = g.group_code AND " + SEEN_BY + ")"
)
_HIT_COLUMNS = (
    "SELECT f.food_id, f.name, f.group_code, g.group_name, d.name AS dataset, "
    "f.is_branded, f.is_common, f.portion_count FROM foods f "
    "JOIN food_groups g USING (group_code) JOIN datasets d USING (dataset_id) WHERE " + SEEN_BY
)


def unseen_foods(sql: Sql, workspace: str, food_ids: Sequence[int]) -> list[int]:
    """Those of `food_ids` the workspace does not see (missing, or another workspace's)."""
    ids = list(dict.fromkeys(int(i) for i in food_ids))
    if not ids:
        return []
    seen = {
        row[0]
        for row in sql.execute(
            "SELECT food_id FROM ("
            + VISIBLE_FOODS
            + ") AS visible WHERE food_id IN (SELECT unnest(?::BIGINT[]))",
            [workspace, ids],
        ).fetchall()
    }
    return [i for i in ids if i not in seen]


class SqlFoodCatalog(FoodCatalog):
    def __init__(self, sql: Sql, workspace: str, kept: BundledFoods = KEPT) -> None:
        self._sql = sql
        self._workspace = workspace
        self._kept = kept
        self._stamp: Hashable | None = None
        self._stamp_read = False

    def search(
        self, query: str, group_code: str | None = None, limit: int = 25, offset: int = 0
    ) -> SearchPage:
        terms = search.query_terms(query)
        conditions, params = [""], [self._workspace]
        for term in terms:
            conditions.append(self._sql.dialect.contains.format(column="f.search_text"))
            params.append(" " + term)
        if group_code:
            conditions.append("f.group_code = ?")
            params.append(group_code)
        rows = self._sql.execute(_HIT_COLUMNS + " AND ".join(conditions), params).fetchall()
        hits = [FoodHit(*row) for row in rows]
        hits.sort(
            key=lambda h: search.rank_key(
                h.name, h.group_code, h.is_branded, h.is_common, h.portion_count, terms
            )
        )
        return SearchPage(hits[offset : offset + limit], len(hits))

    def get(self, food_id: int) -> Food:
        found = self.get_many([food_id])
        if food_id not in found:
            raise NotFound(f"There is no food with id {food_id}.")
        return found[food_id]

    def get_many(self, food_ids: Sequence[int]) -> dict[int, Food]:
        ids = list(dict.fromkeys(int(i) for i in food_ids))
        if not ids:
            return {}
        stamp = self._bundled_stamp()
        found = self._kept.foods.get(stamp, ids)
        rest = [i for i in ids if i not in found]
        if rest:
            read, bundled = self._read_foods(rest)
            found.update(read)
            self._kept.foods.put(stamp, {i: read[i] for i in bundled})
        return {i: found[i] for i in ids if i in found}

    def _read_foods(self, ids: list[int]) -> tuple[dict[int, Food], list[int]]:
        """The foods of `ids` this workspace sees, and which of them are bundled ones."""
        portions: dict[int, list[Portion]] = {}
        for food_id, seq, amount, description, grams in self._sql.execute(
            "SELECT food_id, seq, amount, description, gram_weight FROM portions "
            "WHERE food_id IN (SELECT unnest(?)) AND food_id IN (" + VISIBLE_FOODS + ") "
            "ORDER BY food_id, seq",
            [ids, self._workspace],
        ).fetchall():
            portions.setdefault(food_id, []).append(Portion(seq, amount, description, grams))
        rows = self._sql.execute(
            "SELECT f.food_id, f.name, f.group_code, d.name, f.source_id, f.manufacturer, "
            "f.refuse_pct, f.is_branded, coalesce(f.ingredients, ''), f.dataset_id FROM foods f "
            "JOIN datasets d USING (dataset_id) WHERE f.food_id IN (SELECT unnest(?)) AND "
            + SEEN_BY,
            [ids, self._workspace],
        ).fetchall()
        foods = {
            row[0]: Food(
                *row[:7],
                portions=poured_measures(row[1], tuple(portions.get(row[0], ()))),
                branded=row[7],
                ingredients=row[8],
            )
            for row in rows
        }
        return foods, [row[0] for row in rows if row[9] == BUNDLED_DATASET_ID]

    def _bundled_stamp(self) -> Hashable | None:
        """What tells this database's build of the bundled data from any other (read once per
        unit of work); None without bundled data, and then nothing is kept."""
        if not self._stamp_read:
            row = self._sql.row(
                "SELECT imported_at, food_count, nutrient_value_count FROM datasets "
                "WHERE dataset_id = ?",
                [BUNDLED_DATASET_ID],
            )
            self._stamp = None if row is None else tuple(str(value) for value in row)
            self._stamp_read = True
        return self._stamp

    def groups(self) -> list[FoodGroup]:
        rows = self._sql.execute(
            VISIBLE_GROUPS + " ORDER BY g.group_name", [self._workspace]
        ).fetchall()
        return [FoodGroup(*row) for row in rows]

    def count(self) -> int:
        return self._sql.execute(
            "SELECT count(*) FROM (" + VISIBLE_FOODS + ") AS visible", [self._workspace]
        ).fetchone()[0]

    def nutrients_per_100g(self, food_ids: Sequence[int]) -> pl.DataFrame:
        ids = list(dict.fromkeys(int(i) for i in food_ids))
        if not ids:
            return pl.DataFrame(schema=WIDE_SCHEMA)
        stamp = self._bundled_stamp()
        rows = self._kept.nutrients.get(stamp, ids)
        rest = [i for i in ids if i not in rows]
        if rest:
            read = {row["food_id"]: row for row in self._read_nutrients(rest).iter_rows(named=True)}
            rows.update(read)
            # kept for the foods known to be bundled ones (get_many learnt which)
            bundled = self._kept.foods.get(stamp, rest)
            self._kept.nutrients.put(stamp, {i: read[i] for i in bundled})
        return pl.DataFrame([rows[i] for i in ids], schema=WIDE_SCHEMA)

    def _read_nutrients(self, ids: list[int]) -> pl.DataFrame:
        # Rows, not a relation: a menu's foods are a few thousand values at most.
        rows = self._sql.execute(
            "SELECT food_id, nutrient, amount FROM food_nutrients "
            "WHERE food_id IN (SELECT unnest(?::BIGINT[])) AND food_id IN (" + VISIBLE_FOODS + ")",
            [ids, self._workspace],
        ).fetchall()
        long = pl.DataFrame(
            rows,
            schema={"food_id": pl.Int64, "nutrient": pl.String, "amount": pl.Float64},
            orient="row",
        )
        return wide_nutrients(long, ids)

    def tag_overrides(self, food_ids: Sequence[int] | None = None) -> dict[int, frozenset[Tag]]:
        sql = "SELECT food_id, tags FROM food_tag_overrides WHERE workspace_id = ?"
        params: list = [self._workspace]
        if food_ids is not None:
            sql += " AND food_id IN (SELECT unnest(?::BIGINT[]))"
            params.append([int(i) for i in food_ids])
        rows = self._sql.execute(sql, params).fetchall()
        return {food_id: frozenset(Tag(t) for t in tags) for food_id, tags in rows}

    def set_tag_override(self, food_id: int, tags: frozenset[Tag] | None) -> None:
        self.get(food_id)  # NotFound for an unknown food
        self._sql.execute(
            "DELETE FROM food_tag_overrides WHERE workspace_id = ? AND food_id = ?",
            [self._workspace, food_id],
        )
        if tags is not None:
            self._sql.execute(
                "INSERT INTO food_tag_overrides VALUES (?, ?, ?)",
                [self._workspace, food_id, sorted(t.value for t in tags)],
            )


WIDE_SCHEMA = pl.Schema({"food_id": pl.Int64, **dict.fromkeys(KEYS, pl.Float64)})


def wide_nutrients(long: pl.DataFrame, food_ids: list[int]) -> pl.DataFrame:
    """Long (food_id, nutrient, amount) → one row per requested food, one column per nutrient."""
    wide = pl.DataFrame({"food_id": food_ids}, schema={"food_id": pl.Int64})
    if long.height:
        pivoted = long.pivot(on="nutrient", index="food_id", values="amount")
        wide = wide.join(pivoted.cast({"food_id": pl.Int64}), on="food_id", how="left")
    missing = [pl.lit(None, pl.Float64).alias(k) for k in KEYS if k not in wide.columns]
    return wide.with_columns(missing).select("food_id", *(pl.col(k).cast(pl.Float64) for k in KEYS))
