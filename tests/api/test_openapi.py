"""The OpenAPI document: served, in sync with the committed copy, and true to the answers."""

from pathlib import Path

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode

from tests.api.content import build_newsroom
from warta.api.openapi import dumps

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"
REGENERATE = "warta api-schema --output docs/api/openapi.json"


@pytest.mark.django_db
def test_served_document_is_openapi_3_and_matches_the_committed_copy(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["openapi"].startswith("3.")
    assert set(served["paths"]) == {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/sections",
        "/api/v1/tags",
        "/api/v1/reporters",
        "/api/v1/sources",
        "/api/v1/search",
    }
    assert COMMITTED.exists(), f"docs/api/openapi.json is missing: run `{REGENERATE}`"
    assert dumps(served) == COMMITTED.read_text(encoding="utf-8"), (
        f"The API changed but docs/api/openapi.json did not: run `{REGENERATE}` and commit it."
    )


@pytest.fixture
def wsgi_in_test_transaction():
    """Keep the WSGI handler from closing the test's connection after each request.

    Django's test client does the same; schemathesis calls the WSGI app directly, and on
    PostgreSQL the handler would close the connection that holds the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def served_api(db, settings, wsgi_in_test_transaction):  # noqa: F811 - pytest-django's settings
    """The API over real content, loaded the way a partner loads it: from its own document."""
    settings.WARTA_API_RATE_LIMIT = "off"
    settings.WARTA_PAGE_CACHE = False  # every generated request reaches the API's code
    newsroom = build_newsroom()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    return schema, newsroom


MAX_EXAMPLES = 40  # per operation: the whole run stays well under a minute


def test_no_server_error_and_every_answer_fits_the_document(served_api):
    """Schemathesis generates requests from the document; each answer must fit it, no 5xx."""
    schema, newsroom = served_api
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    readable = [newsroom.seed.pk, newsroom.older.pk, newsroom.economy.pk, newsroom.edited.pk]
    for operation in operations:
        strategies = [
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        ]
        if "{article_id}" in operation.path:
            # Random ids are nearly all 404s: make sure real articles are read too.
            strategies += [
                operation.as_strategy(path_parameters={"article_id": pk}) for pk in readable
            ]

        @given(case=st.one_of(strategies))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            # The WSGI transport does not decompress; real clients do (GZipMiddleware).
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        check()
