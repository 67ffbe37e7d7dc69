"""The council home page as the front door: its sections, shown when they have something."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from santral.budget.factories import make_line
from santral.content.factories import make_document_page, make_news
from santral.events.factories import make_event
from santral.outreach.factories import TopicFactory
from santral.outreach.models import ParticipationRecord
from santral.partners.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SECTIONS = {
    "news": "home-news-title",
    "events": "home-events-title",
    "documents": "home-documents-title",
    "budget": "home-budget-title",
    "representation": "home-representation-title",
    "projects": "home-projects-title",
    "newsletter": "home-newsletter-title",
}
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _fill(cast, *, count: int, extras: bool = True) -> None:
    council = cast.council_a
    for number in range(count):
        make_news(council, title=f"Meclis haberi {number}")
        make_event(
            council,
            title=f"Mahalle buluşması {number}",
            venue=f"Kültür merkezi {number}",
            start_at=timezone.now() + datetime.timedelta(days=3 + number),
            end_at=timezone.now() + datetime.timedelta(days=3 + number, hours=2),
        )
        make_document_page(council, title=f"Genel kurul kararı {number}")
        ProjectFactory(council=council, title=f"Ortak proje {number}", is_public=True)
    if not extras:
        return
    TopicFactory(council=council, name="Gençlik")
    ParticipationRecord.objects.create(
        council=council,
        activity_title="Gençlik meclisi toplantısı",
        held_on=datetime.date(2026, 3, 1),
        total_participants=42,
    )
    year = timezone.localdate().year
    make_line(
        cast.treasurer_a, council, year=year, initial="125000.50", on=datetime.date(year, 1, 2)
    )


def _home(client, cast, prefix=""):
    response = client.get(f"{prefix}/{cast.council_a.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_section_shows_when_the_council_has_something_to_show(client, cast):
    _fill(cast, count=2)
    html = _home(client, cast)
    for key, heading in SECTIONS.items():
        assert f'id="{heading}"' in html, key
    assert "Meclis haberi 1" in html and "Mahalle buluşması 0" in html
    assert "Kültür merkezi 0" in html  # the event's place
    assert "Genel kurul kararı 1" in html and "Ortak proje 1" in html
    assert "125.000,50" in html  # the budget's own money format
    assert f'href="/{cast.council_a.slug}/butce/{timezone.localdate().year}/"' in html
    assert f'href="/{cast.council_a.slug}/temsil/"' in html
    assert f'href="/{cast.council_a.slug}/bulten/"' in html
    assert "Gençlik" in html and "42" in html


def test_an_empty_council_shows_no_empty_section(client, cast):
    html = _home(client, cast)
    for key, heading in SECTIONS.items():
        assert f'id="{heading}"' not in html, key
    assert "<h1" in html and cast.council_a.name in html


def test_news_and_events_show_at_most_four_and_past_events_are_left_out(client, cast):
    _fill(cast, count=6)
    make_event(
        cast.council_a,
        title="Geçen ayın forumu",
        start_at=timezone.now() - datetime.timedelta(days=30),
        end_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )
    html = _home(client, cast)
    assert html.count("Meclis haberi") == 4
    assert html.count("Mahalle buluşması") == 4
    assert "Geçen ayın forumu" not in html
    assert "Mahalle buluşması 0" in html  # the soonest first
    assert html.count("Genel kurul kararı") == 3
    assert html.count("Ortak proje") - html.count("Ortak projeler") == 3


def test_budget_is_left_out_when_the_council_publishes_nothing(client, cast):
    from santral.budget.models import CouncilBudgetSettings

    _fill(cast, count=1)
    CouncilBudgetSettings.objects.update_or_create(
        council=cast.council_a, defaults={"transparency": "none"}
    )
    assert 'id="home-budget-title"' not in _home(client, cast)


def _queries(client, cast, prefix=""):
    with CaptureQueriesContext(connection) as queries:
        _home(client, cast, prefix)
    return [q["sql"] for q in queries.captured_queries]


def test_the_home_page_costs_the_same_queries_with_more_items_and_never_writes(client, cast):
    _fill(cast, count=1)
    _home(client, cast)  # warm Wagtail's site-root cache
    few = _queries(client, cast)
    _fill(cast, count=4, extras=False)
    _home(client, cast)
    many = _queries(client, cast)
    assert len(many) == len(few), "\n".join(many)
    assert len(many) <= 40
    assert not [sql for sql in many if WRITE.match(sql)]


def test_contact_block_and_language_prefix(client, cast):
    council = cast.council_a
    council.address = "Reşatbey Mahallesi, Atatürk Caddesi No: 1, Seyhan / Adana"
    council.email = "iletisim@seyhankentkonseyi.example.org.tr"
    council.website = "https://www.seyhankentkonseyi.example.org.tr/hakkimizda/iletisim"
    council.save()
    html = _home(client, cast, "/ar")
    assert 'id="contact-title"' in html
    assert 'href="mailto:iletisim@seyhankentkonseyi.example.org.tr"' in html
    assert 'href="/ar/seyhan/haberler/"' in html
    assert "council-home.css" in html
