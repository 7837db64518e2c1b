"""The menu file is one contract for every entry point: the API writes the file the command line
writes for the same menu, and a file imported through either comes back out the same."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.api.conftest import MENUPLANNER, Server
from tests.api.test_api_menu_flow import _client_and_menu

BUTTER, BANANA = 1001, 9040


def _cli(server: Server, workspace: str, *args: str) -> subprocess.CompletedProcess:
    """The command line on the file the server serves (it waits for its turn on the file)."""
    return subprocess.run(
        [MENUPLANNER, "--workspace", workspace, *args, "--db", str(server.db)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=True,
    )


def _cli_export(server: Server, workspace: str, out: Path) -> None:
    _cli(
        server,
        workspace,
        "export",
        "--client",
        "Cleo Contract",
        "--menu",
        "API week",
        "--format",
        "json",
        "--out",
        str(out),
    )


def _comparable(data: bytes) -> dict:
    """The file without the moment it was written."""
    parsed = json.loads(data)
    parsed.pop("exported_at")
    return parsed


def test_the_api_and_the_command_line_write_and_read_the_same_menu_file(
    server: Server, tmp_path: Path
) -> None:
    with server.client("north") as api:
        _, menu_id, etag = _client_and_menu(api, "Cleo Contract")
        for food_id, quantity, unit in ((BUTTER, 1, "tbsp"), (BANANA, 118, "g")):
            added = api.post(
                f"/menus/{menu_id}/items",
                json={
                    "day": 1,
                    "slot": "Lunch",
                    "food_id": food_id,
                    "quantity": quantity,
                    "unit": unit,
                },
                headers={"If-Match": etag},
            )
            etag = added.headers["ETag"]
        from_api = api.get(f"/menus/{menu_id}/menu-file").content
    cli_file = tmp_path / "cli.menu.json"
    _cli_export(server, "north", cli_file)
    assert _comparable(from_api) == _comparable(cli_file.read_bytes())

    # Imported through the API into one workspace and through the command line into another,
    # the menu comes back out as the same file (its client, items, amounts and nutrients).
    with server.client("south") as api:
        imported = api.post("/menus/import", content=from_api)
        assert imported.status_code == 201, imported.text
        assert imported.json()["client_created"] is True
        again_api = api.get(f"/menus/{imported.json()['menu_id']}/menu-file").content
    _cli(server, "west", "import-menu", str(cli_file))
    again_cli = tmp_path / "again.menu.json"
    _cli_export(server, "west", again_cli)
    assert _comparable(again_api) == _comparable(again_cli.read_bytes())
    assert _comparable(again_api)["menu"] == _comparable(from_api)["menu"]
