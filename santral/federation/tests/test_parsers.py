"""Parsers against documents served on loopback and fetched with fetch(): RSS, Atom,
iCalendar, the WordPress REST API, another Santral's shared items; malformed, hostile and
oversized documents."""

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from santral.federation.fetching import fetch
from santral.federation.parsers import (
    ParseError,
    parse_feed,
    parse_ical,
    parse_santral_items,
    parse_wordpress_posts,
    wordpress_feed_url,
    wordpress_posts_url,
)
from santral.federation.tests.loopback import Route


def _serve(server, path, body, content_type):
    server.routes[path] = Route(headers={"Content-Type": content_type}, body=body)
    return fetch(server.url(path))


WORDPRESS_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Seyhan Kent Konseyi</title>
  <link>{base}</link>
  <language>tr-TR</language>
  <item>
    <title>Kent Konseyi&#8217;nden &amp; Gençlik Meclisi&#8217;ne çağrı: İklim Şûrası</title>
    <link>{base}2026/12/iklim-surasi/</link>
    <dc:creator><![CDATA[Ayşe Yılmaz]]></dc:creator>
    <pubDate>Mon, 07 Dec 2026 09:30:00 +0300</pubDate>
    <category><![CDATA[Çevre]]></category>
    <category><![CDATA[Gençlik]]></category>
    <guid isPermaLink="false">{base}?p=123</guid>
    <description><![CDATA[<p>Işıklı Çarşı&#8217;da   buluşuyoruz&#8230;</p>]]></description>
    <content:encoded><![CDATA[<p>Ilık bir <strong>öğleden</strong> sonra;
      ĞÜŞİÖÇ ğüşıöç.</p>]]></content:encoded>
  </item>
  <item>
    <title><![CDATA[<b>Öğrenci</b>
       Meclisi   toplandı]]></title>
    <link>/haber/ogrenci-meclisi</link>
    <guid>https://elsewhere.example/?p=9</guid>
    <pubDate>Tue, 01 Dec 2026 12:00:00 GMT</pubDate>
  </item>
  <item>
    <title></title>
    <description>Başlıksız bir duyurunun metni, uzunca bir cümle.</description>
    <link>javascript:alert(1)</link>
  </item>
  <item><title>  </title></item>
</channel>
</rss>
"""


def test_wordpress_rss_keeps_turkish_text_decodes_entities_and_cdata(loopback_server):
    base = loopback_server.url("/")
    fetched = _serve(
        loopback_server, "/feed/", WORDPRESS_RSS.format(base=base).encode(), "application/rss+xml"
    )
    page = parse_feed(fetched.body, base_url=fetched.url, max_items=50)
    assert len(page.entries) == 3  # the item with neither title nor text is skipped
    first, second, third = page.entries

    assert first.title == "Kent Konseyi’nden & Gençlik Meclisi’ne çağrı: İklim Şûrası"
    assert first.guid == "wp:123"  # the REST API's identity for the same post
    assert first.url == f"{base}2026/12/iklim-surasi/"
    assert first.kind == "news" and first.language == "tr"
    assert first.author == "Ayşe Yılmaz"
    assert first.categories == ("Çevre", "Gençlik")
    assert first.summary == "Işıklı Çarşı’da buluşuyoruz…"
    assert "<strong>öğleden</strong>" in first.body_html
    assert "ĞÜŞİÖÇ ğüşıöç" in first.body_html
    assert first.published_at == datetime(2026, 12, 7, 6, 30, tzinfo=UTC)
    assert first.published_at.utcoffset().total_seconds() == 0

    assert second.title == "Öğrenci Meclisi toplandı"
    assert second.url == f"{base}haber/ogrenci-meclisi"  # resolved against the feed
    assert second.guid == "https://elsewhere.example/?p=9"  # another host: kept as given
    assert second.published_at == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    assert third.title == "Başlıksız bir duyurunun metni, uzunca bir cümle."
    assert third.url == ""  # javascript: is not a link


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Local governments network</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2026-12-01T10:00:00Z</updated>
  <entry>
    <title type="html">Local &lt;em&gt;governments&lt;/em&gt; &amp;amp; climate</title>
    <link rel="alternate" href="/news/1"/>
    <id>tag:network.example,2026:1</id>
    <published>2026-11-30T08:00:00+01:00</published>
    <updated>2026-12-01T10:00:00Z</updated>
    <author><name>Network secretariat</name></author>
    <category term="Climate"/>
    <summary>Mayors met in İzmir.</summary>
    <content type="html">&lt;p&gt;Full &lt;b&gt;text&lt;/b&gt;&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second</title>
    <link href="https://network.example/news/2"/>
    <id>tag:network.example,2026:2</id>
    <updated>2026-12-02T00:00:00-05:00</updated>
  </entry>
</feed>
"""


def test_atom_feed(loopback_server):
    fetched = _serve(loopback_server, "/atom.xml", ATOM.encode(), "application/atom+xml")
    page = parse_feed(fetched.body, base_url=fetched.url, max_items=50)
    first, second = page.entries
    assert first.title == "Local governments & climate"
    assert first.guid == "tag:network.example,2026:1"
    assert first.url == loopback_server.url("/news/1")
    assert first.published_at == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert first.updated_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert (first.author, first.categories, first.language) == (
        "Network secretariat",
        ("Climate",),
        "en",
    )
    assert first.summary == "Mayors met in İzmir."
    assert "<b>text</b>" in first.body_html
    assert second.published_at == second.updated_at == datetime(2026, 12, 2, 5, 0, tzinfo=UTC)


ICAL_ISTANBUL = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Seyhan Kent Konseyi//Etkinlikler//TR\r
BEGIN:VEVENT\r
UID:etkinlik-1@seyhan.example\r
DTSTAMP:20261201T080000Z\r
LAST-MODIFIED:20261202T080000Z\r
DTSTART;TZID=Europe/Istanbul:20261215T190000\r
DTEND;TZID=Europe/Istanbul:20261215T210000\r
SUMMARY:Çevre\\, Şehir ve İnsan Söyleşisi\r
DESCRIPTION:Gençlik Meclisi düzenliyor.\\n\\nKatılım ücretsizdir.\r
LOCATION:Kültür Merkezi\\, Işıklar Salonu\r
CATEGORIES:Çevre,Gençlik\r
URL:https://seyhan.example/etkinlik/1/\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:etkinlik-2@seyhan.example\r
DTSTAMP:20261201T080000Z\r
DTSTART;VALUE=DATE:20261220\r
DTEND;VALUE=DATE:20261221\r
SUMMARY:Kadın Meclisi Dayanışma Pazarı\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:etkinlik-3@seyhan.example\r
DTSTAMP:20261201T080000Z\r
DTSTART:20261221T100000\r
SUMMARY:Yüzen saat (floating)\r
URL:javascript:alert(1)\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:etkinlik-4@seyhan.example\r
DTSTAMP:20261201T080000Z\r
DTSTART:20261222T100000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""

ICAL_UTC = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Network//EN\r
BEGIN:VEVENT\r
UID:webinar-7\r
DTSTAMP:20261201T080000Z\r
DTSTART:20261215T070000Z\r
DURATION:PT2H\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Webinar on participatory budgets\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_icalendar_feeds_in_istanbul_time_and_utc(loopback_server):
    fetched = _serve(loopback_server, "/etkinlikler.ics", ICAL_ISTANBUL.encode(), "text/calendar")
    page = parse_ical(fetched.body, max_items=50)
    talk, market, floating = page.entries  # the fourth has no title: skipped
    assert talk.kind == "event"
    assert talk.guid == "etkinlik-1@seyhan.example"
    assert talk.title == "Çevre, Şehir ve İnsan Söyleşisi"
    assert talk.starts_at == datetime(2026, 12, 15, 16, 0, tzinfo=UTC)
    assert talk.ends_at == datetime(2026, 12, 15, 18, 0, tzinfo=UTC)
    assert talk.location == "Kültür Merkezi, Işıklar Salonu"
    assert talk.categories == ("Çevre", "Gençlik")
    assert talk.url == "https://seyhan.example/etkinlik/1/"
    assert talk.summary == "Gençlik Meclisi düzenliyor. Katılım ücretsizdir."
    assert talk.body_html == "<p>Gençlik Meclisi düzenliyor.</p><p>Katılım ücretsizdir.</p>"
    assert talk.updated_at == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert market.starts_at == datetime(2026, 12, 19, 21, 0, tzinfo=UTC)  # 00:00 Istanbul
    assert market.ends_at == datetime(2026, 12, 20, 21, 0, tzinfo=UTC)
    assert market.extra["all_day"] is True
    assert floating.starts_at == datetime(2026, 12, 21, 7, 0, tzinfo=UTC)
    assert floating.url == ""

    fetched = _serve(loopback_server, "/network.ics", ICAL_UTC.encode(), "text/calendar")
    (webinar,) = parse_ical(fetched.body, max_items=50).entries
    assert webinar.starts_at == datetime(2026, 12, 15, 7, 0, tzinfo=UTC)
    assert webinar.ends_at == datetime(2026, 12, 15, 9, 0, tzinfo=UTC)
    assert webinar.extra["rrule"] == "FREQ=WEEKLY;COUNT=3"

    assert [e.guid for e in parse_ical(ICAL_ISTANBUL.encode(), max_items=2).entries] == [
        "etkinlik-1@seyhan.example",
        "etkinlik-2@seyhan.example",
    ]
    for broken in (b"", b"<html>not a calendar</html>", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"):
        with pytest.raises(ParseError) as caught:
            parse_ical(broken, max_items=50)
        assert caught.value.message.startswith("Takvim okunamadı")


def _wordpress_post(number: int) -> dict:
    return {
        "id": number,
        "date_gmt": f"2026-11-{number:02d}T09:00:00",
        "modified_gmt": f"2026-12-{number:02d}T10:30:00",
        "link": f"https://seyhan.example/?p={number}",
        "title": {"rendered": f"Konsey&#8217;den duyuru {number} &amp; İş birliği"},
        "excerpt": {"rendered": "<p>Kısa özet&#8230;</p>\n"},
        "content": {"rendered": "<p>Şişli&#8217;de <em>ılık</em> bir gün.</p>"},
        "author": 7,
        "categories": [3],
        "tags": [],
        "_embedded": {
            "author": [{"id": 7, "name": "Gülşen Öztürk"}] if number != 2 else [{"code": "x"}],
            "wp:term": [
                [{"id": 3, "name": "Çevre", "taxonomy": "category"}],
                [{"id": 9, "name": "iklim", "taxonomy": "post_tag"}],
            ]
            if number != 3
            else [],
        },
    }


def test_wordpress_rest_api_three_pages(loopback_server):
    posts = [_wordpress_post(number) for number in range(1, 8)]

    def api(request):
        query = parse_qs(urlsplit(request.path).query)
        page, per_page = int(query["page"][0]), int(query["per_page"][0])
        chunk = posts[(page - 1) * per_page : page * per_page]
        return Route(
            headers={"Content-Type": "application/json", "X-WP-TotalPages": "3"},
            body=json.dumps(chunk).encode(),
        )

    loopback_server.routes["/wp-json/wp/v2/posts"] = api
    url = wordpress_posts_url(loopback_server.url("/"), per_page=3)
    entries, pages = [], []
    while url:
        fetched = fetch(url, accept="application/json")
        page = parse_wordpress_posts(
            fetched.body,
            page_url=fetched.url,
            total_pages=int(fetched.headers["x-wp-totalpages"]),
            max_items=100,
        )
        entries += page.entries
        pages.append(parse_qs(urlsplit(fetched.url).query)["page"][0])
        url = page.next_url
    assert pages == ["1", "2", "3"]
    assert [entry.guid for entry in entries] == [f"wp:{n}" for n in range(1, 8)]
    first = entries[0]
    assert first.title == "Konsey’den duyuru 1 & İş birliği"
    assert first.summary == "Kısa özet…"
    assert first.body_html == "<p>Şişli&#8217;de <em>ılık</em> bir gün.</p>"
    assert first.published_at == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert first.updated_at == datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
    assert (first.author, first.categories, first.extra) == (
        "Gülşen Öztürk",
        ("Çevre",),
        {"tags": ["iklim"]},
    )
    assert first.url == "https://seyhan.example/?p=1"
    assert entries[1].author == "7"  # no embedded name: the author id
    assert entries[2].categories == ("3",)  # no embedded terms: the category ids
    sent = parse_qs(urlsplit(loopback_server.requests[0].path).query)
    assert sent["orderby"] == ["id"] and sent["_embed"] == ["author,wp:term"]


def test_wordpress_posts_url_and_hostile_pages():
    url = wordpress_posts_url(
        "https://seyhan.example/blog/",
        page=2,
        per_page=500,
        modified_after=datetime(2026, 12, 7, 9, 0, tzinfo=UTC),
    )
    parts = urlsplit(url)
    assert parts.path == "/blog/wp-json/wp/v2/posts"
    query = parse_qs(parts.query)
    assert query["page"] == ["2"] and query["per_page"] == ["100"]
    assert query["modified_after"] == ["2026-12-06T09:00:00"]  # a day's margin
    assert wordpress_feed_url("https://seyhan.example/blog") == "https://seyhan.example/blog/feed/"

    last = parse_wordpress_posts(b"[]", page_url=url, total_pages=2, max_items=10)
    assert (last.entries, last.next_url) == ([], "")
    hostile = json.dumps(
        [
            "a string",
            {"id": "1", "title": {"rendered": "id is a string"}},
            {"id": True, "title": {"rendered": "id is a bool"}},
            {"id": 5, "title": ["x"], "link": "ftp://x/", "date_gmt": 12, "_embedded": "x"},
            {"id": 6, "title": {"rendered": "A" * 1000}, "categories": "x"},
            {"id": 7, "title": {"rendered": "Kırık <![< başlık"}},  # html.parser gives up
        ]
    ).encode()
    page = parse_wordpress_posts(hostile, page_url=url, total_pages=None, max_items=10)
    assert [entry.guid for entry in page.entries] == ["wp:6", "wp:7"]
    assert len(page.entries[0].title) == 255 and page.next_url == ""
    assert page.entries[1].title == "Kırık"
    for broken in (b"{}", b"not json", b"[" * 100_000):
        with pytest.raises(ParseError):
            parse_wordpress_posts(broken, page_url=url, total_pages=3, max_items=10)


def test_malformed_feeds_are_clear_errors_unless_entries_can_be_recovered(loopback_server):
    for number, broken in enumerate(
        [
            b"<html><body><p>Bu bir besleme de\xc4\x9fil</p></body></html>",
            b"<?xml version='1.0'?><rss version='2.0'><chan",
            b"\x00\xff\xfe garbage",
            b"   ",
        ]
    ):
        fetched = _serve(loopback_server, f"/broken{number}", broken, "application/xml")
        with pytest.raises(ParseError) as caught:
            parse_feed(fetched.body, base_url=fetched.url, max_items=10)
        assert caught.value.message in (
            "Besleme okunamadı: geçerli bir RSS ya da Atom belgesi değil.",
            "Kaynak boş bir yanıt döndürdü.",
        )

    recoverable = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
        b"<item><title>Ali & Veli</title><link>https://a.example/1</link></item>"
        b"<item><title>ikinci</title><link>https://a.example/2</link></item>"
    )
    page = parse_feed(recoverable, base_url="https://a.example/", max_items=10)
    assert [entry.title for entry in page.entries] == ["Ali & Veli", "ikinci"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://a.example/1</link></item></channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&xxe;</title><link>https://a.example/1</link></item></channel></rss>
"""


@pytest.mark.parametrize(
    "document",
    [
        BILLION_LAUGHS,
        EXTERNAL_ENTITY,
        BILLION_LAUGHS.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16"),
        b"garbage before <!doctype x [<!entity a 'b'>]><rss/>",
    ],
    ids=["billion-laughs", "external-entity", "utf-16", "broken-prolog"],
)
def test_entity_declarations_are_refused_before_any_expansion(loopback_server, document):
    fetched = _serve(loopback_server, "/lol.xml", document, "application/xml")
    with pytest.raises(ParseError) as caught:
        parse_feed(fetched.body, base_url=fetched.url, max_items=10)
    assert "varlık (ENTITY)" in caught.value.message


def test_a_feed_that_only_mentions_entities_in_its_text_is_read():
    document = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item>"
        b"<title>XML g\xc3\xbcvenli\xc4\x9fi</title><link>https://a.example/1</link>"
        b"<description><![CDATA[<pre>&lt;!DOCTYPE x [&lt;!ENTITY a 'b'&gt;]&gt;</pre>"
        b"<!DOCTYPE y [<!ENTITY lol 'lol'>]>]]></description></item></channel></rss>"
    )
    (entry,) = parse_feed(document, base_url="https://a.example/", max_items=5).entries
    assert entry.title == "XML güvenliği"


def test_a_50000_item_feed_keeps_the_first_max_items(loopback_server):
    items = "".join(
        f"<item><title>Haber {n} İşçi</title><link>https://a.example/{n}</link>"
        f"<guid>https://a.example/{n}</guid></item>"
        for n in range(50_000)
    )
    rss = "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>x</title>"
    fetched = _serve(
        loopback_server, "/big-feed", (rss + items + "</channel></rss>").encode(), "text/xml"
    )
    page = parse_feed(fetched.body, base_url=fetched.url, max_items=200)
    assert [entry.title for entry in page.entries] == [f"Haber {n} İşçi" for n in range(200)]
    # The same cut for a broken document (no closing tags: feedparser's loose parser).
    broken = parse_feed(fetched.body[:-20], base_url=fetched.url, max_items=3)
    assert [entry.guid for entry in broken.entries] == [f"https://a.example/{n}" for n in (0, 1, 2)]


def test_skipped_items_do_not_shorten_a_capped_page():
    """Harvesters ask for one item more than they keep to tell that a source was capped;
    items skipped for having no title or text must not make a capped feed look complete."""
    items = "<item><title> </title></item>" * 2 + "".join(
        f"<item><title>{name}</title><link>https://a.example/{name}</link></item>"
        for name in "ABCD"
    )
    rss = f"<rss version='2.0'><channel><title>x</title>{items}</channel></rss>".encode()
    page = parse_feed(rss, base_url="https://a.example/", max_items=3)
    assert [entry.title for entry in page.entries] == ["A", "B", "C"]

    events = "BEGIN:VEVENT\r\nUID:empty\r\nDTSTART:20261215T070000Z\r\nEND:VEVENT\r\n" * 2
    events += "".join(
        f"BEGIN:VEVENT\r\nUID:{name}\r\nDTSTART:20261215T070000Z\r\nSUMMARY:{name}\r\n"
        "END:VEVENT\r\n"
        for name in "ABCD"
    )
    calendar = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{events}END:VCALENDAR\r\n"
    page = parse_ical(calendar.encode(), max_items=3)
    assert [entry.title for entry in page.entries] == ["A", "B", "C"]


SANTRAL_ITEMS = {
    "instance": "https://a.example",
    "items": [
        {
            "id": "news:123",
            "kind": "news",
            "title": "Seyhan&#8217;da <b>İklim</b> Buluşması",
            "summary": "<p>Çevre gönüllüleri buluştu.</p>",
            "body_html": "<p>Uzun metin</p>",
            "url": "https://a.example/seyhan/haberler/iklim/",
            "council": {
                "name": "Seyhan Kent Konseyi",
                "slug": "seyhan",
                "url": "https://a.example/seyhan/",
            },
            "scope": "national",
            "topics": ["Çevre", 5, "Gençlik"],
            "language": "tr",
            "published_at": "2026-12-01T09:00:00Z",
            "updated_at": "2026-12-02T09:00:00+03:00",
            "starts_at": None,
            "ends_at": None,
            "location": "",
            "licence": "CC-BY-4.0",
            "withdrawn": False,
        },
        {
            "id": "event:9",
            "kind": "event",
            "title": "Kadın Meclisi Toplantısı",
            "url": "javascript:alert(1)",
            "council": "not an object",
            "topics": "Çevre",
            "starts_at": "2026-12-15T16:00:00Z",
            "ends_at": "2026-12-15T15:00:00Z",
            "location": "Işıklar Salonu",
            "published_at": "yesterday",
        },
        {"id": "news:77", "kind": "news", "withdrawn": True, "updated_at": "2026-12-03T00:00:00Z"},
        {"id": 5, "kind": "news", "title": "id is a number"},
        {"id": "page:1", "kind": "page", "title": "unknown kind"},
        {"id": "event:10", "kind": "event", "title": "no start"},
        {"id": "news:8", "kind": "news", "title": "Ş" * 100_000},
        ["not", "an", "object"],
    ],
    "cursor": "opaque-cursor",
    "next": "https://a.example/api/v1/federation/items/?cursor=opaque-cursor",
}


def test_santral_shared_items(loopback_server):
    fetched = _serve(
        loopback_server,
        "/api/v1/federation/items/",
        json.dumps(SANTRAL_ITEMS).encode(),
        "application/json",
    )
    page = parse_santral_items(fetched.body, max_items=50)
    assert (page.cursor, page.next_url) == ("opaque-cursor", SANTRAL_ITEMS["next"])
    news, event, withdrawn, long = page.entries
    assert news.guid == "https://a.example:news:123"
    assert news.title == "Seyhan’da İklim Buluşması"
    assert (news.origin_council, news.origin_url) == (
        "Seyhan Kent Konseyi",
        "https://a.example/seyhan/haberler/iklim/",
    )
    assert news.url == news.origin_url
    assert news.categories == ("Çevre", "Gençlik")
    assert news.summary == "Çevre gönüllüleri buluştu."
    assert news.updated_at == datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
    assert news.extra["scope"] == "national" and news.extra["licence"] == "CC-BY-4.0"
    assert news.withdrawn is False and news.language == "tr"

    assert event.kind == "event" and event.starts_at == datetime(2026, 12, 15, 16, tzinfo=UTC)
    assert event.ends_at is None  # before the start: dropped
    assert (event.url, event.origin_council, event.categories, event.published_at) == (
        "",
        "",
        (),
        None,
    )
    assert (withdrawn.guid, withdrawn.withdrawn, withdrawn.title) == (
        "https://a.example:news:77",
        True,
        "news:77",
    )
    assert len(long.title) == 255

    assert len(parse_santral_items(fetched.body, max_items=2).entries) == 2
    elsewhere = dict(SANTRAL_ITEMS, next="http://169.254.169.254/latest/")
    assert parse_santral_items(json.dumps(elsewhere).encode(), max_items=5).next_url == ""
    for broken in (
        b"[]",
        b"{}",
        b'{"items": {}}',
        b'{"instance": "file:///etc", "items": []}',
        b'{"instance": 5, "items": []}',
        b"\xff\xfe",
        b"[" * 100_000,
    ):
        with pytest.raises(ParseError):
            parse_santral_items(broken, max_items=5)


def test_a_50000_event_calendar_keeps_the_first_max_items_and_its_time_zones(loopback_server):
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}\r\nDTSTAMP:20261201T080000Z\r\n"
        f"DTSTART;TZID=Kent Saati:20261215T190000\r\nSUMMARY:Etkinlik {n} Işık\r\nEND:VEVENT\r\n"
        for n in range(50_000)
    )
    # A zone of the calendar's own, defined after the events (RFC 5545 allows any order).
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Kent Saati\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
        "TZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    calendar = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{events}{zone}END:VCALENDAR\r\n"
    fetched = _serve(loopback_server, "/big.ics", calendar.encode(), "text/calendar")
    page = parse_ical(fetched.body, max_items=150)
    assert [entry.guid for entry in page.entries] == [f"e{n}" for n in range(150)]
    assert page.entries[-1].title == "Etkinlik 149 Işık"
    assert {entry.starts_at for entry in page.entries} == {datetime(2026, 12, 15, 14, tzinfo=UTC)}


@pytest.mark.parametrize("encoding", ["iso-8859-9", "windows-1254", "utf-16"])
def test_turkish_legacy_encodings_and_html_entities_in_feeds(encoding):
    document = (
        f"<?xml version='1.0' encoding='{encoding}'?><rss version='2.0'><channel><title>x</title>"
        "<item><title>Öğrenci İşleri&nbsp;&ouml;n&uuml;nde &hellip;</title>"
        "<link>https://a.example/1</link></item>"
        "<item><title>Şişli Işık</title><link>https://a.example/2</link></item>"
        "</channel></rss>"
    )
    page = parse_feed(document.encode(encoding), base_url="https://a.example/", max_items=1)
    assert [entry.title for entry in page.entries] == ["Öğrenci İşleri önünde …"]
