"""/api/v1/federation/items/: shared items behind a cursor, tombstones, no writes, no loops."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from santral.content.factories import make_news
from santral.content.models import Topic
from santral.content.services import content_archive, content_page_update
from santral.federation.factories import entry, make_source, page_of
from santral.federation.models import HarvestRun, ShareChange
from santral.federation.storing import harvest_entries

pytestmark = pytest.mark.django_db
URL = "/api/v1/federation/items/"


def _shared(council, title, **fields):
    return make_news(council, title=title, scope="national", is_shared=True, **fields)


def test_items_cursor_tombstones_and_constant_queries(cast, client):
    topic = Topic.objects.create(name="Çevre")
    first = _shared(cast.council_a, "İklim eylem planı toplantısı", topics=[topic])
    make_news(cast.council_a, title="Yalnızca yerel haber", is_shared=True)  # local: never sent
    make_news(cast.council_a, title="Paylaşılmamış", scope="national")  # not shared
    second = _shared(cast.council_b, "Gençlik festivali")
    # A harvested copy (from another instance) never travels on: no loops.
    source = make_source(cast.council_a, kind="santral", scope="national")
    harvest_entries(source, [page_of(entry("x:news:9"))], HarvestRun.objects.create(source=source))

    # the licence is the council's open-data setting (santral/opendata)
    type(cast.council_a).objects.filter(pk=cast.council_a.pk).update(data_licence="CC0-1.0")

    with CaptureQueriesContext(connection) as queries:
        answer = client.get(URL, {"limit": 1}).json()
    assert not [q for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert [item["title"] for item in answer["items"]] == ["İklim eylem planı toplantısı"]
    item = answer["items"][0]
    assert item["id"] == f"news:{first.pk}" and item["scope"] == "national"
    assert item["council"]["name"] == "Seyhan Kent Konseyi" and item["topics"] == ["Çevre"]
    assert item["url"].startswith("http") and item["published_at"].endswith("Z")
    assert item["withdrawn"] is False and item["starts_at"] is None
    assert item["licence"] == "CC0-1.0"
    assert answer["next"].startswith("http://testserver/api/v1/federation/items/?cursor=")

    rest = client.get(answer["next"]).json()
    assert [item["title"] for item in rest["items"]] == ["Gençlik festivali"]
    assert rest["next"] is None
    assert client.get(URL, {"cursor": rest["cursor"]}).json()["items"] == []

    # Withdrawn (archived) and changed-away (no longer shared): tombstones after the cursor.
    content_archive(actor=None, page=first)
    content_page_update(actor=None, page=second.specific, publish=True, is_shared=False)
    later = client.get(URL, {"cursor": rest["cursor"]}).json()
    assert later["items"] == [
        {
            "id": f"news:{first.pk}",
            "kind": "news",
            "withdrawn": True,
            "updated_at": later["items"][0]["updated_at"],
        },
        {
            "id": f"news:{second.pk}",
            "kind": "news",
            "withdrawn": True,
            "updated_at": later["items"][1]["updated_at"],
        },
    ]
    assert ShareChange.objects.count() == 2  # one row per page, the latest change

    # Constant number of queries per page, whatever the number of items.
    for number in range(5):
        _shared(cast.council_a, f"Ulusal haber {number}", topics=[topic])
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"limit": 2})
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"limit": 7})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_bad_cursor_is_a_clear_400(client, db):
    answer = client.get(URL, {"cursor": "bozuk!!"})
    assert answer.status_code == 400
    assert "İmleç geçersiz" in answer.json()["detail"]
    assert client.get(URL, {"limit": "çok"}).status_code == 400  # docs/api.md: bad values are 400


def test_bad_parameters_are_a_clear_400_and_a_big_limit_is_capped(db, client):
    for params in ({"limit": "module"}, {"limit": "0"}, {"limit": "-3"}, {"sayfa": "2"}):
        answer = client.get(URL, params)
        assert answer.status_code == 400, params
        assert answer.json()["detail"]
    assert client.get(URL, {"limit": "5000"}).status_code == 200
