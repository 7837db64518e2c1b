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
