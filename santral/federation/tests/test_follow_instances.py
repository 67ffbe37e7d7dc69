"""Two Santral instances on two ports: B follows A over real HTTP.

Honest limitation: both "instances" are this one process and database. Instance A is the
WSGI app served on a loopback port (its shared items are council A's pages); instance B is
the harvester, whose copies land under council B and are told apart by their source
(HarvestedItem) and `is_harvested`. What travels between them is only HTTP and JSON.
"""

import pytest
from django.test import override_settings

from santral.content.factories import make_news
from santral.content.models import NewsPage
from santral.content.services import content_archive
from santral.events.factories import make_event
from santral.federation.factories import make_source
from santral.federation.models import HarvestedItem
from santral.federation.services import harvest_source
from santral.federation.tests.wsgi_server import WsgiThreadServer

pytestmark = pytest.mark.django_db


@override_settings(SANTRAL_HARVEST_ALLOW_LOOPBACK=True, ALLOWED_HOSTS=["*"])
def test_b_follows_a_item_appears_after_one_run_and_disappears_after_withdrawal(cast):
    original = make_news(
        cast.council_a,
        title="İzmir’de iklim çalıştayı: ĞÜŞİÖÇ ğüşıöç",
        intro="Ulusal ağın ortak duyurusu.",
        body='<p>Ayrıntılar <a href="https://dis.example/">burada</a>.</p>',
        scope="national",
        is_shared=True,
    )
    make_news(cast.council_a, title="Yerel duyuru", is_shared=True)  # local: stays home
    with WsgiThreadServer() as instance_a:
        source = make_source(
            cast.council_b,
            kind="santral",
            scope="national",
            url=instance_a.url("/api/v1/federation/items/"),
            name="Santral A",
        )
        run = harvest_source(source)
        assert (run.status, run.created, run.errors) == ("ok", 1, 0), run.last_error
        copy = NewsPage.objects.get(is_harvested=True)
        assert copy.title == original.title and copy.council == cast.council_b
        assert copy.live and copy.source_name == "Seyhan Kent Konseyi"
        assert copy.original_url.endswith(original.url) and copy.scope == "national"
        assert "rel" not in copy.body or "nofollow" in copy.body
        assert source.cursor  # the next run asks only for what changed since

        again = harvest_source(source)
        assert (again.fetched, again.created, again.updated) == (0, 0, 0)

        content_archive(actor=None, page=original)  # withdrawn in A
        make_event(cast.council_a, title="Ulusal buluşma", scope="national", is_shared=True)
        later = harvest_source(source)
        assert (later.withdrawn, later.created, later.errors) == (1, 1, 0), later.last_error
        copy.refresh_from_db()
        assert not copy.live and not copy.is_listed
        assert HarvestedItem.objects.filter(source=source, is_withdrawn=True).count() == 1
