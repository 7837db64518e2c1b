"""The in-memory database and unit of work: committed rows of every workspace and the foods;
a unit of work works on a deep copy of its workspace's rows, which `commit()` writes back and
`rollback()` throws away."""

from __future__ import annotations

from menuplanner.domain.errors import ConcurrentUpdate
from menuplanner.ports import LOCAL_WORKSPACE, UnitOfWork
from menuplanner.store.memory.foods import MemoryFoodCatalog
from menuplanner.store.memory.reference import MemoryReferenceIntakes, MemoryWorkspaceSettings
from menuplanner.store.memory.repositories import (
    MemoryClientRepository,
    MemoryMenuRepository,
    MemoryRecipeRepository,
    WorkspaceRows,
    new_ids,
)


def _versions(rows: WorkspaceRows) -> dict[int, int]:
    return {menu_id: menu.version for menu_id, menu in rows.menus.items()}


class MemoryDatabase:
    """Committed rows of every workspace, the shared reference foods, and imported foods each
    seen by one workspace (`foods.add_owned`; `imported_datasets`: names by workspace)."""

    def __init__(self, foods: MemoryFoodCatalog | None = None) -> None:
        # A copy: foods imported into this database must not reach another one built on the
        # same catalog (a test fixture's, say).
        self.foods = foods.copied() if foods is not None else MemoryFoodCatalog({})
        self.workspaces: dict[str, WorkspaceRows] = {}
        self.imported_datasets: dict[str, set[str]] = {}
        self.ids = new_ids()  # like a database sequence: rollback does not give ids back


class MemoryUnitOfWork(UnitOfWork):
    def __init__(self, database: MemoryDatabase | None = None, workspace: str = LOCAL_WORKSPACE):
        super().__init__(workspace)
        self.database = database if database is not None else MemoryDatabase()
        self.committed = False  # for service tests: did the service commit?
        self._rows: WorkspaceRows | None = None
        self._versions: dict[int, int] = {}

    def _begin(self) -> None:
        if self._rows is not None:
            raise RuntimeError("This unit of work is already open; use a new one.")
        rows = WorkspaceRows()
        rows.restore(self._committed())
        self._rows = rows
        self._versions = _versions(rows)  # of the menus as read, for commit's conflict check
        self.foods = self.database.foods.for_workspace(self.workspace, rows.tag_overrides)
        self.clients = MemoryClientRepository(rows, self.database.ids)
        self.recipes = MemoryRecipeRepository(rows, self.database.ids, self.foods)
        self.menus = MemoryMenuRepository(rows, self.database.ids, self.foods)
        self.intakes = MemoryReferenceIntakes()
        self.settings = MemoryWorkspaceSettings(rows.settings)

    def __exit__(self, *exc_info: object) -> None:
        try:
            super().__exit__(*exc_info)
        finally:
            self._rows = None

    def commit(self) -> None:
        if self._rows is None:
            raise RuntimeError("This unit of work is not open; use it in a `with` block.")
        if self._menus_changed_by_others():
            self.rollback()  # as in DuckDB, the refused transaction's work is gone
            raise ConcurrentUpdate()
        committed = WorkspaceRows()
        committed.restore(self._rows)
        self.database.workspaces[self.workspace] = committed
        self._versions = _versions(committed)
        self.committed = True

    def _menus_changed_by_others(self) -> bool:
        """Like DuckDB's write-write conflict: did we change or delete a menu that another
        unit of work committed since we read it?"""
        mine = _versions(self._rows)
        now = _versions(self._committed())
        return any(
            mine.get(menu_id) != version and now.get(menu_id) != version
            for menu_id, version in self._versions.items()
        )

    def rollback(self) -> None:
        if self._rows is not None:
            self._rows.restore(self._committed())
            self._versions = _versions(self._rows)

    def _committed(self) -> WorkspaceRows:
        return self.database.workspaces.get(self.workspace, WorkspaceRows())
