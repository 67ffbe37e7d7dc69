"""Walk every back-office URL Santral adds: none may answer an anonymous user or a plain
member, so a new view cannot escape the permission rules."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

OUR_ADMIN_PREFIXES = ("konseyler/", "kurullar/", "uyelikler/", "iletisim/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _admin_routes() -> list[str]:
    routes = []
    for route in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        tail = route[len("admin/") :]
        if tail.startswith(OUR_ADMIN_PREFIXES):
            routes.append(route)
    return routes


def _concrete(route: str, council_id: int, body_id: int) -> str:
    path = route.replace("^", "").replace("$", "")
    for token in ("<int:council_id>", "<str:pk>", "<path:pk>", "<int:pk>"):
        path = path.replace(token, str(body_id if "kurullar" in path else council_id))
    return "/" + path


def test_every_backoffice_url_is_closed_to_anonymous_and_members(client, cast):
    from santral.councils.factories import BodyFactory

    body = BodyFactory(council=cast.council_a)
    routes = _admin_routes()
    assert len(routes) >= 8, routes
    for user in (None, cast.member_a, cast.outsider):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for route in routes:
            if "<" in _concrete(route, cast.council_a.pk, body.pk):
                continue
            url = _concrete(route, cast.council_a.pk, body.pk)
            response = client.get(url)
            allowed = response.status_code in (403, 404) or (
                response.status_code == 302
                and response["Location"].startswith(("/admin/", "/accounts/login/"))
            )
            assert allowed, (user, url, response.status_code)
            assert response.status_code != 200, (user, url)
