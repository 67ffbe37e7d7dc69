"""Property tests: documents and JSON built from the pieces parsers trip on end in entries
or a ParseError, never another exception."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from santral.federation.parsers import (
    ParseError,
    parse_feed,
    parse_ical,
    parse_santral_items,
    parse_wordpress_posts,
)

# Hostile documents built from the pieces parsers trip on: only ParseError may come out.
_PIECES = st.sampled_from(
    [
        *("<", ">", "<!", "<![", "<![CDATA[", "]]>", "&", "&#", "&#x", ";", "<?", "<!--", "-->"),
        *('<a href="', "'", "<script>", "</", "x", "İ", " ", "\n", "\r", ":", "\x00", "%"),
        *("<rss version='2.0'><channel>", "<item>", "</item>", "<title>", "<!DOCTYPE r ["),
        *("<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "<link href='"),
        *("BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", "END:VEVENT\r\n"),
        *("DTSTART", ";TZID=Europe/Istanbul", ";VALUE=DATE", ":20261215T190000", "Z", "\r\n"),
        *("RRULE:FREQ=", "CATEGORIES:", "RECURRENCE-ID:", "DURATION:P1D", "UID:", "SUMMARY:"),
    ]
)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=5)
    | st.sampled_from(["news", "event", "2026-12-01T09:00:00Z", "https://a.example", "news:1"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    *("id", "kind", "title", "withdrawn", "items", "instance", "next", "cursor"),
                    *("council", "name", "topics", "starts_at", "url", "rendered", "_embedded"),
                    *("author", "wp:term", "taxonomy", "date_gmt", "link", "updated_at"),
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_hostile_feeds_and_calendars_end_in_entries_or_parse_error(document):
    body = document.encode("utf-8", "surrogatepass")
    for parse in (
        lambda: parse_feed(body, base_url="https://a.example/", max_items=3),
        lambda: parse_ical(body, max_items=3),
        lambda: parse_feed(document.encode("utf-16"), base_url="https://a.example/", max_items=3),
    ):
        try:
            page = parse()
        except ParseError:
            continue
        assert len(page.entries) <= 3
        assert all(entry.title and len(entry.title) <= 255 for entry in page.entries)


@settings(max_examples=150, deadline=None)
@given(_JSON)
def test_hostile_json_ends_in_entries_or_parse_error(value):
    body = json.dumps(value).encode()
    for parse in (
        lambda: parse_santral_items(body, max_items=3),
        lambda: parse_wordpress_posts(
            body,
            page_url="https://a.example/wp-json/wp/v2/posts?page=x",
            total_pages=3,
            max_items=3,
        ),
    ):
        try:
            page = parse()
        except ParseError:
            continue
        assert len(page.entries) <= 3
