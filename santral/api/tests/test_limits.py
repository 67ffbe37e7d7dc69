"""API limits (issue 14, item 6): rate limits with 429 and Retry-After, bounded JSON
bodies answering 400, a capped page_size."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from santral.api.parsers import json_depth

pytestmark = pytest.mark.django_db

NESTED = "[" * 100_000 + "]" * 100_000


def _rates(anon: str, user: str):
    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }
    )


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_anonymous_clients_get_429_with_retry_after(client, cast, empty_cache):
    with _rates(anon="3/min", user="1000/min"):
        statuses = [client.get("/api/v1/councils/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get("/api/v1/news/")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        # Another address has its own count.
        assert client.get("/api/v1/councils/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_signed_in_users_are_counted_per_user(client, cast, empty_cache):
    with _rates(anon="1000/min", user="2/min"):
        client.force_login(cast.member_a)
        statuses = [client.get("/api/v1/councils/").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert int(client.get("/api/v1/councils/")["Retry-After"]) > 0
        client.logout()
        assert client.get("/api/v1/councils/").status_code == 200


class _EchoApi(APIView):
    """A view that reads its body, as any POST/PUT/PATCH endpoint will."""

    def post(self, request):
        return Response({"received": type(request.data).__name__})


def _post(body: str | bytes):
    request = APIRequestFactory().post("/api/v1/echo/", body, content_type="application/json")
    response = _EchoApi.as_view()(request)
    response.render()
    return response


def test_deeply_nested_json_answers_400_not_500():
    response = _post(NESTED)
    assert response.status_code == 400
    assert "JSON çok derin" in json.loads(response.content)["detail"]


def test_a_body_over_the_size_limit_answers_400():
    with override_settings(SANTRAL_API_MAX_BODY_BYTES=1000):
        response = _post(json.dumps({"text": "ş" * 1000}))
    assert response.status_code == 400
    assert "çok büyük" in json.loads(response.content)["detail"]


def test_reasonable_json_still_parses():
    nested = "[" * 30 + "]" * 30
    assert (
        _post(json.dumps({"a": [1, {"b": "[[[[ in a string ]"}], "c": nested})).status_code == 200
    )
    assert _post(nested).status_code == 200
    assert _post("[1, NaN]").status_code == 400
    assert _post(b"\xff\xfe").status_code == 400


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth('{"a": "[[[[", "b": [["\\"["]]}') == 3
    assert json_depth("") == 0 and json_depth(NESTED) == 100_000


@pytest.mark.parametrize("url", ["/api/v1/councils/", "/api/v1/news/", "/api/v1/search/"])
def test_hostile_bodies_to_read_only_endpoints_never_answer_500(client, cast, url):
    for body in (NESTED, "{" * 50_000):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code in (400, 403, 405)
    client.force_login(cast.member_a)
    assert client.post(url, NESTED, content_type="application/json").status_code in (400, 403, 405)


def test_page_size_is_capped(client, cast):
    assert client.get("/api/v1/councils/?page_size=1").json()["count"] == 2
    with override_settings(SANTRAL_API_MAX_PAGE_SIZE=1):
        data = client.get("/api/v1/councils/?page_size=1000000").json()
    assert data["count"] == 2 and len(data["results"]) == 1
    assert len(client.get("/api/v1/councils/?page_size=1000000").json()["results"]) == 2
