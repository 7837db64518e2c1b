"""The food catalogue on PostgreSQL: the SQL catalogue (store/sql/foods.py), with search done by
the server: matched through the trigram index on `search_text` and ranked in SQL exactly as
`domain.search.rank_key` ranks in Python (the words it compares are stored per food, written
with the same `domain.search.words`), so only one page of hits leaves the server."""

from __future__ import annotations

from menuplanner.domain import search
from menuplanner.domain.foods import UNUSUAL_GROUPS
from menuplanner.ports import FoodHit, SearchPage
from menuplanner.store.sql.foods import SEEN_BY, SqlFoodCatalog

_UNUSUAL = ", ".join(f"'{code}'" for code in sorted(UNUSUAL_GROUPS))  # codes from a constant
# rank_key's parts, in its order: branded or unusual group; the name's head not made of query
# words; not commonly eaten; where the first query word first starts a word of the name; many
# household measures first; fewer commas; shorter; then the name, in code point order.
_RANK = (
    f"(f.is_branded OR f.group_code IN ({_UNUSUAL})), "
    "NOT (cardinality(f.head_words) > 0 AND f.head_words <@ ?::text[]), "
    "NOT f.is_common, "
    "coalesce((SELECT min(w.n) - 1 FROM unnest(f.name_words) WITH ORDINALITY AS w(word, n) "
    "WHERE starts_with(w.word, ?)), cardinality(f.name_words)), "
    "-least(f.portion_count, 8), "
    "length(f.name) - length(replace(f.name, ',', '')), "
    "length(f.name), "
    'f.name COLLATE "C"'
)
_SEARCH = (
    "SELECT f.food_id, f.name, f.group_code, g.group_name, d.name AS dataset, f.is_branded, "
    "f.is_common, f.portion_count, count(*) OVER () AS total FROM foods f "
    "JOIN food_groups g USING (group_code) JOIN datasets d USING (dataset_id) WHERE " + SEEN_BY
)


class PgFoodCatalog(SqlFoodCatalog):
    def search(
        self, query: str, group_code: str | None = None, limit: int = 25, offset: int = 0
    ) -> SearchPage:
        terms = search.query_terms(query)
        conditions, params = [_SEARCH], [self._workspace]
        for term in terms:
            conditions.append("f.search_text LIKE ?")
            params.append(f"% {term}%")  # terms are folded letters and digits: no wildcards
        if group_code:
            conditions.append("f.group_code = ?")
            params.append(group_code)
        statement = " AND ".join(conditions) + " ORDER BY " + _RANK + " LIMIT ? OFFSET ?"
        first = terms[0] if terms else None  # no term: no word matches, as in rank_key
        rows = self._sql.rows(statement, [*params, terms, first, limit, offset])
        hits = [FoodHit(*row[:8]) for row in rows]
        total = rows[0][8] if rows else self._count(statement, params, terms, first, offset)
        return SearchPage(hits, total)

    def set_tag_override(self, food_id, tags) -> None:
        with self._sql.transaction():  # its check and its two statements as one
            super().set_tag_override(food_id, tags)

    def _count(self, statement: str, params: list, terms, first, offset: int) -> int:
        """The total when the page asked for is past the last hit (then no row carries it)."""
        if offset == 0:
            return 0
        rows = self._sql.rows(statement, [*params, terms, first, 1, 0])
        return rows[0][8] if rows else 0
