"""The bundled dataset's foods and nutrient values, kept by the process between units of work.

Every click in the menu builder reads the day's foods and their nutrients again (~12 ms on
DuckDB for a day of a dozen foods, profiled for issue 17). The bundled USDA rows never change
once a database is built: a new build (or a database built elsewhere) stamps the bundled
dataset's row with a new `imported_at`, and entries are kept under that stamp, so a rebuilt,
restored or other database never gets another build's rows. Imported datasets change with
every import and are never kept here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import Any

BUNDLED_DATASET_ID = 1
MOST_FOODS = 2_000  # kept at most (least recently used go first): a few MB


class _Kept:
    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Hashable, int], Any] = OrderedDict()

    def get(self, stamp: Hashable | None, food_ids: Iterable[int]) -> dict[int, Any]:
        found: dict[int, Any] = {}
        if stamp is None:
            return found
        with self._lock:
            for food_id in food_ids:
                entry = self._entries.get((stamp, food_id))
                if entry is not None:
                    self._entries.move_to_end((stamp, food_id))
                    found[food_id] = entry
        return found

    def put(self, stamp: Hashable | None, entries: dict[int, Any]) -> None:
        if stamp is None:
            return
        with self._lock:
            for food_id, entry in entries.items():
                self._entries[(stamp, food_id)] = entry
                self._entries.move_to_end((stamp, food_id))
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class BundledFoods:
    """Foods (domain objects) and their nutrients per 100 g (one row of values by nutrient
    key), each by (stamp, food_id)."""

    def __init__(self, size: int = MOST_FOODS) -> None:
        self.foods = _Kept(size)
        self.nutrients = _Kept(size)

    def clear(self) -> None:
        self.foods.clear()
        self.nutrients.clear()


KEPT = BundledFoods()
