"""In-memory fake of the DatasetStore port (ports_datasets.py), over a MemoryDatabase: the same
answers, refusals and sentences as the DuckDB store (tests/contract/test_dataset_store_contract.py).

The bundled foods are dataset 1, shared by every workspace. An import belongs to the workspace
that wrote it; its foods get ids from 1,000,000 up, never reused, and keep them by source id
across versions. A write is all or nothing: it builds the new state aside and swaps it in only
at the end, so a failure (or a progress callback that raises) leaves everything as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from menuplanner.domain.errors import InUse, NotFound
from menuplanner.domain.foods import Food, FoodGroup, Portion
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.nutrients import KEYS
from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports import LOCAL_WORKSPACE, Usage
from menuplanner.ports_datasets import DatasetRecord, DatasetStore, Progress, WriteResult
from menuplanner.store.memory.uow import MemoryDatabase

BUNDLED_DATASET_ID = 1
BUNDLED_NAME = "USDA SR26"
FIRST_IMPORTED_FOOD_ID = 1_000_000


@dataclass
class ImportedDataset:
    """What the DuckDB store keeps in `datasets` and `dataset_imports` for one import."""

    record: DatasetRecord
    owner: str
    food_ids: dict[str, int] = field(default_factory=dict)  # source id → food id


@dataclass
class DatasetRows:
    """The memory database's datasets (kept on it as `database.dataset_rows`)."""

    imports: dict[int, ImportedDataset] = field(default_factory=dict)
    notes: dict[int, dict[str, str]] = field(default_factory=dict)  # food id → nutrient → note
    next_food_id: int = FIRST_IMPORTED_FOOD_ID


def rows_of(database: MemoryDatabase) -> DatasetRows:
    if not hasattr(database, "dataset_rows"):
        database.dataset_rows = DatasetRows()
    return database.dataset_rows


class MemoryDatasetStore(DatasetStore):
    def __init__(self, database: MemoryDatabase, workspace: str = LOCAL_WORKSPACE) -> None:
        if not workspace:
            raise ValueError("A workspace is required.")
        self._database = database
        self._workspace = workspace

    # ------------------------------------------------------------------------------- reading

    def list(self) -> list[DatasetRecord]:
        own = [d.record for d in self._rows().imports.values() if d.owner == self._workspace]
        return [self._bundled(), *sorted(own, key=lambda r: r.dataset_id)]

    def find(self, name: str) -> DatasetRecord | None:
        wanted = name.strip().casefold()
        return next((d for d in self.list() if d.name.casefold() == wanted), None)

    def notes(self, food_id: int) -> dict[str, str]:
        if not self._catalog()._sees(food_id):
            return {}
        return dict(self._rows().notes.get(food_id, {}))

    def where_used(self, dataset_id: int) -> list[Usage]:
        found = self._rows().imports.get(dataset_id)
        if found is None or found.owner != self._workspace:
            return []
        return self._usages(set(found.food_ids.values()))

    # ------------------------------------------------------------------------------- writing

    def write(
        self,
        valid: PreparedImport,
        *,
        rows_skipped: int,
        foods_skipped: int,
        progress: Progress | None = None,
    ) -> WriteResult:
        say = progress or (lambda fraction, message: None)
        rows = copy.deepcopy(self._rows())
        foods = self._database.foods.copied()
        result = _Writer(self, rows, foods, valid, say).write(rows_skipped, foods_skipped)
        say(0.98, "Saving…")
        self._database.dataset_rows = rows  # everything at once: all or nothing
        self._database.foods = foods
        say(1.0, "Done.")
        return result

    def remove(self, dataset_id: int) -> None:
        if dataset_id == BUNDLED_DATASET_ID:
            raise InUse(
                "The bundled USDA SR26 data cannot be removed: every other part of the "
                "app relies on it."
            )
        found = self._rows().imports.get(dataset_id)
        if found is None or found.owner != self._workspace:
            raise NotFound(f"There is no dataset with id {dataset_id}.")
        if users := self._usages(set(found.food_ids.values())):
            raise InUse(
                f"“{found.record.name}” cannot be removed: its foods are used in "
                f"{_listing(users)}. Remove them from those first."
            )
        catalog = self._database.foods
        for food_id in found.food_ids.values():
            _forget_food(self._database, catalog, food_id)
            self._rows().notes.pop(food_id, None)
        prefix = f"D{dataset_id}:"
        used = {f.group_code for f in catalog._foods.values()}
        for code in [c for c in catalog._groups if c.startswith(prefix) and c not in used]:
            del catalog._groups[code]
        del self._rows().imports[dataset_id]

    # ------------------------------------------------------------------------------- helpers

    def _rows(self) -> DatasetRows:
        return rows_of(self._database)

    def _catalog(self):
        workspace_rows = self._database.workspaces.get(self._workspace)
        overrides = workspace_rows.tag_overrides if workspace_rows else {}
        return self._database.foods.for_workspace(self._workspace, overrides)

    def _bundled(self) -> DatasetRecord:
        catalog = self._database.foods
        ids = [i for i, f in catalog._foods.items() if i not in catalog._owners]
        counted = _value_count(catalog._nutrients, ids)
        portions = sum(len(catalog._foods[i].portions) for i in ids)
        return DatasetRecord(
            BUNDLED_DATASET_ID,
            BUNDLED_NAME,
            "SR26",
            None,
            None,
            None,
            dt.datetime(2013, 1, 1),
            len(ids),
            counted,
            portions,
            is_bundled=True,
            is_shared=True,
        )

    def _usages(self, food_ids: set[int]) -> list[Usage]:
        rows = self._database.workspaces.get(self._workspace)
        if rows is None or not food_ids:
            return []
        name_of = lambda i: self._database.foods._foods[i].name  # noqa: E731
        recipes = [
            (r.name, sorted({name_of(i.food_id) for i in r.ingredients if i.food_id in food_ids}))
            for r in rows.recipes.values()
        ]
        menus = [
            (
                f"{m.name} ({rows.clients[m.client_id].name})",
                sorted(
                    {
                        name_of(i.ref_id)
                        for i in m.items
                        if i.kind == ItemKind.FOOD and i.ref_id in food_ids
                    }
                ),
            )
            for m in rows.menus.values()
        ]
        recipes = sorted((r for r in recipes if r[1]), key=lambda r: r[0].lower())
        menus = sorted(m for m in menus if m[1])
        return [
            Usage(kind, f"“{name}” ({'; '.join(foods)})")
            for kind, found in (("recipe", recipes), ("menu", menus))
            for name, foods in found
        ]


