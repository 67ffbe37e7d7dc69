"""The store step: parsed entries → pages; new, unchanged, updated, withdrawn, deduplicated."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from santral.content.models import NewsPage, Topic
from santral.events.models import EventPage
from santral.federation.factories import entry, make_source, page_of
from santral.federation.models import HarvestedItem, HarvestRun, RunStatus
from santral.federation.services import SourceFailed, harvest_due, harvest_source
from santral.federation.storing import StoreState, harvest_entries, withdraw_missing

pytestmark = pytest.mark.django_db

ISTANBUL = timezone(timedelta(hours=3))
BODY = (
    "<p>Gençlik Meclisi <strong>çalıştayı</strong> &amp; İlçe buluşması.</p>"
    '<script>alert("x")</script><p onclick="steal()">Ayrıntılar '
    '<a href="https://dis.example/ilan">burada</a> ve <a href="javascript:alert(1)">şurada</a>.</p>'
)


def _writes(queries) -> list[str]:
    """Statements that change data, apart from the run record itself."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "federation_harvestrun" not in query["sql"]
    ]


def _store(source, *entries, complete=True) -> HarvestRun:
    run = HarvestRun.objects.create(source=source)
    state = harvest_entries(source, [page_of(*entries)], run)
    if complete:
        withdraw_missing(state, run)
    run.save()
    return run


def test_new_unchanged_updated_withdrawn_and_deduplicated(cast, client):
    topic = Topic.objects.create(name="Gençlik")
    source = make_source(
        cast.council_a, scope="national", licence="CC BY-SA 4.0", topic_rules={"gençlik": "genclik"}
    )
    first = [
        entry(
            "a-1",
            title="Gençlik Meclisi çalıştayı: İLÇE’de ığdır ve Şanlıurfa",
            summary="Özet: Türkçe metin «tırnak» ile.",
            body_html=BODY,
            author="Ayşe Işık",
            published_at=datetime(2026, 11, 1, 12, 0, tzinfo=ISTANBUL),
        ),
        entry("a-2", title="Kadın Meclisi toplantısı"),
        entry(
            "a-3",
            kind="event",
            title="Çevre yürüyüşü",
            starts_at=datetime(2026, 12, 5, 10, 0, tzinfo=ISTANBUL),
            ends_at=datetime(2026, 12, 5, 12, 0, tzinfo=ISTANBUL),
            location="Seyhan Barajı",
        ),
        entry("a-1", title="Aynı GUID ikinci kez"),  # repeated in one document: stored once
    ]
    run = _store(source, *first)
    assert (run.fetched, run.created, run.updated, run.withdrawn, run.errors) == (3, 3, 0, 0, 0)

    news = NewsPage.objects.get(title__startswith="Gençlik")
    assert news.title == "Gençlik Meclisi çalıştayı: İLÇE’de ığdır ve Şanlıurfa"
    assert news.live and news.is_listed and news.is_harvested
    assert news.council == cast.council_a and news.scope == "national"
    assert news.first_published_at == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert news.first_published_at.utcoffset() == timedelta(0)
    assert list(news.topics.all()) == [topic]
    assert (news.source_author, news.source_licence) == ("Ayşe Işık", "CC BY-SA 4.0")
    assert news.original_url == "https://kaynak.example/a-1/"
    assert "<script" not in news.body and "onclick" not in news.body
    assert "javascript:" not in news.body and "çalıştayı" in news.body
    assert not news.revisions.exists()  # harvested pages carry no revisions
    event = EventPage.objects.get()
    assert event.start_at == datetime(2026, 12, 5, 7, 0, tzinfo=UTC)
    assert event.venue == "Seyhan Barajı" and event.council == cast.council_a

    html = client.get(news.url).content.decode()
    assert 'href="https://dis.example/ilan" rel="nofollow noopener noreferrer"' in html
    assert "Ayşe Işık" in html and "CC BY-SA 4.0" in html
    assert 'href="https://kaynak.example/a-1/" rel="nofollow noopener"' in html

    # The same document again: nothing written at all (no page, item or revision rows).
    with CaptureQueriesContext(connection) as queries:
        run = _store(source, *first)
    assert (run.fetched, run.created, run.updated, run.withdrawn, run.errors) == (3, 0, 0, 0, 0)
    assert _writes(queries.captured_queries) == []

    # One changed, one gone, one under a new GUID but the same URL (a re-published post).
    changed = entry("a-2", title="Kadın Meclisi toplantısı ertelendi")
    moved = entry(
        "yeni-guid",
        title=news.title,
        url="https://kaynak.example/a-1/",
        body_html=BODY,
        summary="Özet: Türkçe metin «tırnak» ile.",
        author="Ayşe Işık",
        published_at=datetime(2026, 11, 1, 12, 0, tzinfo=ISTANBUL),
    )
    run = _store(source, changed, moved)
    assert (run.created, run.updated, run.withdrawn) == (0, 1, 1)
    assert NewsPage.objects.count() == 2 and EventPage.objects.count() == 1
    assert NewsPage.objects.get(pk=news.pk).live
    assert HarvestedItem.objects.filter(source=source).count() == 3
    assert HarvestedItem.objects.get(url="https://kaynak.example/a-1/").guid == "yeni-guid"
    event.refresh_from_db()
    assert not event.live and not event.is_listed
    assert HarvestedItem.objects.get(guid="a-3").is_withdrawn

    # It comes back: the same page is published again, not a copy.
    run = _store(source, changed, moved, first[2])
    assert (run.created, run.updated, run.withdrawn) == (0, 1, 0)
    event.refresh_from_db()
    assert event.live and EventPage.objects.count() == 1


