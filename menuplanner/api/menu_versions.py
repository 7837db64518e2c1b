"""The menus this server has handed out, by (menu, version), so that a change sent with an old
ETag can be refused with what the other person changed (domain.menu_changes), as the builder
does. Bounded; a version it no longer holds (or one another server process handed out) is
refused with the plain sentence instead."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict

from menuplanner.domain.errors import StaleMenu
from menuplanner.domain.menu_changes import stale_menu
from menuplanner.domain.menus import Menu

KEPT_VERSIONS = 2_000


class MenuVersions:
    def __init__(self, size: int = KEPT_VERSIONS) -> None:
        self._menus: OrderedDict[tuple[str, int, int], Menu] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def remember(self, workspace: str, menu: Menu) -> None:
        key = (workspace, menu.menu_id, menu.version)
        with self._lock:
            self._menus[key] = copy.deepcopy(menu)
            self._menus.move_to_end(key)
            while len(self._menus) > self._size:
                self._menus.popitem(last=False)

    def refusal(self, workspace: str, version: int | None, current: Menu) -> StaleMenu:
        """Why a change made on `version` is refused now that the menu is `current`."""
        with self._lock:
            seen = self._menus.get((workspace, current.menu_id, -1 if version is None else version))
        if seen is not None:
            return stale_menu(seen, current)
        return StaleMenu(
            "Someone else changed this menu after you read it, so your change was not saved. "
            f"It is now at version {current.version}; read it again and make your change again "
            "if it still applies."
        )
