"""schemathesis against the OpenAPI document the server serves: generated requests to every
operation (a bounded number each) never get a 5xx, and every response matches its schema.

The operations are walked here with hypothesis directly: schemathesis' own pytest plugin
(`from_fixture`) does not run under this pytest version."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.conftest import Server

EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def api_schema(server: Server):
    return schemathesis.openapi.from_url(server.base + "/api/v1/openapi.json")


def test_no_server_error_and_every_response_matches_its_schema(server: Server, api_schema) -> None:
    headers = {"Authorization": f"Bearer {server.tokens['north']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 17

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case) -> None:
            case.call_and_validate(
                base_url=server.base,
                headers=headers,
                checks=[not_a_server_error, response_schema_conformance],
            )

        check()