def test_an_incomplete_fetch_withdraws_nothing_and_tombstones_do(cast):
    source = make_source(cast.council_b, kind="santral")
    _store(source, entry("x:news:1"), entry("x:news:2"))
    run = _store(source, entry("x:news:1"), complete=False)
    assert run.withdrawn == 0
    assert NewsPage.objects.filter(live=True).count() == 2
    run = _store(source, entry("x:news:2", withdrawn=True), complete=False)
    assert run.withdrawn == 1
    assert list(NewsPage.objects.filter(live=True).values_list("title", flat=True)) == [
        "Öğe x:news:1"
    ]


def test_one_bad_entry_is_recorded_in_turkish_and_the_others_arrive(cast, monkeypatch):
    source = make_source(cast.council_a)
    from santral.federation import bulk, storing

    real = storing._create_page

    def broken(state, mapped, item, **kwargs):
        if "bozuk" in item.guid:
            raise ValueError("veritabanı reddetti")
        return real(state, mapped, item, **kwargs)

    monkeypatch.setattr(storing, "_create_page", broken)
    real_search = bulk._wagtail_search

    def broken_search(model, pages):  # fails after the batch's rows are written
        if any(page.title == "Bozuk öğe" for page in pages):
            raise ValueError("veritabanı reddetti")
        return real_search(model, pages)

    # The batch fails and is rolled back whole; each entry is then stored on its own.
    monkeypatch.setattr(bulk, "_wagtail_search", broken_search)
    run = _store(source, entry("1"), entry("bozuk-2", title="Bozuk öğe"), entry("3", title=" "))
    assert (run.fetched, run.created, run.errors) == (3, 1, 2)
    assert "Başlığı boş bir öğe alınmadı." in run.last_error
    assert not HarvestedItem.objects.filter(guid="bozuk-2").exists()  # nothing half-written
    assert NewsPage.objects.count() == 1
    assert HarvestedItem.objects.get().page_id == NewsPage.objects.get().pk
    assert not any(Page.find_problems())  # numchild counts only the page that stayed


def test_one_bad_source_never_stops_the_others_and_every_run_is_recorded(cast, monkeypatch):
    good = make_source(cast.council_a, name="İyi kaynak")
    bad = make_source(cast.council_a, name="Kötü kaynak")
    from santral.federation import services

    def pages(self):
        if self.source.pk == bad.pk:
            raise SourceFailed("Sunucu yanıt vermedi (zaman aşımı).")
        self.complete = True
        yield page_of(entry("g-1"), entry("g-2"))

    monkeypatch.setattr(services.Harvest, "pages", pages)
    runs = harvest_due()
    assert {run.source_id: run.status for run in runs} == {
        good.pk: RunStatus.OK,
        bad.pk: RunStatus.FAILED,
    }
    bad.refresh_from_db()
    assert bad.last_error == "Sunucu yanıt vermedi (zaman aşımı)."
    assert bad.next_due_at is not None and bad.claimed_until is None
    assert HarvestRun.objects.get(source=bad).last_error == "Sunucu yanıt vermedi (zaman aşımı)."
    assert NewsPage.objects.count() == 2
    # Not due again until the interval has passed; a forced run of one source still runs.
    assert harvest_due() == []
    assert harvest_source(good).created == 0


def test_a_claimed_source_is_not_harvested_twice(cast):
    from santral.federation.services import source_claim

    source = make_source(cast.council_a)
    assert source_claim(source.pk) is not None
    assert source_claim(source.pk) is None
    assert harvest_due() == []


def test_state_dedupes_by_url_across_runs(cast):
    source = make_source(cast.council_a)
    _store(source, entry("guid-1", url="https://kaynak.example/haber/"))
    state = StoreState.load(source)
    assert set(state.by_url) == {"https://kaynak.example/haber/"}
    _store(source, entry("guid-2", url="https://kaynak.example/haber/"))
    assert NewsPage.objects.count() == 1


def test_the_command_and_the_task_harvest_due_sources(cast, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from santral.federation import services
    from santral.federation.tasks import harvest_one_source

    source = make_source(cast.council_a, name="Komut kaynağı")

    def pages(self):
        yield page_of(entry("k-1", title="Komutla gelen haber"))

    monkeypatch.setattr(services.Harvest, "pages", pages)
    out = StringIO()
    call_command("harvest", council="seyhan", stdout=out)
    assert "Komut kaynağı: Tamam — alınan 1, yeni 1" in out.getvalue()
    assert harvest_one_source.enqueue(source.pk).return_value == RunStatus.OK
    services.source_claim(source.pk)
    assert harvest_one_source.enqueue(source.pk).return_value == "claimed-elsewhere"
