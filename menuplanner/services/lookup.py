"""Finding a client or a menu by id or by name, for the workbench and scripts: a name is matched
without regard to case, and a miss names what there is."""

from __future__ import annotations

from menuplanner.domain.clients import Client
from menuplanner.domain.errors import NotFound, ValidationFailed
from menuplanner.domain.menus import Menu
from menuplanner.ports import UnitOfWork

MenuRef = int | str
ClientRef = int | str


def find_client(uow: UnitOfWork, client: ClientRef) -> Client:
    if isinstance(client, int) and not isinstance(client, bool):
        return uow.clients.get(client)
    clients = uow.clients.list()
    wanted = str(client).strip().casefold()
    for found in clients:
        if found.name.casefold() == wanted:
            return found
    names = ", ".join(repr(c.name) for c in clients) or "none yet"
    raise NotFound(f"There is no client named {str(client)!r}; the clients are: {names}.")


def find_menu(uow: UnitOfWork, menu: MenuRef, client: ClientRef | None = None) -> Menu:
    if isinstance(menu, int) and not isinstance(menu, bool):
        return uow.menus.get(menu)
    only = find_client(uow, client).client_id if client is not None else None
    menus = uow.menus.list(only)
    wanted = str(menu).strip().casefold()
    matches = [m for m in menus if m.name.casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationFailed(
            f"{len(matches)} clients have a menu named {str(menu)!r}; give the client too "
            "(client=...) or the menu's id."
        )
    names = ", ".join(sorted({repr(m.name) for m in menus})) or "none yet"
    raise NotFound(f"There is no menu named {str(menu)!r}; the menus are: {names}.")
