"""The OpenAPI 3.1 description, its documentation page, and schemathesis against the API."""

import json
from collections import Counter

from django.core.handlers.wsgi import WSGIHandler
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings

from portal.core.testing.figures import record_figure
from portal.demo.testing import load_demo_content
from portal.opendata.api import ENDPOINTS
from portal.opendata.schema_docs import openapi_schema

# Examples per operation and generation mode: enough to find a 500 or a schema mismatch in
# each parameter, small enough to keep the suite fast on a loaded machine.
EXAMPLES = 12


def _schema_dict() -> dict:
    return json.loads(json.dumps(openapi_schema(), cls=DjangoJSONEncoder))


@pytest.fixture
def open_api(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": {"address": "1000000/60"}}
    load_demo_content()


class SchemaTests:
    def test_schema_is_openapi_3_1_and_covers_every_endpoint_only(self, open_api, client):
        response = client.get("/api/v1/schema/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
        schema = response.json()
        assert schema["openapi"] == "3.1.0"
        paths = set(schema["paths"])
        for endpoint in ENDPOINTS:
            assert f"/api/v1/{endpoint.prefix}/" in paths
            assert any(
                path.startswith(f"/api/v1/{endpoint.prefix}/{{") and path.endswith("}/")
                for path in paths
            ), endpoint.prefix
        assert all(path.startswith("/api/v1/") for path in paths), "no admin API in the schema"
        assert schema["components"]["schemas"]["Problem"]["required"] == [
            "type",
            "title",
            "status",
            "detail",
        ]

    def test_documentation_page_is_server_rendered_without_scripts_from_elsewhere(
        self, open_api, client
    ):
        response = client.get("/api/v1/docs/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Tài liệu API dữ liệu mở" in html
        for endpoint in ENDPOINTS:
            assert f"GET /api/v1/{endpoint.prefix}/" in html
        assert "updated_since" in html and "Retry-After" in html and "CC BY 4.0" in html
        assert "cdn" not in html.lower() and "swagger" not in html.lower()


def _explore(operation, mode, calls: Counter, statuses: Counter, failures: list) -> None:
    """Call one operation with EXAMPLES generated requests; validate every answer."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call()
        calls[mode.value] += 1
        statuses[response.status_code] += 1
        try:
            case.validate_response(response)
        except Exception as error:  # collect, report them all at the end
            failures.append(f"{operation.label} [{mode.value}]: {error}"[:800])

    check()


def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(open_api):
    import schemathesis
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_dict(_schema_dict())
    schema.app = WSGIHandler()
    calls: Counter = Counter()
    statuses: Counter = Counter()
    failures: list[str] = []
    operations = 0
    # The WSGI handler would close the test's database connection after each request
    # (Django's test client does the same unhooking).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _explore(operation, mode, calls, statuses, failures)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    record_figure(
        f"schemathesis: {operations} operations, {sum(calls.values())} calls "
        f"({calls['positive']} positive, {calls['negative']} negative), "
        f"statuses {dict(sorted(statuses.items()))}, {server_errors} 5xx, "
        f"{len(failures)} check failures"
    )
    assert server_errors == 0
    assert not failures, "\n".join(failures[:10])
    assert operations >= 2 * len(ENDPOINTS)
