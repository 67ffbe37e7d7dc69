"""Reading the back-office dashboard's task panels in tests."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

PANEL = re.compile(r'id="(santral-[a-z-]+)-section".*?data-count="(\d+)"(.*?)</section>', re.DOTALL)


def dashboard_panels(client, user) -> dict[str, tuple[int, str]]:
    """{panel name: (count, its HTML)} of the user's dashboard (fails unless it answers 200)."""
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    return {name: (int(count), body) for name, count, body in PANEL.findall(html)}


def dashboard_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)
