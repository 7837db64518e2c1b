"""Errors of the stores, whichever the engine: each message a sentence saying what to do."""

from menuplanner.domain.errors import MenuplannerError


class DatabaseError(MenuplannerError):
    """The database cannot be used as it is (missing, damaged, unreachable, another layout)."""


class DatabaseBusy(DatabaseError):
    """Another program kept the database for longer than we wait."""
