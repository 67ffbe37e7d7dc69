"""Demo events in Adana (Turkish and English); idempotent by slug."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from santral.content.models import Scope, Topic
from santral.content.services import content_page_create, content_page_update
from santral.core.demo import demo_image
from santral.councils.models import Body, Council, CouncilHomePage

from .models import EventPage

ISTANBUL = ZoneInfo("Europe/Istanbul")
DEMO_NOTE = "Bu etkinlik Santral'ın tanıtım (demo) verisidir."


# Card images of the public demo events (santral/core/demo_assets/, own work, CC0):
# event slug → (file, image title, alt text).
EVENT_IMAGES = {
    "bilgi-santrali-tanitim-toplantisi": (
        "tanitim-toplantisi-kapak.png",
        "Tanıtım toplantısı görseli (demo)",
        "Turuncu ve mavi noktaları birleştiren çizgiler: konseyleri bir araya getiren "
        "toplantıyı anlatan soyut çizim",
    ),
    "city-councils-workshop": (
        "butce-atolyesi-kapak.png",
        "Bütçe atölyesi görseli (demo)",
        "Lacivert tonlarında şeritler ve pembe bir güneş: bütçe atölyesini anlatan soyut çizim",
    ),
    "genclik-meclisi-acik-oturumu": (
        "genclik-oturumu-kapak.png",
        "Gençlik Meclisi oturumu görseli (demo)",
        "Bir halka oluşturan mavi, yeşil ve sarı daireler: gençlerin buluşmasını anlatan "
        "soyut çizim",
    ),
}


def _image(slug: str):
    filename, title, alt = EVENT_IMAGES[slug]
    return demo_image(filename, title=title, description=alt, renditions=("fill-640x360",)), alt


def _at(days: int, hour: int) -> datetime:
    """A fixed time of day `days` from the first demo load's date (kept once created)."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ISTANBUL)


@transaction.atomic
def load_events_demo(stdout=None) -> None:
    adana = Council.objects.filter(slug="adana-buyuksehir").first()
    if adana is None:
        return
    home = CouncilHomePage.objects.get(council=adana)
    group = Body.objects.filter(council=adana, slug="destek-ve-kaynak-calisma-grubu").first()
    specs = [
        (
            "bilgi-santrali-tanitim-toplantisi",
            dict(
                title="Bilgi Santrali tanıtım toplantısı",
                intro="Çalışma grubu Bilgi Santrali'ni konseylere tanıtıyor. " + DEMO_NOTE,
                start_at=_at(14, 14),
                end_at=_at(14, 17),
                venue="Adana Büyükşehir Belediyesi Meclis Salonu",
                address="Reşatbey Mah., Seyhan / Adana (demo adresi)",
                partners="Adana Grafik Tasarımcılar Derneği",
                capacity=40,
                registration_mode="onsite",
                is_shared=True,
            ),
            ["kultur"],
        ),
        (
            "city-councils-workshop",
            dict(
                title="Workshop: city councils and local budgets",
                intro="An English-language workshop for visiting delegations. " + DEMO_NOTE,
                start_at=_at(30, 10),
                end_at=_at(30, 13),
                venue="Adana Kent Konseyi Toplantı Salonu",
                address="Adana (demo adresi)",
                language="en",
                scope=Scope.INTERNATIONAL,
                registration_mode="none",
            ),
            ["butce"],
        ),
        (
            # Held already, so the outreach demo can link its participation figures to it.
            "genclik-meclisi-acik-oturumu",
            dict(
                title="Gençlik Meclisi açık oturumu",
                intro="Gençlik Meclisi'nin kentin gençlerine açık oturumu. " + DEMO_NOTE,
                start_at=datetime(2026, 9, 20, 14, 0, tzinfo=ISTANBUL),
                end_at=datetime(2026, 9, 20, 17, 0, tzinfo=ISTANBUL),
                venue="Adana Gençlik Merkezi",
                address="Seyhan / Adana (demo adresi)",
                registration_mode="none",
            ),
            [],
        ),
        (
            "yurutme-kurulu-ic-toplanti",
            dict(
                title="Yürütme Kurulu iç toplantısı",
                intro="Yalnızca konsey üyelerine açık iç toplantı. " + DEMO_NOTE,
                start_at=_at(7, 18),
                end_at=_at(7, 20),
                venue="Konsey ofisi",
                is_public=False,
            ),
            [],
        ),
    ]
    for slug, fields, topics in specs:
        if home.get_children().filter(slug=slug).exists():
            continue
        if slug in EVENT_IMAGES:
            fields["lead_image"], fields["lead_image_alt"] = _image(slug)
        event = EventPage(slug=slug, **fields)
        if topics:
            event.topics.set(list(Topic.objects.filter(slug__in=topics)))
        if group is not None:
            event.organiser_bodies.set([group])
        content_page_create(actor=None, parent=home, page=event, publish=True)
    # Demo databases made before events had images get them once, as a new revision.
    for event in EventPage.objects.child_of(home).filter(
        slug__in=list(EVENT_IMAGES), lead_image__isnull=True
    ):
        image, alt = _image(event.slug)
        content_page_update(
            actor=None, page=event, publish=True, lead_image=image, lead_image_alt=alt
        )