class _Writer:
    """One write, on copies of the dataset rows and of the catalogue."""

    def __init__(self, store, rows: DatasetRows, foods, valid: PreparedImport, say) -> None:
        self.store, self.rows, self.foods, self.valid, self.say = store, rows, foods, valid, say

    def write(self, rows_skipped: int, foods_skipped: int) -> WriteResult:
        meta, workspace = self.valid.meta, self.store._workspace
        existing = next(
            (
                d
                for d in self.rows.imports.values()
                if d.owner == workspace and d.record.name.casefold() == meta.name.casefold()
            ),
            None,
        )
        created = existing is None
        dataset_id = (
            max(self.rows.imports, default=BUNDLED_DATASET_ID) + 1
            if created
            else existing.record.dataset_id
        )
        dataset = existing or ImportedDataset(None, workspace)  # type: ignore[arg-type]
        self.say(0.05, "Writing food groups…")
        codes = self._group_codes(dataset_id)
        self.say(0.15, f"Writing {self.valid.foods.height:,} foods…")
        added = updated = 0
        portions = self._portions()
        new_rows = []
        for row in self.valid.foods.iter_rows(named=True):
            source_id = row["source_id"]
            food_id = dataset.food_ids.get(source_id)
            if food_id is None:
                food_id = self.rows.next_food_id
                self.rows.next_food_id += 1
                added += 1
            else:
                updated += 1
            dataset.food_ids[source_id] = food_id
            food = Food(
                food_id,
                row["name"],
                codes.get(row["group_key"], ""),
                meta.name,
                source_id,
                row.get("manufacturer") or "",
                0.0,
                portions.get(source_id, ()),
                branded=bool(row.get("is_branded")),
                ingredients=row.get("ingredients") or "",
            )
            self.foods.add_owned(food, workspace)
            self.rows.notes.pop(food_id, None)
            new_rows.append(food_id)
        self.say(0.3, f"Writing {self.valid.nutrients.height:,} nutrient values…")
        self._nutrients(dataset.food_ids, new_rows)
        self.say(0.75, f"Writing {self.valid.portions.height:,} household measures…")
        for source_id, nutrient, note in self.valid.notes.select(
            "source_id", "nutrient", "note"
        ).iter_rows():
            if source_id in dataset.food_ids:
                self.rows.notes.setdefault(dataset.food_ids[source_id], {})[nutrient] = note
        self.say(0.85, "Tidying up foods the new version no longer has…")
        removed, kept = self._drop_stale(dataset)
        counted = _value_count(self.foods._nutrients, list(dataset.food_ids.values()))
        dataset.record = DatasetRecord(
            dataset_id,
            meta.name,
            meta.version,
            meta.licence,
            meta.source_file,
            meta.source_hash,
            dt.datetime.now(),
            len(dataset.food_ids),
            counted,
            sum(len(self.foods._foods[i].portions) for i in dataset.food_ids.values()),
            format=meta.format,
            source_size=meta.source_size,
            rows_imported=self.valid.foods.height,
            rows_skipped=rows_skipped,
            foods_skipped=foods_skipped,
            energy_sources=self.valid.energy_sources(),
            settings=dict(meta.settings),
        )
        self.rows.imports[dataset_id] = dataset
        return WriteResult(
            dataset_id,
            created,
            added,
            updated,
            removed,
            kept,
            self.valid.nutrients.height,
            self.valid.portions.height,
        )

    def _group_codes(self, dataset_id: int) -> dict[str, str]:
        """A group matching a USDA group by code and name keeps its code; others get one of
        the dataset's own, "D<id>:<key>"."""
        usda = {c: g for c, g in self.foods._groups.items() if not c.startswith("D")}
        codes = {}
        for key, name, known in self.valid.groups.select(
            "group_key", "group_name", "known_code"
        ).iter_rows():
            match = usda.get(known) if known else None
            if match is not None and match.name.lower() == (name or "").lower():
                codes[key] = known
            else:
                codes[key] = f"D{dataset_id}:{key}"
                self.foods._groups[codes[key]] = FoodGroup(codes[key], name)
        return codes

    def _portions(self) -> dict[str, tuple[Portion, ...]]:
        found: dict[str, list[Portion]] = {}
        for source_id, seq, amount, description, grams in self.valid.portions.select(
            "source_id", "seq", "amount", "description", "gram_weight"
        ).iter_rows():
            found.setdefault(source_id, []).append(Portion(seq, amount, description, grams))
        return {k: tuple(v) for k, v in found.items()}

    def _nutrients(self, food_ids: dict[str, int], written: list[int]) -> None:
        values = self.valid.nutrients.filter(pl.col("source_id").is_in(list(food_ids)))
        wide = (
            values.with_columns(
                pl.col("source_id").replace_strict(food_ids, return_dtype=pl.Int64).alias("food_id")
            ).pivot(on="nutrient", index="food_id", values="amount")
            if values.height
            else pl.DataFrame(schema={"food_id": pl.Int64})
        )
        kept = self.foods._nutrients.filter(~pl.col("food_id").is_in(written))
        self.foods._nutrients = pl.concat([kept, wide], how="diagonal_relaxed")

    def _drop_stale(self, dataset: ImportedDataset) -> tuple[int, int]:
        in_file = set(self.valid.source_ids_in_file.to_list())
        stale = {s: i for s, i in dataset.food_ids.items() if s not in in_file}
        used = self._used_anywhere(set(stale.values()))
        removed = 0
        for source_id, food_id in stale.items():
            if food_id in used:
                continue
            _forget_food(self.store._database, self.foods, food_id)
            self.rows.notes.pop(food_id, None)
            del dataset.food_ids[source_id]
            removed += 1
        return removed, len(stale) - removed

    def _used_anywhere(self, food_ids: set[int]) -> set[int]:
        used = set()
        for rows in self.store._database.workspaces.values():
            used |= {i.food_id for r in rows.recipes.values() for i in r.ingredients}
            used |= {
                i.ref_id for m in rows.menus.values() for i in m.items if i.kind == ItemKind.FOOD
            }
        return used & food_ids


def _forget_food(database: MemoryDatabase, catalog, food_id: int) -> None:
    """A removed food and every row about it: values, and each workspace's tag correction."""
    catalog._foods.pop(food_id, None)
    catalog._owners.pop(food_id, None)
    catalog._search_text.pop(food_id, None)
    catalog._nutrients = catalog._nutrients.filter(pl.col("food_id") != food_id)
    for rows in database.workspaces.values():
        rows.tag_overrides.pop(food_id, None)


def _value_count(nutrients: pl.DataFrame, food_ids: list[int]) -> int:
    """Known values of these foods, as rows of food_nutrients would count them."""
    values = nutrients.filter(pl.col("food_id").is_in(food_ids))
    present = [pl.col(k).is_not_null().sum() for k in KEYS if k in values.columns]
    return sum(values.select(present).row(0)) if values.height and present else 0


def _listing(users: list[Usage]) -> str:
    shown = [f"{u.kind} {u.name}" for u in users[:10]]
    more = f" and {len(users) - 10} more" if len(users) > 10 else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]) + more
