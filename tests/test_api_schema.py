"""Schemathesis against the live OpenAPI schema (issue 15, item 5).

Every GET operation of /api/schema/ open to anonymous callers is called through the WSGI
application, in this test's transaction, against seeded data (councils with news,
documents, publications, events, a stakeholder, a project; the budget at its default
transparency): first with valid generated input (no 5xx; status, content type, headers
and body as the schema says), then with invalid input (it must be refused with a 4xx,
never answered 200 or 5xx). Bounded: a few derandomised examples per operation, path
parameters pinned to the seeded objects half of the time so 200 bodies are checked too.
"""

import time

import pytest
import schemathesis
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from santral.content.factories import make_document_page, make_news, make_publication
from santral.content.models import Topic
from santral.events.factories import make_event
from santral.partners.factories import OrganisationFactory, ProjectFactory
from santral.partners.services import affiliation_set

pytestmark = pytest.mark.django_db

POSITIVE_EXAMPLES = 10
NEGATIVE_EXAMPLES = 5
POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [not_a_server_error, negative_data_rejection]


@pytest.fixture
def world(cast):
    topic = Topic.objects.create(name="Çevre")
    news = make_news(cast.council_a, title="Çevre haberi", scope="national", is_shared=True)
    news.topics.add(topic)
    news.save()
    make_news(cast.council_b, title="İklim buluşması", language="en")
    make_document_page(cast.council_a, title="Karar 2026/1")
    make_publication(cast.council_a, title="Broşür")
    make_event(cast.council_a, title="Gençlik çalıştayı")
    organisation = OrganisationFactory(name="Yeşil Dernek", slug="yesil-dernek")
    affiliation_set(actor=cast.editor_a, council=cast.council_a, organisation=organisation)
    ProjectFactory(council=cast.council_a, slug="ortak-proje")
    return {
        "slug": "seyhan",
        "council_slug": "seyhan",
        "year": 2026,
        "project_slug": "ortak-proje",
        "stakeholder_slug": "yesil-dernek",
    }


def _path_values(operation, world) -> dict:
    values = {}
    for parameter in operation.path_parameters:
        name = parameter.name
        if name == "slug" and "/projects/" in operation.path:
            values[name] = world["project_slug"]
        elif name == "slug" and operation.path.startswith("/api/v1/stakeholders/"):
            values[name] = world["stakeholder_slug"]
        else:
            values[name] = world[name]
    return values


def _open_to_anonymous(operation) -> bool:
    """True unless the operation needs credentials: an empty requirement ({}) in `security`
    means anonymous callers are served (the write API's token endpoints are not)."""
    security = operation.definition.raw.get("security")
    return security is None or {} in security


def _run(operation, *, mode, examples, checks, path_values):
    strategies = [operation.as_strategy(generation_mode=mode)]
    if path_values:
        strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=path_values))

    @hypothesis_settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(*strategies))
    def check(case):
        response = case.call(app=application)
        case.validate_response(response, checks=checks)

    check()


@pytest.fixture
def connection_kept_open():
    """The WSGI handler closes the database connection before and after each request when
    it is inside a transaction (as the test's is); Django's test client avoids that the
    same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_get_operation_matches_the_schema_and_never_fails(world, connection_kept_open):
    cache.clear()
    rates = {"anon": "100000/min", "user": "100000/min"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
        operations = [
            operation
            for operation in (result.ok() for result in schema.get_all_operations())
            if operation.method.upper() == "GET" and _open_to_anonymous(operation)
        ]
        assert len(operations) >= 13
        started = time.monotonic()
        for operation in operations:
            path_values = _path_values(operation, world)
            _run(
                operation,
                mode=schemathesis.GenerationMode.POSITIVE,
                examples=POSITIVE_EXAMPLES,
                checks=POSITIVE_CHECKS,
                path_values=path_values,
            )
            _run(
                operation,
                mode=schemathesis.GenerationMode.NEGATIVE,
                examples=NEGATIVE_EXAMPLES,
                checks=NEGATIVE_CHECKS,
                path_values=path_values,
            )
        print(f"schemathesis: {len(operations)} operations in {time.monotonic() - started:.1f} s")
    cache.clear()
