"""Errors the domain raises. Each message is a sentence a user can act on."""


class MenuplannerError(Exception):
    """Base of every error whose message is meant for the user."""


class InvalidAmount(MenuplannerError, ValueError):
    pass


class NotFound(MenuplannerError, LookupError):
    pass


class ValidationFailed(MenuplannerError, ValueError):
    pass


class InUse(MenuplannerError):
    """Refused because other rows use this one (e.g. a food used by a recipe)."""


class StaleMenu(MenuplannerError):
    """Refused because the menu changed after the user saw it (see domain.menu_changes)."""


class VersionConflict(MenuplannerError):
    """A menu was saved from a version that is no longer the stored one."""

    def __init__(self, menu_id: int, expected: int, stored: int) -> None:
        super().__init__(
            f"Menu {menu_id} changed while this change was being saved (it is now at version "
            f"{stored}, not {expected}), so nothing was saved; try again."
        )
        self.menu_id, self.expected, self.stored = menu_id, expected, stored


class ConcurrentUpdate(MenuplannerError):
    """Two saves of the same rows met: the database kept the first and refused the second."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or (
                "Someone else was saving a change to the same data at the same moment, so this "
                "change was not saved. Please try again."
            )
        )


class ConnectionLost(ConcurrentUpdate):
    """The database server went away during a save (a restart, a network cut): the save was
    not made, and running it again once the server is back will make it."""

    def __init__(self) -> None:
        super().__init__(
            "The connection to the database server was lost while saving, so nothing was "
            "saved. Please try again."
        )


class SaveOutcomeUnknown(MenuplannerError):
    """The server went away as a save was committed and stayed away, so whether it was stored
    cannot be told yet; trying again blindly could save it twice."""

    def __init__(self) -> None:
        super().__init__(
            "The connection to the database server was lost just as the change was being saved, "
            "and the server is not back yet, so it cannot be told whether the change was kept. "
            "Reload the page once the server is back and check before making it again."
        )


class StoreBusy(MenuplannerError):
    """Every connection to the database server stayed in use for longer than we wait."""
