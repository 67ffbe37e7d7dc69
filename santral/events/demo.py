"""Demo events in Adana (Turkish and English); idempotent by slug."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from santral.content.models import Scope, Topic
from santral.content.services import content_page_create
from santral.councils.models import Body, Council, CouncilHomePage

from .models import EventPage

ISTANBUL = ZoneInfo("Europe/Istanbul")
DEMO_NOTE = "Bu etkinlik Santral'ın tanıtım (demo) verisidir."


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
        event = EventPage(slug=slug, **fields)
        if topics:
            event.topics.set(list(Topic.objects.filter(slug__in=topics)))
        if group is not None:
            event.organiser_bodies.set([group])
        content_page_create(actor=None, parent=home, page=event, publish=True)
