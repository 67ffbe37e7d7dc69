"""The replica router: anonymous reads to the replica, writes and reads after a write to the
primary (acceptance: "the replica router (reads after a write in the same request go to the
primary)").

The views below ask the ORM which database a queryset would read from (`QuerySet.db`, the
router's answer) instead of reading, so no second server is needed; the settings module's
"replica" alias is a test mirror of the primary (config/settings/databases.py).
"""

import json

import pytest
from django.db import router
from django.http import JsonResponse
from django.test import RequestFactory, override_settings

from config.settings.databases import replica_from_url
from santral.ops.db_router import PIN_COOKIE, ReplicaRoutingMiddleware
from santral.ops.models import ScheduledRun

ROUTED = override_settings(
    SANTRAL_READ_REPLICA="replica", DATABASE_ROUTERS=["santral.ops.db_router.ReplicaRouter"]
)


def read_write_read(request):
    before = ScheduledRun.objects.all().db
    if request.GET.get("write"):
        ScheduledRun.objects.create(job="router-test", period="p")
    after = ScheduledRun.objects.all().db
    return JsonResponse({"before": before, "after": after})


def routed(request) -> tuple[dict, object]:
    response = ReplicaRoutingMiddleware(read_write_read)(request)
    return json.loads(response.content), response


@ROUTED
@pytest.mark.django_db
def test_anonymous_get_reads_from_the_replica():
    body, response = routed(RequestFactory().get("/"))
    assert body == {"before": "replica", "after": "replica"}
    assert PIN_COOKIE not in response.cookies


@ROUTED
@pytest.mark.django_db
def test_reads_after_a_write_in_the_same_request_go_to_the_primary():
    body, response = routed(RequestFactory().get("/", {"write": "1"}))
    assert body == {"before": "replica", "after": "default"}
    # The browser's next requests (the page after a form's redirect) read the primary too.
    assert response.cookies[PIN_COOKIE]["max-age"] > 0
    factory = RequestFactory()
    factory.cookies[PIN_COOKIE] = "1"
    body, _ = routed(factory.get("/"))
    assert body == {"before": "default", "after": "default"}


@ROUTED
@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["post", "session", "token"])
def test_writes_signed_in_users_and_api_tokens_read_the_primary(kind, settings):
    factory = RequestFactory()
    if kind == "post":
        request = factory.post("/")
    elif kind == "session":
        factory.cookies[settings.SESSION_COOKIE_NAME] = "abc"
        request = factory.get("/")
    else:
        request = factory.get("/", HTTP_AUTHORIZATION="Token x")
    body, _ = routed(request)
    assert body == {"before": "default", "after": "default"}


@ROUTED
@pytest.mark.django_db
def test_outside_a_request_everything_reads_the_primary():
    # Tasks, commands and the scheduler never read a replica that may lag behind.
    assert ScheduledRun.objects.all().db == "default"
    assert router.db_for_write(ScheduledRun) == "default"
    assert router.allow_migrate("replica", "ops") is False
    assert router.allow_migrate("default", "ops") is True


@pytest.mark.django_db
def test_without_a_replica_nothing_is_routed():
    body, response = routed(RequestFactory().get("/", {"write": "1"}))
    assert body == {"before": "default", "after": "default"}
    assert PIN_COOKIE not in response.cookies


def test_replica_settings_from_the_environment():
    primary = {"CONN_MAX_AGE": 60}
    replica = replica_from_url("postgres://santral@replica.internal:5432/santral", primary=primary)
    assert replica["HOST"] == "replica.internal"
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["CONN_MAX_AGE"] == 60
