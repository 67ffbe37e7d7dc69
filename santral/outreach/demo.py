"""Demo data for Adana: audiences with sourced baselines, one plan, a few aggregate records.

Idempotent (natural keys + upsert). Every figure without a published source stays
empty and shows as "henüz kaynak yok"; the participation records are invented and
say so (`is_demo`, and "(demo)" in their title).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from santral.core.demo import upsert
from santral.councils.models import Body, Council, District
from santral.events.models import EventPage

from .models import (
    AreaCount,
    AreaPopulation,
    Audience,
    AudienceCount,
    AudienceKind,
    CommunicationPlan,
    NewsletterTopic,
    ParticipationRecord,
    PlanAction,
    PlanKpi,
    PlanMessage,
)
from .services import DEFAULT_AUDIENCES

ADANA_POPULATION = 2_280_484  # TÜİK ADNKS, end of 2024
SYRIANS_UNDER_TEMPORARY_PROTECTION = 210_600  # early 2025, not in the ADNKS total

BASELINES = {
    "kadinlar": {
        "baseline_share": Decimal("50.0400"),
        "baseline_source": "TÜİK ADNKS",
        "baseline_year": 2021,
        "baseline_note": "Adana nüfusunda kadınların payı (ADNKS 2021).",
    },
    "gocmenler": {
        "baseline_count": SYRIANS_UNDER_TEMPORARY_PROTECTION,
        "baseline_population": ADANA_POPULATION + SYRIANS_UNDER_TEMPORARY_PROTECTION,
        "baseline_source": "Göç İdaresi: geçici koruma altındaki Suriyeliler (yaklaşık)",
        "baseline_year": 2025,
        "baseline_note": (
            "Yaklaşık 210 600 kişi (2025 başı). ADNKS toplamına dahil değildir; bu yüzden "
            "dayanak nüfus ADNKS toplamı (2 280 484) ile bu sayının toplamıdır. "
            "Diğer göçmen ve mülteci grupları dahil değildir."
        ),
    },
}

RECORDS = [
    # title, day, total, {audience slug: count}, [(district, neighbourhood, count)]
    (
        "Kadın Meclisi mahalle buluşması (demo)",
        date(2026, 3, 8),
        60,
        {"kadinlar": 48, "gencler": 9, "gocmenler": 3},
        [("Seyhan", "Mirzaçelebi", 35), ("Yüreğir", "", 20)],
    ),
    (
        "Bütçe bilgilendirme toplantısı (demo)",
        date(2026, 5, 14),
        80,
        {"kadinlar": 22, "gencler": 6, "gocmenler": 1},
        [("Seyhan", "", 50), ("Çukurova", "", 30)],
    ),
    (
        "Gençlik Meclisi açık oturumu (demo)",
        date(2026, 9, 20),
        45,
        {"kadinlar": 20, "gencler": 38, "gocmenler": 2},
        [("Sarıçam", "", 25), ("Seyhan", "", 20)],
    ),
]

# Records of demo events that have already taken place (santral/events/demo.py).
EVENT_OF_RECORD = {"Gençlik Meclisi açık oturumu (demo)": "genclik-meclisi-acik-oturumu"}


@transaction.atomic
def load_outreach_demo(stdout=None) -> None:
    council = Council.objects.filter(slug="adana-buyuksehir").first()
    if council is None:
        return
    upsert(
        AreaPopulation,
        council=council,
        defaults={
            "total": ADANA_POPULATION,
            "source": "TÜİK ADNKS",
            "year": 2024,
            "note": "Adrese Dayalı Nüfus Kayıt Sistemi, 2024 sonu.",
        },
    )
    audiences = {}
    for order, (kind, slug) in enumerate(DEFAULT_AUDIENCES):
        defaults = {
            "kind": kind,
            "name": str(AudienceKind(kind).label),
            "sort_order": order * 10,
            "is_active": True,
            **BASELINES.get(slug, {}),
        }
        audiences[slug], _ = upsert(Audience, council=council, slug=slug, defaults=defaults)

    body = Body.objects.filter(council=council, kind="working_group").order_by("sort_order").first()
    for title, day, total, counts, areas in RECORDS:
        event = (
            EventPage.objects.filter(council=council, slug=EVENT_OF_RECORD[title]).first()
            if title in EVENT_OF_RECORD
            else None
        )
        record, _ = upsert(
            ParticipationRecord,
            council=council,
            activity_title=title,
            defaults={
                "held_on": day,
                "total_participants": total,
                "is_demo": True,
                "body": body,
                "event": event,
                "notes": "Tanıtım (demo) verisidir; gerçek bir etkinliğin sayıları değildir.",
            },
        )
        for slug, count in counts.items():
            upsert(
                AudienceCount, record=record, audience=audiences[slug], defaults={"count": count}
            )
        for district_name, neighbourhood, count in areas:
            district = District.objects.get(province__plate="01", name=district_name)
            upsert(
                AreaCount,
                record=record,
                district=district,
                neighbourhood=neighbourhood,
                defaults={"count": count},
            )

    plan, _ = upsert(
        CommunicationPlan,
        council=council,
        title="2026 kapsayıcı iletişim planı (demo)",
        defaults={
            "starts_on": date(2026, 1, 1),
            "ends_on": date(2026, 12, 31),
            "objectives": (
                "Toplantılara gençlerin ve geçici koruma altındaki Suriyelilerin katılımını "
                "artırmak; kararları sade Türkçe ve Arapça duyurmak. (Demo plan.)"
            ),
            "is_demo": True,
        },
    )
    plan.audiences.set([audiences["gencler"], audiences["gocmenler"], audiences["kadinlar"]])
    upsert(
        PlanMessage,
        plan=plan,
        channel="muhtar",
        audience=audiences["gocmenler"],
        defaults={"text": "Kent konseyi toplantıları herkese açıktır; Arapça çeviri vardır."},
    )
    upsert(
        PlanMessage,
        plan=plan,
        channel="social",
        audience=audiences["gencler"],
        defaults={"text": "Kentin bütçesinde söz hakkın var: Gençlik Meclisi'ne katıl."},
    )
    upsert(
        PlanAction,
        plan=plan,
        title="Muhtarlar aracılığıyla Arapça afiş dağıtımı",
        defaults={
            "channel": "poster",
            "audience": audiences["gocmenler"],
            "owner": "Göçmen dayanışma derneği (demo)",
            "due_on": date(2026, 4, 15),
            "status": "done",
            "cost": Decimal("4500.00"),
        },
    )
    upsert(
        PlanAction,
        plan=plan,
        title="Yerel radyoda gençlik kuşağı",
        defaults={
            "channel": "radio",
            "audience": audiences["gencler"],
            "owner": "Gençlik Meclisi sözcüsü (demo)",
            "due_on": date(2026, 10, 1),
            "status": "planned",
            "cost": Decimal("0.00"),
        },
    )
    upsert(
        PlanKpi,
        plan=plan,
        kind="total_participants",
        audience=None,
        defaults={"target": Decimal("200")},
    )
    upsert(
        PlanKpi,
        plan=plan,
        kind="representation_ratio",
        audience=audiences["gocmenler"],
        defaults={"target": Decimal("0.50")},
    )
    for slug, name in [("duyurular", "Duyurular"), ("butce", "Bütçe ve katılım")]:
        upsert(NewsletterTopic, council=council, slug=slug, defaults={"name": name})
    if stdout is not None:
        stdout.write("outreach: Adana audiences, 3 demo participation records, 1 plan\n")
