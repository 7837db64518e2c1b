"""Who works in which workspace once sign-in is on.

Every signed-in user has a personal workspace of their own, named after their email address, and
belongs to the shared workspaces whose member list (in the app's secrets) holds that address.
Addresses are compared lower-cased and without surrounding spaces, as providers and people write
them with varying case. A shared workspace is known by its name: renaming it in the settings
starts an empty one (its rows stay under the old name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from menuplanner.domain.errors import MenuplannerError

PERSONAL_PREFIX = "user:"
SHARED_PREFIX = "shared:"
SETTINGS_SECTION = "[menuplanner.workspaces]"  # where the mapping lives in secrets.toml


class WorkspaceSettingsError(MenuplannerError, ValueError):
    """The workspace membership in the secrets cannot be used as written."""


@dataclass(frozen=True)
class Workspace:
    workspace_id: str  # the key every stored row carries
    label: str  # what the user sees


Membership = dict[str, frozenset[str]]  # shared workspace name → member emails (normalised)


def normalised_email(email: str) -> str:
    return email.strip().lower()


def personal_workspace(email: str) -> Workspace:
    address = normalised_email(email)
    if not _looks_like_email(address):
        raise WorkspaceSettingsError(f"'{email}' is not an email address.")
    return Workspace(PERSONAL_PREFIX + address, "Personal")


def shared_workspace(name: str) -> Workspace:
    return Workspace(SHARED_PREFIX + name, name)


def parse_membership(raw: object) -> Membership:
    """Check the secrets' workspace section (a table of name → list of emails) and normalise it.
    Raises WorkspaceSettingsError naming the first problem found."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise WorkspaceSettingsError(
            f"{SETTINGS_SECTION} in the secrets must be a table of workspace names, each with a "
            'list of member emails, e.g. "North clinic" = ["ana@example.org"].'
        )
    membership: Membership = {}
    for name, members in raw.items():
        if not isinstance(name, str) or not name.strip():
            raise WorkspaceSettingsError(f"A workspace in {SETTINGS_SECTION} has an empty name.")
        if name != name.strip():
            raise WorkspaceSettingsError(
                f"The workspace name '{name}' in {SETTINGS_SECTION} starts or ends with a space."
            )
        if isinstance(members, str) or not isinstance(members, list | tuple):
            raise WorkspaceSettingsError(
                f"The members of '{name}' in {SETTINGS_SECTION} must be a list of emails in "
                f'square brackets, e.g. "{name}" = ["ana@example.org"].'
            )
        emails: set[str] = set()
        for member in members:
            if not isinstance(member, str) or not _looks_like_email(normalised_email(member)):
                raise WorkspaceSettingsError(
                    f"'{member}' in the members of '{name}' in {SETTINGS_SECTION} is not an "
                    "email address."
                )
            emails.add(normalised_email(member))
        membership[name] = frozenset(emails)
    return membership


def workspaces_for(email: str, membership: Membership) -> list[Workspace]:
    """The user's workspaces: their personal one first, then the shared ones they belong to, by
    name."""
    address = normalised_email(email)
    shared = sorted(name for name, members in membership.items() if address in members)
    return [personal_workspace(address), *(shared_workspace(name) for name in shared)]


def _looks_like_email(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain) and not any(c.isspace() for c in address)
