"""Port for imported food-composition datasets: their provenance, writing a prepared import in
one transaction, where their foods are used, and removing them.

Kept beside ports.py (not in it) so the imports area can change it without touching the ports
every other area uses. A store is opened for one workspace: it sees the shared datasets (the
bundled USDA data) and that workspace's own imports, never another workspace's, and speaks only of
that workspace's recipes and menus.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from menuplanner.imports.prepared import PreparedImport
from menuplanner.ports import Usage

Progress = Callable[[float, str], None]  # (fraction done 0..1, what is happening)


@dataclass(frozen=True, slots=True)
class DatasetRecord:
    dataset_id: int
    name: str
    version: str | None
    licence: str | None
    source_file: str | None
    source_hash: str | None
    imported_at: dt.datetime
    food_count: int
    nutrient_value_count: int
    portion_count: int
    is_bundled: bool = False
    is_shared: bool = False  # belongs to no workspace: the bundled data (or an old shared import)
    format: str | None = None  # "fdc" or "table"; None for the bundled data
    source_size: int | None = None
    rows_imported: int | None = None  # foods written by the last import
    rows_skipped: int | None = None  # lines of the user's files left out by the last import
    foods_skipped: int | None = None
    energy_sources: dict[str, int] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WriteResult:
    dataset_id: int
    created: bool  # a new dataset (else a new version of an existing one)
    foods_added: int
    foods_updated: int
    foods_removed: int  # in the previous version, not in this file, used nowhere: removed
    foods_kept: int  # in the previous version, not in this file, but used: kept as they were
    nutrient_values: int
    portions: int


class DatasetStore(abc.ABC):
    @abc.abstractmethod
    def list(self) -> list[DatasetRecord]:
        """The shared datasets and the workspace's own, the bundled one first."""

    @abc.abstractmethod
    def find(self, name: str) -> DatasetRecord | None: ...

    @abc.abstractmethod
    def write(
        self,
        valid: PreparedImport,
        *,
        rows_skipped: int,
        foods_skipped: int,
        progress: Progress | None = None,
    ) -> WriteResult:
        """Create the dataset in the workspace, or update the workspace's dataset of the same
        name to this version: foods keep their ids by source id. All or nothing: any failure
        leaves the store as it was."""

    @abc.abstractmethod
    def where_used(self, dataset_id: int) -> list[Usage]:
        """The workspace's recipes and menus using its own dataset's foods ([] for a dataset
        that is not its own)."""

    @abc.abstractmethod
    def remove(self, dataset_id: int) -> None:
        """Remove the workspace's own dataset and its foods; raises InUse (with where_used) or
        NotFound (another workspace's dataset too), and refuses shared data."""

    @abc.abstractmethod
    def notes(self, food_id: int) -> dict[str, str]:
        """Notes on a food's values by nutrient key (energy source, below detection)."""
