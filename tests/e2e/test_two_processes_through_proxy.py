"""Two people on one menu in two browsers, each on a different app process behind HAProxy (the
deploy/ set-up on one PostgreSQL): the change made on a stale screen is refused with what the
other person changed, exactly as on one process (test_two_people_in_browser.py), because the
menu's version lives in the database, not in a process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.serve_practice import app_processes
from menuplanner.bench import free_port
from menuplanner.store.factory import URL_ENV
from tests.e2e.test_two_people_in_browser import (
    _open_monday,
    ana_adds_a_banana_and_ben_is_refused_then_saves,
)

COOKIE = "MPSERVER"  # the proxy's stickiness cookie (deploy/haproxy.cfg.template)


@pytest.fixture
def proxy_url(pg_server, tmp_path) -> Iterator[str]:
    with pg_server.database(demo=True) as (app_url, _owner_url):
        with app_processes({URL_ENV: app_url}, 2, free_port(), tmp_path / "logs") as served:
            yield served.url


def _pinned(browser, url: str, process: str):
    """A person whose browser the proxy pinned to `process` earlier (it holds the cookie)."""
    return _open_monday(browser, url, cookies=[{"name": COOKIE, "value": process, "url": url}])


def _process_of(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)


@pytest.mark.e2e
def test_a_stale_change_on_another_process_is_refused_naming_the_other_change(
    proxy_url: str, browser, screenshot_dir
):
    ana = _open_monday(browser, proxy_url)  # the proxy picks her process and sets the cookie
    ana_process = _process_of(ana)
    other = {"app1": "app2", "app2": "app1"}[ana_process]
    ben = _pinned(browser, proxy_url, other)
    try:
        assert {_process_of(ana), _process_of(ben)} == {"app1", "app2"}
        ana_adds_a_banana_and_ben_is_refused_then_saves(
            ana, ben, screenshot_dir / "ben-refused-on-the-other-process.png"
        )
        # still each on their own process: the proxy never moved them
        assert (_process_of(ana), _process_of(ben)) == (ana_process, other)
    finally:
        ana.context.close()
        ben.context.close()
