"""The one error imports raise for a file that cannot be used at all (as opposed to rows with
problems, which go into the validation report)."""

from __future__ import annotations

from menuplanner.domain.errors import MenuplannerError


class ImportRefused(MenuplannerError):
    """The file (or folder) cannot be imported; the message says why and what to do."""
