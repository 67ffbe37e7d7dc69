"""Every shipped template, every size, in tr, en and ar, with data made by the factories:
PDF text read back, PNG size exact; the PNGs are kept in var/screenshots/visuals/ (the
test artefacts docs/visuals.md points to)."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from santral.content.factories import make_news
from santral.content.models import NewsPageTranslation
from santral.events.factories import make_event
from santral.events.models import EventPageTranslation
from santral.outreach.factories import AudienceFactory
from santral.outreach.services import participation_record_save
from santral.visuals.bundles import SHIPPED_ROOT, bundle_load
from santral.visuals.data import item_data
from santral.visuals.render import render_bundle

from .helpers import pdf_text, png_size, squeeze

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "visuals"
TITLES = {
    "event": {
        "tr": "Engelsiz Kent Forumu: Kaldırımlar ve Ulaşım",
        "en": "Accessible City Forum: Pavements and Transport",
        "ar": "منتدى المدينة الميسرة: الأرصفة والنقل",
    },
    "news": {
        "tr": "Çocuk Meclisi'nin oyun alanı önerisi kabul edildi",
        "en": "Children's Council playground proposal accepted",
        "ar": "قبول اقتراح مجلس الأطفال بشأن ساحة اللعب",
    },
}
OUTPUTS = [
    (path.name, size.name)
    for path in sorted(SHIPPED_ROOT.iterdir())
    if (path / "manifest.json").exists()
    for size in bundle_load(path).sizes
]


@pytest.fixture
def items(cast, fixture_budget):
    start = datetime.datetime(2026, 12, 14, 14, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
    event = make_event(
        cast.council_a,
        title=TITLES["event"]["tr"],
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        venue="Seyhan Kültür Merkezi",
        translations=[
            EventPageTranslation(language=lang, title=TITLES["event"][lang])
            for lang in ("en", "ar")
        ],
    )
    news = make_news(
        cast.council_a,
        title=TITLES["news"]["tr"],
        translations=[
            NewsPageTranslation(language=lang, title=TITLES["news"][lang]) for lang in ("en", "ar")
        ],
    )
    women = AudienceFactory(council=cast.council_a, slug="kadin", name="Kadınlar")
    participation_record_save(
        actor=cast.editor_a,
        council=cast.council_a,
        activity_title="Forum",
        held_on=datetime.date(2026, 3, 2),
        total_participants=80,
        audience_counts={women: 44},
    )
    return {
        "event": str(event.pk),
        "news": str(news.pk),
        "budget": "2026",
        "representation": "2026",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("bundle_slug", "size_name"), OUTPUTS)
def test_template_renders_in_three_languages(cast, items, bundle_slug, size_name):
    bundle = bundle_load(SHIPPED_ROOT / bundle_slug)
    size = bundle.size(size_name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("tr", "en", "ar"):
        data = item_data(
            council=cast.council_a, kind=bundle.kind, key=items[bundle.kind], language=language
        )
        rendered = render_bundle(bundle=bundle, size=size, context=data.context, language=language)
        text = squeeze(pdf_text(rendered.pdf))
        if bundle.kind in TITLES:
            assert squeeze(TITLES[bundle.kind][language]) in text, language
            assert TITLES[bundle.kind][language] in data.alt_text
        else:
            assert "2026" in text and data.alt_text
        assert png_size(rendered.png) == (size.width_px, size.height_px)
        assert rendered.refused == []
        (SCREENSHOTS / f"{bundle_slug}-{size_name}-{language}.png").write_bytes(rendered.png)
