"""An event's date and time in the reader's language and order; Arabic has its own
DATETIME_FORMAT (santral/formats/ar) and the <time> carries the direction."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from santral.events.factories import make_event

START = datetime(2027, 3, 4, 18, 30, tzinfo=ZoneInfo("Europe/Istanbul"))


def _render(language: str, value=START) -> str:
    with translation.override(language):
        return Template("{% load santral %}{{ v|local_datetime }}").render(Context({"v": value}))


def test_date_then_time_in_each_language():
    iso = 'datetime="2027-03-04T18:30:00+03:00"'
    assert _render("tr") == f'<time {iso} dir="ltr">04 Mart 2027 18:30</time>'
    assert _render("en") == f'<time {iso} dir="ltr">March 4, 2027, 6:30 p.m.</time>'
    # Day, month, year, then the time, read right to left inside an rtl <time>.
    assert _render("ar") == f'<time {iso} dir="rtl">4 مارس، 2027، 6:30 م</time>'


def test_utc_values_are_shown_in_istanbul_time():
    assert "18:30" in _render("tr", START.astimezone(ZoneInfo("UTC")))
    assert _render("tr", None) == ""


@pytest.mark.django_db
def test_event_page_and_list_in_arabic(client, cast):
    event = make_event(
        cast.council_a, title="Gençlik buluşması", start_at=START, end_at=START + timedelta(hours=2)
    )
    url = event.url  # before a request under /ar/ leaves Arabic active in this thread
    arabic = client.get("/ar" + url).content.decode()
    assert '<time datetime="2027-03-04T18:30:00+03:00" dir="rtl">4 مارس، 2027، 6:30 م</time>' in (
        arabic
    )
    assert "04.03.2027 18:30" not in arabic
    turkish = client.get(url).content.decode()
    assert ">04 Mart 2027 18:30</time>" in turkish
    listing = client.get("/en/seyhan/etkinlikler/").content.decode()
    assert ">March 4, 2027, 6:30 p.m.</time>" in listing
