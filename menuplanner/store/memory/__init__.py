"""In-memory fakes of the ports, for fast tests of services and pages.

They pass the same contract suite as the DuckDB adapter (tests/contract/): same answers, same
errors, same messages. A `MemoryDatabase` holds the committed rows of every workspace and the
foods: the shared reference foods, and imported foods each owned by one workspace and seen only
by it. A `MemoryUnitOfWork` works on a deep copy of its workspace's rows, which `commit()`
writes back and `rollback()` throws away.
"""

from menuplanner.store.memory.foods import MemoryFoodCatalog
from menuplanner.store.memory.repositories import (
    MemoryClientRepository,
    MemoryMenuRepository,
    MemoryRecipeRepository,
    WorkspaceRows,
)
from menuplanner.store.memory.uow import MemoryDatabase, MemoryUnitOfWork

__all__ = [
    "MemoryClientRepository",
    "MemoryDatabase",
    "MemoryFoodCatalog",
    "MemoryMenuRepository",
    "MemoryRecipeRepository",
    "MemoryUnitOfWork",
    "WorkspaceRows",
]
