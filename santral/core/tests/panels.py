"""Reading the back-office dashboard's task panels in tests."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

PANEL = re.compile(r'id="(santral-[a-z-]+)-section"(.*?)</section>', re.DOTALL)
COUNT = re.compile(r'data-count="(\d+)"')


def dashboard_panels(client, user) -> dict[str, tuple[int, str]]:
    """{panel name: (count, its HTML)} of the user's dashboard (fails unless it answers 200)."""
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    return {name: (int(COUNT.search(body)[1]), body) for name, body in PANEL.findall(html)}


def dashboard_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def panel_queries(build, user) -> int:
    """Queries to build and render the panels `build(user)` returns (a fresh user object, so
    its roles are read as in a request)."""
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        for panel in build(user):
            panel.render_html({})
    return len(queries)
