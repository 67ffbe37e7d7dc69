"""Demo data: a year of the Adana council's bodies meeting, with attendance and
recommendations in every state of the md. 76 journey. Idempotent: skipped once the council
has demo meetings. Every write goes through the services, as the secretariat's would.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from santral.content.models import Topic
from santral.councils.models import Body, BodyMember, Council

from .factories import at
from .models import Meeting, Recommendation
from .services import (
    attendance_record,
    decision_record,
    meeting_create,
    recommendation_add_implementation,
    recommendation_close,
    recommendation_create,
    recommendation_put_on_agenda,
    recommendation_record_outcome,
    recommendation_refer,
)

COUNCIL_SLUG = "adana-buyuksehir"
SECRETARY_EMAIL = "editor@adana.example"
MIN_MEMBERS = 7
UNIT_TRANSPORT = "Adana Büyükşehir Belediyesi Ulaşım Dairesi Başkanlığı"
UNIT_SOCIAL = "Adana Büyükşehir Belediyesi Sosyal Hizmetler Dairesi Başkanlığı"
UNIT_YOUTH = "Adana Büyükşehir Belediyesi Gençlik ve Spor Hizmetleri Dairesi Başkanlığı"
UNIT_FINANCE = "Adana Büyükşehir Belediyesi Mali Hizmetler Dairesi Başkanlığı"
UNIT_HEADMEN = "Adana Büyükşehir Belediyesi Muhtarlık İşleri Dairesi Başkanlığı"

# (body slug, meeting day, title, unit, topic slug, journey: list of steps)
STORIES = [
    (
        "kadin-meclisi",
        date(2026, 1, 14),
        "Gece otobüs duraklarının aydınlatılması",
        UNIT_TRANSPORT,
        "kadin",
        [
            ("refer", date(2026, 1, 16)),
            ("agenda", date(2026, 2, 2), "12"),
            ("outcome", date(2026, 2, 2), "accepted", "2026/41"),
            ("implementation", date(2026, 4, 20), "in_progress", 40),
            ("implementation", date(2026, 7, 15), "done", 100),
            ("close", date(2026, 7, 20)),
        ],
    ),
    (
        "genclik-meclisi",
        date(2026, 2, 11),
        "Gençlik merkezlerinin hafta sonu da açık olması",
        UNIT_YOUTH,
        "genclik",
        [
            ("refer", date(2026, 2, 13)),
            ("agenda", date(2026, 3, 2), "8"),
            ("outcome", date(2026, 3, 2), "commission", "2026/77"),
        ],
    ),
    (
        "engelliler-meclisi",
        date(2026, 3, 4),
        "Toplu taşımada sesli ve görsel durak anonsu",
        UNIT_TRANSPORT,
        "engellilik",
        [
            ("refer", date(2026, 3, 6)),
            ("agenda", date(2026, 4, 6), "15"),
            ("outcome", date(2026, 4, 6), "accepted", "2026/118"),
            ("implementation", date(2026, 6, 1), "started", 10),
        ],
    ),
    (
        "destek-ve-kaynak-calisma-grubu",
        date(2026, 4, 8),
        "Kent konseyi çalışmaları için bütçede proje hesabı açılması",
        UNIT_FINANCE,
        "butce",
        [
            ("refer", date(2026, 4, 10)),
            ("agenda", date(2026, 5, 4), "21"),
            ("outcome", date(2026, 5, 4), "rejected", "2026/160"),
            ("close", date(2026, 5, 10)),
        ],
    ),
    (
        "yurutme-kurulu",
        date(2026, 5, 6),
        "Muhtarlarla üç ayda bir ortak danışma toplantısı",
        UNIT_HEADMEN,
        "",
        [("refer", date(2026, 5, 8))],
    ),
    (
        "kadin-meclisi",
        date(2026, 6, 10),
        "Kadın kooperatiflerine belediye pazarlarında yer ayrılması",
        UNIT_SOCIAL,
        "kadin",
        [
            ("refer", date(2026, 6, 12)),
            ("agenda", date(2026, 7, 6), "4"),
            ("outcome", date(2026, 7, 6), "noted", "2026/201"),
        ],
    ),
    (
        "engelliler-meclisi",
        date(2026, 11, 11),
        "Engelli otoparklarının denetimi için ortak ekip",
        UNIT_TRANSPORT,
        "engellilik",
        [],
    ),
]


def _ensure_members(body: Body) -> None:
    have = body.members.count()
    BodyMember.objects.bulk_create(
        BodyMember(body=body, full_name=f"{body.name} Üyesi {n} (demo)", sort_order=100 + n)
        for n in range(have + 1, MIN_MEMBERS + 1)
    )


def _walk(actor, r: Recommendation, steps) -> None:
    for step in steps:
        kind, on = step[0], step[1]
        if kind == "refer":
            recommendation_refer(actor=actor, recommendation=r, on=on)
        elif kind == "agenda":
            recommendation_put_on_agenda(
                actor=actor, recommendation=r, on=on, agenda_number=step[2]
            )
        elif kind == "outcome":
            recommendation_record_outcome(
                actor=actor,
                recommendation=r,
                outcome=step[2],
                on=on,
                assembly_decision_number=step[3],
            )
        elif kind == "implementation":
            recommendation_add_implementation(
                actor=actor, recommendation=r, status=step[2], on=on, progress=step[3]
            )
        elif kind == "close":
            recommendation_close(actor=actor, recommendation=r, on=on)


@transaction.atomic
def load_decisions_demo(stdout=None) -> None:
    council = Council.objects.filter(slug=COUNCIL_SLUG).first()
    actor = get_user_model().objects.filter(email=SECRETARY_EMAIL).first()
    if council is None or actor is None:
        return
    if Meeting.objects.filter(council=council, is_demo=True).exists():
        return
    bodies = {b.slug: b for b in Body.objects.filter(council=council)}
    for slug, day, title, unit, topic_slug, steps in STORIES:
        body = bodies.get(slug)
        if body is None:
            continue
        _ensure_members(body)
        size = body.members.count()
        meeting = meeting_create(
            actor=actor,
            body=body,
            starts_at=at(day, 18),
            place="Adana Büyükşehir Kent Konseyi Toplantı Salonu",
            agenda=[title, "Dilek ve öneriler"],
        )
        members = list(body.members.order_by("sort_order", "pk"))
        present = size // 2 + 2
        attendance_record(
            actor=actor,
            meeting=meeting,
            statuses={m.pk: "present" for m in members[:present]}
            | {m.pk: "excused" for m in members[present : present + 1]},
            guest_count=3,
        )
        first, second = meeting.agenda_items.order_by("number")
        decision = decision_record(
            actor=actor,
            agenda_item=first,
            text=f"{title} önerisinin belediyeye iletilmesine karar verildi.",
            votes_for=present - 1,
            abstentions=1,
        )
        decision_record(
            actor=actor, agenda_item=second, text="Üyelerin dilekleri dinlendi.", noted=True
        )
        recommendation = recommendation_create(
            actor=actor,
            decision=decision,
            title=title,
            text=f"{title}. Bu kayıt Santral'ın tanıtım (demo) verisidir.",
            addressed_unit=unit,
            topic=Topic.objects.filter(slug=topic_slug).first() if topic_slug else None,
        )
        _walk(actor, recommendation, steps)
    # A meeting that did not reach its quorum: no decisions.
    if body := bodies.get("genclik-meclisi"):
        meeting = meeting_create(
            actor=actor,
            body=body,
            starts_at=at(date(2026, 5, 20), 18),
            online_url="https://toplanti.example/genclik-meclisi",
            agenda=["Yaz okulu programı"],
        )
        attendance_record(
            actor=actor,
            meeting=meeting,
            statuses={m.pk: "present" for m in body.members.order_by("sort_order")[:2]},
        )
    Meeting.objects.filter(council=council).update(is_demo=True)
    Recommendation.objects.filter(council=council).update(is_demo=True)
    if stdout is not None:
        stdout.write("Toplantı ve tavsiye kararı demosu yüklendi (Adana).\n")
