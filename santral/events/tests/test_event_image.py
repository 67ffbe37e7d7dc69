"""Events carry a lead image like news (issue 19: news and events as cards with images):
on their page, on the list card and on the council home card, with its text alternative,
and its renditions made at publishing so that a visitor's GET writes nothing."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from santral.core.demo import demo_image
from santral.events.factories import make_event
from santral.events.models import EventPage

pytestmark = pytest.mark.django_db

ALT = "Turuncu ve mavi noktaları birleştiren çizgiler"
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _image():
    return demo_image("tanitim-toplantisi-kapak.png", title="Etkinlik görseli", description=ALT)


def test_the_image_shows_on_the_page_the_list_and_the_council_home_without_a_write(client, cast):
    event = make_event(cast.council_a, title="Kent Forumu", lead_image=_image(), lead_image_alt=ALT)
    pages = [event.url, f"/{cast.council_a.slug}/etkinlikler/", f"/{cast.council_a.slug}/"]
    client.get(pages[-1])  # warm Wagtail's site-root cache (a read, but cached per process)
    with CaptureQueriesContext(connection) as queries:
        html = [client.get(url).content.decode() for url in pages]
    writes = [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]
    assert writes == []
    page, listing, home = html
    assert re.search(r'<figure class="lead-image"><img[^>]* alt="' + ALT, page)
    assert re.search(r'<div class="card-media"><img[^>]* alt="' + ALT, listing)
    # On the council home the card's title says it all: the image is decorative there.
    assert re.search(r'<img[^>]* alt=""[^>]*class="card-image"', home) or re.search(
        r'<img[^>]*class="card-image"[^>]* alt=""', home
    )


def test_an_event_image_needs_a_text_alternative_unless_decorative(cast):
    event = make_event(cast.council_a, title="Atölye")
    event.lead_image = _image()
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "lead_image_alt" in error.value.message_dict
    event.lead_image_decorative = True
    event.full_clean()
    assert EventPage.objects.get(pk=event.pk).lead_image_alt_text == ""
