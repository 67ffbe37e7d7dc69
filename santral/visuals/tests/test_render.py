"""Rendering the shipped bundles with demo-like data: PDF text read back, PNG sizes exact."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, timezone, translation

from santral.content.factories import make_news
from santral.events.factories import make_event
from santral.events.models import EventPageTranslation
from santral.visuals.bundles import bundle_get, bundles_available
from santral.visuals.data import event_data, news_data
from santral.visuals.render import TextDoesNotFit, render_bundle

from .helpers import pdf_text, png_size, squeeze

ISTANBUL = ZoneInfo("Europe/Istanbul")
TITLE_TR = "Gençlik Meclisi İklim Çalıştayı: Işıklı Şehir"
TITLE_AR = "ورشة مجلس الشباب حول المناخ"
VENUE = "Seyhan Kültür Merkezi, Büyük Salon"


@pytest.fixture
def event(cast):
    start = datetime.datetime(2026, 12, 14, 14, 0, tzinfo=ISTANBUL)
    return make_event(
        cast.council_a,
        title=TITLE_TR,
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        venue=VENUE,
        translations=[EventPageTranslation(language="ar", title=TITLE_AR)],
    )


def test_every_shipped_bundle_has_a_valid_manifest():
    bundles = bundles_available()
    assert {"event-card", "event-poster", "news-card", "budget-glance", "who-took-part"} <= set(
        bundles
    )
    assert {(s.width_px, s.height_px) for s in bundles["event-card"].sizes} == {
        (1080, 1080),
        (1200, 630),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bundle_slug", "size_name", "pixels", "points"),
    [
        ("event-card", "square", (1080, 1080), (810, 810)),
        ("event-card", "wide", (1200, 630), (900, 472.5)),
        ("event-poster", "a4", (1240, 1754), (595.28, 841.89)),
        ("event-poster", "a3", (1754, 2480), (841.89, 1190.55)),
    ],
)
def test_event_bundles_show_title_date_and_place_as_the_page_does(
    client, event, bundle_slug, size_name, pixels, points
):
    import io

    import pypdf

    bundle = bundle_get(bundle_slug)
    data = event_data(event, "tr")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size(size_name), context=data.context, language="tr"
    )
    text = pdf_text(rendered.pdf)
    page_html = client.get(event.url).content.decode()
    with translation.override("tr"):
        date = formats.date_format(timezone.localtime(event.start_at), "DATE_FORMAT")
    assert date == "14 Aralık 2026"
    assert date in page_html and VENUE in page_html
    for expected in (TITLE_TR, date, "14:00", VENUE):
        assert squeeze(expected) in squeeze(text), expected
    assert png_size(rendered.png) == pixels
    box = pypdf.PdfReader(io.BytesIO(rendered.pdf)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(points, abs=0.6)
    assert rendered.refused == []


@pytest.mark.django_db
def test_arabic_card_is_right_to_left_in_logical_order(event):
    bundle = bundle_get("event-card")
    data = event_data(event, "ar")
    assert data.context["dir"] == "rtl" and data.context["title"] == TITLE_AR
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("square"), context=data.context, language="ar"
    )
    text = squeeze(pdf_text(rendered.pdf))
    # Logical (reading) order, as typed; a visual-order PDF would give it reversed.
    assert squeeze(TITLE_AR) in text
    assert squeeze(TITLE_AR)[::-1] not in text
    with translation.override("ar"):
        date = formats.date_format(timezone.localtime(event.start_at), "DATE_FORMAT")
    # Digits inside right-to-left text: pypdf returns such a line's runs left to right as
    # drawn (the year first), so either order of the date's words is accepted here.
    words = date.split()
    assert squeeze(date) in text or "".join(reversed(words)) in text
    assert data.alt_text.count(TITLE_AR) == 1


@pytest.mark.django_db
def test_long_title_is_set_smaller_and_a_title_that_cannot_fit_is_refused_by_name(cast):
    bundle = bundle_get("event-card")
    longer = make_event(
        cast.council_a,
        title="Mahalle Meclisleri Ortak Toplantısı: Ulaşım, Yeşil Alanlar ve Çocuk Dostu Sokaklar",
    )
    rendered = render_bundle(
        bundle=bundle,
        size=bundle.size("square"),
        context=event_data(longer, "tr").context,
        language="tr",
    )
    assert rendered.font_sizes["title"] < bundle.fit["title"].sizes_px[0]
    assert squeeze(longer.title) in squeeze(pdf_text(rendered.pdf))

    too_long = make_event(cast.council_a, title=("Çok uzun başlık " * 15).strip())
    with pytest.raises(TextDoesNotFit) as caught:
        render_bundle(
            bundle=bundle,
            size=bundle.size("wide"),
            context=event_data(too_long, "tr").context,
            language="tr",
        )
    assert caught.value.field == "title"
    assert "“title”" in str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize(("size_name", "pixels"), [("wide", (1200, 630)), ("square", (1080, 1080))])
def test_news_card_shows_title_and_date(cast, size_name, pixels):
    news = make_news(cast.council_a, title="Kadın Meclisi'nin önerisi kabul edildi", intro="Özet.")
    bundle = bundle_get("news-card")
    data = news_data(news, "tr")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size(size_name), context=data.context, language="tr"
    )
    text = squeeze(pdf_text(rendered.pdf))
    assert squeeze(news.title) in text
    assert squeeze(data.context["date"]) in text
    assert png_size(rendered.png) == pixels
    assert news.title in data.alt_text and data.context["date"] in data.alt_text


@pytest.mark.django_db
def test_poster_carries_the_councils_logo_from_the_media_root(cast, media_root):
    import io

    import pypdf
    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), "#0B4F6C").save(buffer, format="PNG")
    council = cast.council_a
    council.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    event = make_event(council, title="Logolu afiş")
    data = event_data(event, "tr")
    assert data.context["logo"].startswith(media_root.as_uri())
    bundle = bundle_get("event-poster")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("a4"), context=data.context, language="tr"
    )
    assert rendered.refused == []
    resources = pypdf.PdfReader(io.BytesIO(rendered.pdf)).pages[0]["/Resources"]
    images = [
        name
        for name, obj in resources.get("/XObject", {}).items()
        if obj.get_object().get("/Subtype") == "/Image"
    ]
    assert images, "the logo is drawn"


@pytest.mark.django_db
def test_arabic_card_of_an_untranslated_event_keeps_the_turkish_title_left_to_right(cast):
    event = make_event(cast.council_a, title="Engelsiz Kent: Kaldırımlar, 2. Oturum")
    data = event_data(event, "ar")
    assert data.context["dir"] == "rtl" and data.context["text_lang"] == "tr"
    bundle = bundle_get("event-card")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("square"), context=data.context, language="ar"
    )
    assert squeeze(event.title) in squeeze(pdf_text(rendered.pdf))
