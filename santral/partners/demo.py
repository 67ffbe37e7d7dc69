"""Demo data: the five institutions that cooperate with Adana's Support and Resource
Working Group, a joint project and a sent support request (its letter is rendered on
demand). Idempotent: rows are found by natural keys and brought to the state below.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from santral.core.demo import upsert
from santral.councils.demo import DEMO_PASSWORD
from santral.councils.models import Body, Council, District, Province

from .models import (
    Affiliation,
    ConsentText,
    ContributionKind,
    CouncilLetterhead,
    Liaison,
    Milestone,
    Organisation,
    OrganisationKind,
    Pledge,
    Project,
    ProjectContribution,
    ProjectPartner,
    ResourceLine,
    SupportRequest,
    Topic,
)
from .services import format_reference, next_letter_number

LIAISON_EMAIL = "irtibat@ulasim.example"
LIAISON_NAME = "Ulaşım Daire Başkanlığı İrtibat (demo)"
DEMO_NOTE = "Bu kayıt Santral'ın tanıtım (demo) verisidir."
COUNCIL_SLUG = "adana-buyuksehir"
GROUP_SLUG = "destek-ve-kaynak-calisma-grubu"

CONSENT_VERSION = "2026-1"
CONSENT_TEXT = (
    "Aydınlatma metni ve açık rıza (demo): Adı, görevi, e-postası ve telefonu; kent konseyinin "
    "kurumla yazışması ve etkinlik hazırlığı amacıyla 6698 sayılı Kişisel Verilerin Korunması "
    "Kanunu uyarınca işlenir, üçüncü kişilerle paylaşılmaz ve herkese açık sayfalarda "
    "gösterilmez. Rızanızı dilediğiniz an geri alabilirsiniz; kaydınız o zaman silinir."
)

INSTITUTIONS = [
    {
        "slug": "adana-bb-destek-hizmetleri-daire-baskanligi",
        "name": "Adana Büyükşehir Belediyesi Destek Hizmetleri Daire Başkanlığı",
        "kind": OrganisationKind.MUNICIPAL_UNIT,
        "topics": ["salon ve mekân", "lojistik"],
        "description": "Salon, ses sistemi ve lojistik desteği.",
    },
    {
        "slug": "adana-bb-bilgi-islem-daire-baskanligi",
        "name": "Adana Büyükşehir Belediyesi Bilgi İşlem Daire Başkanlığı",
        "kind": OrganisationKind.MUNICIPAL_UNIT,
        "topics": ["bilişim", "canlı yayın"],
        "description": "Bilişim altyapısı, canlı yayın ve web desteği.",
    },
    {
        "slug": "adana-bb-ulasim-daire-baskanligi",
        "name": "Adana Büyükşehir Belediyesi Ulaşım Daire Başkanlığı",
        "kind": OrganisationKind.MUNICIPAL_UNIT,
        "topics": ["ulaşım"],
        "description": "Etkinlikler için otobüs ve ulaşım desteği.",
    },
    {
        "slug": "adana-il-kultur-ve-turizm-mudurlugu",
        "name": "Adana İl Kültür ve Turizm Müdürlüğü",
        "kind": OrganisationKind.PUBLIC_BODY,
        "topics": ["kültür ve sanat", "salon ve mekân"],
        "description": "Kültür merkezleri ve kültür-sanat etkinlikleri.",
    },
    {
        "slug": "adana-grafik-tasarimcilar-dernegi",
        "name": "Adana Grafik Tasarımcılar Derneği",
        "kind": OrganisationKind.ASSOCIATION,
        "registry_number": "01-000-000 (demo)",
        "topics": ["tasarım", "kültür ve sanat"],
        "description": "Afiş, broşür ve görsel kimlik tasarımında gönüllü destek.",
    },
]


def _topics(names: list[str]) -> list[Topic]:
    from santral.core.text import turkish_slugify

    return [upsert(Topic, slug=turkish_slugify(name), defaults={"name": name})[0] for name in names]


@transaction.atomic
def load_partners_demo(stdout=None) -> None:
    council = Council.objects.filter(slug=COUNCIL_SLUG).first()
    if council is None:
        return
    group = Body.objects.filter(council=council, slug=GROUP_SLUG).first()
    adana = Province.objects.get(plate="01")
    seyhan = District.objects.get(province=adana, name="Seyhan")
    upsert(ConsentText, version=CONSENT_VERSION, defaults={"text": CONSENT_TEXT})
    upsert(
        CouncilLetterhead,
        council=council,
        defaults={
            "heading": "T.C.\nADANA BÜYÜKŞEHİR BELEDİYESİ\nKENT KONSEYİ",
            "number_prefix": "E-ABKK",
            "signatory_name": "Ayşe Yılmaz (demo)",
            "signatory_title": "Kent Konseyi Başkanı",
        },
    )

    organisations: dict[str, Organisation] = {}
    for spec in INSTITUTIONS:
        organisation, _written = upsert(
            Organisation,
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "registry_number": spec.get("registry_number", ""),
                "province": adana,
                "district": seyhan,
                "description": f"{spec['description']} {DEMO_NOTE}",
                "owner_council": council,
                "is_public": True,
                "show_registry_number": bool(spec.get("registry_number")),
                "show_contributions": True,
                "email": "iletisim@kurum.example",
                "phone": "0322 000 00 00",
                "is_demo": True,
            },
        )
        organisation.topics.set(_topics(spec["topics"]))
        affiliation, _written = upsert(
            Affiliation,
            council=council,
            organisation=organisation,
            defaults={"note": DEMO_NOTE},
        )
        if group is not None:
            affiliation.bodies.set([group])
        organisations[spec["slug"]] = organisation

    project, _written = upsert(
        Project,
        council=council,
        slug="genclik-festivali-2026",
        defaults={
            "title": "Gençlik Festivali 2026 (demo)",
            "aim": "Adanalı gençlerin kültür, sanat ve spor etkinliklerinde bir araya gelmesi; "
            "konser, atölye ve söyleşilerin kurumların ayni desteğiyle eksiksiz yapılması.",
            "description": DEMO_NOTE,
            "status": "active",
            "starts_on": date(2026, 9, 1),
            "ends_on": date(2026, 12, 31),
            "is_public": True,
            "is_demo": True,
        },
    )
    if group is not None:
        project.bodies.set([group])
    roles = [
        ("adana-grafik-tasarimcilar-dernegi", "partner"),
        ("adana-bb-destek-hizmetleri-daire-baskanligi", "supporter"),
        ("adana-bb-ulasim-daire-baskanligi", "supporter"),
        ("adana-il-kultur-ve-turizm-mudurlugu", "funder"),
    ]
    for order, (slug, role) in enumerate(roles):
        upsert(
            ProjectPartner,
            project=project,
            organisation=organisations[slug],
            defaults={"role": role, "sort_order": order},
        )
    for order, (title, due_on, done_on) in enumerate(
        [
            ("Program ve bütçe taslağı", date(2026, 9, 15), date(2026, 9, 14)),
            ("Kurumlara destek yazıları", date(2026, 10, 15), None),
            ("Festival günleri", date(2026, 12, 5), None),
        ]
    ):
        upsert(
            Milestone,
            project=project,
            title=title,
            defaults={"due_on": due_on, "done_on": done_on, "sort_order": order},
        )
    for slug, kind, description, amount in [
        (
            "adana-il-kultur-ve-turizm-mudurlugu",
            ContributionKind.CASH,
            "Sahne giderleri",
            "25000.00",
        ),
        (
            "adana-grafik-tasarimcilar-dernegi",
            ContributionKind.IN_KIND,
            "Afiş ve broşür tasarımı",
            "12000.00",
        ),
    ]:
        upsert(
            ProjectContribution,
            project=project,
            organisation=organisations[slug],
            description=description,
            defaults={"kind": kind, "amount": Decimal(amount), "contributed_on": date(2026, 10, 1)},
        )

    request = SupportRequest.objects.filter(
        council=council, is_demo=True, subject__startswith="Gençlik Festivali"
    ).first()
    if request is None:
        year = 2026
        number = next_letter_number(council=council, year=year)
        request = SupportRequest.objects.create(
            council=council,
            organisation=organisations["adana-bb-ulasim-daire-baskanligi"],
            body=group,
            project=project,
            subject="Gençlik Festivali 2026 için ulaşım desteği (demo)",
            references="Adana Büyükşehir Kent Konseyi Yürütme Kurulunun 01.10.2026 tarihli kararı.",
            text=(
                "Kent Konseyimiz Gençlik Meclisi ile Destek ve Kaynak Çalışma Grubunun birlikte "
                "düzenlediği Gençlik Festivali 2026, 5–7 Aralık 2026 tarihlerinde yapılacaktır.\n\n"
                "Festivale ilçelerden katılacak gençlerin ulaşımı için 5 Aralık 2026 günü iki "
                "otobüs tahsis edilmesi hususunda gereğini bilgilerinize arz ederim."
            ),
            attachments="Festival programı (1 sayfa)",
            distribution=(
                "Gereği: Ulaşım Dairesi Başkanlığı\nBilgi: Destek Hizmetleri Dairesi Başkanlığı"
            ),
            signatory_name="Ayşe Yılmaz (demo)",
            signatory_title="Kent Konseyi Başkanı",
            needed_by=date(2026, 12, 5),
            status="answered",
            number_year=year,
            number=number,
            reference=format_reference(council=council, year=year, number=number),
            letter_date=date(2026, 10, 16),
            answer="accepted",
            answer_note="İki otobüs tahsis edilecektir. (demo)",
            is_demo=True,
        )
        Pledge.objects.create(
            council=council,
            support_request=request,
            organisation=request.organisation,
            what="Otobüs (şoförüyle, tam gün)",
            quantity=Decimal("2"),
            unit="adet",
            value=Decimal("9000.00"),
            due_on=date(2026, 12, 5),
        )
    liaison_user = _ensure_liaison_user()
    upsert(
        Liaison,
        council=council,
        organisation=organisations["adana-bb-ulasim-daire-baskanligi"],
        user=liaison_user,
        defaults={},
    )
    planned = _load_resource_plan_demo(council, organisations)
    if stdout is not None:
        stdout.write(f"  paydaşlar: {len(organisations)} kurum, 1 ortak proje, 1 destek yazısı\n")
        if planned:
            stdout.write(f"  kaynak planı: {planned}\n")
        stdout.write(
            f"  {LIAISON_EMAIL:<28} {DEMO_PASSWORD}  (Ulaşım Daire Başkanlığı irtibat kişisi: "
            "/kurum-paneli/)\n"
        )


def _ensure_liaison_user():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(email=LIAISON_EMAIL).first()
    if user is None:
        user = User(username=LIAISON_EMAIL, email=LIAISON_EMAIL, full_name=LIAISON_NAME)
        user.set_password(DEMO_PASSWORD)
        user.save()
    upsert(
        EmailAddress,
        user=user,
        email=LIAISON_EMAIL,
        defaults={"verified": True, "primary": True},
    )
    return user


PLAN_EVENT_SLUG = "bilgi-santrali-tanitim-toplantisi"


def _load_resource_plan_demo(council: Council, organisations: dict[str, Organisation]) -> str:
    """The resource plan of the demo event "Bilgi Santrali tanıtım toplantısı": brochures
    from the budget (request approved), buses pledged by the Ulaşım Daire Başkanlığı (request
    sent, accepted, pledge recorded), sign-language interpreters not yet covered.

    Runs once: when the event already has a plan (or the event, the budget demo or its
    people are missing) nothing is written. Returns the event's title when written.
    """
    from django.contrib.auth import get_user_model

    from santral.budget.models import BudgetLine, Expenditure
    from santral.budget.services import expenditure_approve
    from santral.events.models import EventPage

    from .services import pledge_add, support_request_answer, support_request_send
    from .services.resources import resource_line_request_support, resource_line_save

    event = EventPage.objects.filter(council=council, slug=PLAN_EVENT_SLUG).first()
    User = get_user_model()
    editor = User.objects.filter(email="editor@adana.example").first()
    treasurer = User.objects.filter(email="mali@adana.example").first()
    printing_line = BudgetLine.objects.filter(
        council=council, fiscal_year=2026, economic_code="03.2.1.05"
    ).first()
    if event is None or editor is None or treasurer is None or printing_line is None:
        return ""
    if ResourceLine.objects.filter(event=event).exists():
        return ""
    brochures = resource_line_save(
        actor=editor,
        event=event,
        kind="printing",
        description="Tanıtım broşürü (demo)",
        quantity="500",
        unit="adet",
        unit_cost="12.00",
        source="budget",
        budget_line=printing_line,
        sort_order=1,
    )
    if brochures.expenditure.status == Expenditure.Status.REQUESTED:
        expenditure_approve(actor=treasurer, expenditure=brochures.expenditure)
    buses = resource_line_save(
        actor=editor,
        event=event,
        kind="transport",
        description="Otobüs, şoförüyle tam gün (demo)",
        quantity="2",
        unit="araç",
        unit_cost="4500.00",
        source="pledge",
        organisation=organisations["adana-bb-ulasim-daire-baskanligi"],
        sort_order=2,
    )
    letter = support_request_send(
        actor=editor, support_request=resource_line_request_support(actor=editor, line=buses)
    )
    support_request_answer(
        actor=editor, support_request=letter, answer="accepted", note="İki otobüs verilecek. (demo)"
    )
    pledge_add(
        actor=editor,
        support_request=letter,
        what="Otobüs, şoförüyle tam gün",
        quantity="2",
        unit="araç",
        value="9000.00",
        due_on=timezone.localtime(event.start_at).date(),
    )
    resource_line_save(
        actor=editor,
        event=event,
        kind="interpreters",
        description="İşaret dili tercümanı (demo)",
        quantity="2",
        unit="kişi",
        unit_cost="3000.00",
        source="uncovered",
        sort_order=3,
    )
    return event.title
