"""Demo data: Adana's councils, their bodies and the working group's real founding text.

Idempotent: every row is found by a natural key (slug, e-mail) and brought to
the state below, so a second run changes nothing.
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from santral.core.demo import demo_image, upsert

from .models import Body, BodyMember, Council, District, Province
from .services import (
    council_create,
    council_update,
    hub_home_page_ensure,
    membership_set_roles,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_NOTE = (
    "Bu kayıt Santral'ın tanıtım (demo) verisidir; kişi adları ve iletişim bilgileri örnektir."
)

COUNCILS = [
    {
        "slug": "adana-buyuksehir",
        "name": "Adana Büyükşehir Kent Konseyi",
        "kind": "buyuksehir",
        "district": None,
        "description": (
            "Adana Büyükşehir Kent Konseyi; yurttaşları, sivil toplum kuruluşlarını, "
            "meslek odalarını, üniversiteleri ve kamu kurumlarını kentin ortak sorunları "
            "üzerine bir araya getirir (5393 sayılı Belediye Kanunu md. 76). " + DEMO_NOTE
        ),
        "address": "Adana (demo adresi)",
        "website": "https://adana.example.org/",
        # The contact form mails this address (an example domain: nothing leaves the demo).
        "email": "iletisim@adana.example",
        "phone": "+90 322 000 00 00",
        # A notice in the three languages (demo wording, not legal advice), so the demo
        # shows what English and Arabic readers of a council's own notice get.
        "privacy_notice": (
            "Veri sorumlusu: Adana Büyükşehir Kent Konseyi (demo). Etkinlik kaydı, bülten ve "
            "iletişim formlarında verdiğiniz ad ve e-posta adresini yalnızca o iş için, "
            "6698 sayılı KVKK md. 5 ve 6'ya uygun olarak işleriz; onayınızı her e-postadaki "
            "bağlantıyla geri alabilir, md. 11'deki haklarınızı Hesabım sayfasından "
            "kullanabilirsiniz."
        ),
        "privacy_notice_en": (
            "Data controller: Adana Metropolitan City Council (demo). We process the name "
            "and e-mail address you give in event registration, newsletter and contact forms "
            "only for that purpose, under articles 5 and 6 of Law No. 6698 (KVKK); you can "
            "withdraw your consent with the link in every e-mail and use your rights under "
            "article 11 on the My account page."
        ),
        "privacy_notice_ar": (
            "المسؤول عن البيانات: مجلس مدينة أضنة الكبرى (تجريبي). نعالج الاسم وعنوان البريد "
            "الإلكتروني اللذين تقدمهما في نماذج التسجيل في الفعاليات والنشرة والتواصل لهذا "
            "الغرض فقط، وفقًا للمادتين 5 و6 من القانون رقم 6698 (KVKK)؛ ويمكنك سحب موافقتك "
            "عبر الرابط الموجود في كل رسالة، وممارسة حقوقك بموجب المادة 11 من صفحة حسابي."
        ),
        "privacy_notice_updated_on": datetime.date(2026, 12, 1),
    },
    {
        "slug": "seyhan",
        "name": "Seyhan Kent Konseyi",
        "kind": "ilce",
        "district": "Seyhan",
        "description": "Seyhan ilçesinin kent konseyi. " + DEMO_NOTE,
        "address": "Seyhan, Adana (demo adresi)",
        "website": "",
    },
    {
        "slug": "cukurova",
        "name": "Çukurova Kent Konseyi",
        "kind": "ilce",
        "district": "Çukurova",
        "description": "Çukurova ilçesinin kent konseyi. " + DEMO_NOTE,
        "address": "Çukurova, Adana (demo adresi)",
        "website": "",
    },
    {
        "slug": "ceyhan",
        "name": "Ceyhan Kent Konseyi",
        "kind": "ilce",
        "district": "Ceyhan",
        "description": "Ceyhan ilçesinin kent konseyi. " + DEMO_NOTE,
        "address": "Ceyhan, Adana (demo adresi)",
        "website": "",
    },
]

# Each demo council's logo and cover (santral/core/demo_assets/, own work, CC0):
# (logo file, logo alt text, cover file, cover alt text).
COUNCIL_IMAGES = {
    "adana-buyuksehir": (
        "adana-buyuksehir-logo.png",
        "Adana Büyükşehir Kent Konseyi logosu: lacivert kare üzerinde beyaz AB harfleri",
        "adana-buyuksehir-kapak.png",
        "Nehir, taş köprü kemerleri ve güneş: Adana'yı anlatan soyut çizim",
    ),
    "seyhan": (
        "seyhan-logo.png",
        "Seyhan Kent Konseyi logosu: turuncu kare üzerinde beyaz S harfi",
        "seyhan-kapak.png",
        "Baraj gölünün dalgaları: turuncu tonlarda soyut çizim",
    ),
    "cukurova": (
        "cukurova-logo.png",
        "Çukurova Kent Konseyi logosu: yeşil kare üzerinde beyaz Ç harfi",
        "cukurova-kapak.png",
        "Sürülmüş tarlalar ve pamuk sıraları: yeşil tonlarda soyut çizim",
    ),
    "ceyhan": (
        "ceyhan-logo.png",
        "Ceyhan Kent Konseyi logosu: mor kare üzerinde beyaz C harfi",
        "ceyhan-kapak.png",
        "Ceyhan Nehri ve köprüsü: mor tonlarda soyut çizim",
    ),
}
# The renditions the cards and the council page use (templates/councils/_council_card.html).
LOGO_RENDITIONS = ("max-160x160",)
COVER_RENDITIONS = ("fill-640x360",)

COOPERATING_INSTITUTIONS = [
    "Adana Büyükşehir Belediyesi Destek Hizmetleri Daire Başkanlığı",
    "Adana Büyükşehir Belediyesi Bilgi İşlem Daire Başkanlığı",
    "Adana Büyükşehir Belediyesi Ulaşım Daire Başkanlığı",
    "Adana İl Kültür ve Turizm Müdürlüğü",
    "Adana Grafik Tasarımcılar Derneği",
]


def founding_text() -> str:
    return (DATA_DIR / "destek-ve-kaynak-calisma-grubu.tr.txt").read_text(encoding="utf-8").strip()


def _adana_bodies() -> list[dict]:
    return [
        {
            "slug": "genel-kurul",
            "kind": "general_assembly",
            "name": "Genel Kurul",
            "purpose": "Konseyin en üst karar organı; yılda en az iki kez toplanır, "
            "başkanı ve yürütme kurulunu seçer, meclis ve çalışma gruplarını onaylar.",
        },
        {
            "slug": "yurutme-kurulu",
            "kind": "executive_board",
            "name": "Yürütme Kurulu",
            "purpose": "Genel Kurul kararlarını yürütür ve konseyin çalışmalarını koordine eder.",
            "members": [
                ("Ayşe Yılmaz (demo)", "Başkan", "", True),
                ("Mehmet Kaya (demo)", "Genel Sekreter", "", False),
                ("Zeynep Arslan (demo)", "Üye", "Adana Barosu", False),
            ],
        },
        {
            "slug": "kadin-meclisi",
            "kind": "assembly",
            "assembly_type": "women",
            "name": "Kadın Meclisi",
            "purpose": "Kadınların kent yaşamına eşit katılımını güçlendirir.",
            "members": [("Elif Şahin (demo)", "Meclis Başkanı", "", True)],
        },
        {
            "slug": "genclik-meclisi",
            "kind": "assembly",
            "assembly_type": "youth",
            "name": "Gençlik Meclisi",
            "purpose": "15–29 yaş gençlerin kent yönetimine katılımını sağlar.",
        },
        {
            "slug": "engelliler-meclisi",
            "kind": "assembly",
            "assembly_type": "disabled",
            "name": "Engelliler Meclisi",
            "purpose": "Engelli yurttaşların erişilebilir bir kentte yaşama hakkını savunur.",
        },
        {
            "slug": "cocuk-meclisi",
            "kind": "assembly",
            "assembly_type": "children",
            "name": "Çocuk Meclisi",
            "purpose": "Çocukların kentle ilgili görüşlerini karar süreçlerine taşır.",
        },
        {
            "slug": "destek-ve-kaynak-calisma-grubu",
            "kind": "working_group",
            "name": "Destek ve Kaynak Çalışma Grubu",
            "purpose": founding_text(),
            "members": [
                ("İsmail Işıklı (demo)", "Grup Sözcüsü", "", True),
                ("Çiğdem Öztürk (demo)", "Üye", "Adana Grafik Tasarımcılar Derneği", False),
            ],
        },
    ]


def _seyhan_bodies() -> list[dict]:
    return [
        {"slug": "genel-kurul", "kind": "general_assembly", "name": "Genel Kurul", "purpose": ""},
        {
            "slug": "gencilik-meclisi",
            "kind": "assembly",
            "assembly_type": "youth",
            "name": "Gençlik Meclisi",
            "purpose": "Seyhanlı gençlerin buluşma yeri. " + DEMO_NOTE,
        },
    ]


DEMO_ACCOUNTS = [
    # (e-mail, full name, superuser, {council slug: [roles]}, TOTP secret or None)
    (
        "platform@santral.example",
        "Platform Yöneticisi (demo)",
        True,
        {},
        "JBSWY3DPEHPK3PXPJBSWY3DP",
    ),
    (
        "yonetici@adana.example",
        "Adana Konsey Yöneticisi (demo)",
        False,
        {"adana-buyuksehir": ["council_admin"]},
        "KRUGS4ZANFZSAYJAMRSW233PKRUGS4ZA",
    ),
    ("editor@adana.example", "Adana Editörü (demo)", False, {"adana-buyuksehir": ["editor"]}, None),
    (
        "mali@adana.example",
        "Adana Mali Sorumlusu (demo)",
        False,
        {"adana-buyuksehir": ["treasurer"]},
        "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
    ),
    (
        "uye@adana.example",
        "Adana Konsey Üyesi (demo)",
        False,
        {"adana-buyuksehir": ["member"]},
        None,
    ),
    ("editor@seyhan.example", "Seyhan Editörü (demo)", False, {"seyhan": ["editor"]}, None),
]
# Printed by `make run`; load_demo refuses to run with DEBUG off unless --force is given.
DEMO_PASSWORD = "santral-demo-2026"  # noqa: S105


def _ensure_totp(user, secret: str) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)


def _ensure_user(email: str, full_name: str, superuser: bool):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(username=email, email=email)
        user.set_password(DEMO_PASSWORD)
        user.save()
    # Wagtail's account settings (language, avatar) ask for a first and last name too.
    first_name, _space, last_name = full_name.rpartition(" (demo)")[0].rpartition(" ")
    upsert(
        User,
        pk=user.pk,
        defaults={
            "full_name": full_name,
            "first_name": first_name,
            "last_name": f"{last_name} (demo)",
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    upsert(EmailAddress, user=user, email=email, defaults={"verified": True, "primary": True})
    user.refresh_from_db()
    return user


@transaction.atomic
def load_councils_demo(stdout=None) -> None:
    hub_home_page_ensure()
    adana = Province.objects.get(plate="01")
    councils: dict[str, Council] = {}
    for spec in COUNCILS:
        fields = {
            "name": spec["name"],
            "kind": spec["kind"],
            "province": adana,
            "district": District.objects.get(province=adana, name=spec["district"])
            if spec["district"]
            else None,
            "description": spec["description"],
            "address": spec["address"],
            "website": spec["website"],
            "email": spec.get("email", ""),
            "phone": spec.get("phone", ""),
            **{
                name: spec[name]
                for name in (
                    "privacy_notice",
                    "privacy_notice_en",
                    "privacy_notice_ar",
                    "privacy_notice_updated_on",
                )
                if name in spec
            },
            "is_demo": True,
        }
        council = Council.objects.filter(slug=spec["slug"]).first()
        if council is None:
            council = council_create(actor=None, slug=spec["slug"], **fields)
        elif any(getattr(council, name) != value for name, value in fields.items()):
            council = council_update(actor=None, council=council, **fields)
        councils[spec["slug"]] = council
        logo_file, logo_alt, cover_file, cover_alt = COUNCIL_IMAGES[spec["slug"]]
        images = {
            "logo_image": demo_image(
                logo_file,
                title=f"{spec['name']} logosu (demo)",
                description=logo_alt,
                renditions=LOGO_RENDITIONS,
            ),
            "cover_image": demo_image(
                cover_file,
                title=f"{spec['name']} kapak görseli (demo)",
                description=cover_alt,
                renditions=COVER_RENDITIONS,
            ),
        }
        upsert(Council, pk=council.pk, defaults=images)

    for slug, bodies in (("adana-buyuksehir", _adana_bodies()), ("seyhan", _seyhan_bodies())):
        council = councils[slug]
        for order, spec in enumerate(bodies):
            body, _ = upsert(
                Body,
                council=council,
                slug=spec["slug"],
                defaults={
                    "kind": spec["kind"],
                    "assembly_type": spec.get("assembly_type", ""),
                    "name": spec["name"],
                    "purpose": spec["purpose"],
                    "sort_order": order,
                    "is_active": True,
                },
            )
            for seat, (full_name, title, organisation, is_chair) in enumerate(
                spec.get("members", [])
            ):
                upsert(
                    BodyMember,
                    body=body,
                    full_name=full_name,
                    defaults={
                        "title": title,
                        "organisation": organisation,
                        "is_chair": is_chair,
                        "sort_order": seat,
                    },
                )

    for email, full_name, superuser, roles, secret in DEMO_ACCOUNTS:
        user = _ensure_user(email, full_name, superuser)
        if secret:
            _ensure_totp(user, secret)
        for slug, council_roles in roles.items():
            membership_set_roles(actor=None, council=councils[slug], user=user, roles=council_roles)
        if stdout is not None:
            what = (
                "platform yöneticisi"
                if superuser
                else ", ".join(
                    f"{slug}: {'+'.join(council_roles)}" for slug, council_roles in roles.items()
                )
            )
            totp = f"  TOTP anahtarı: {secret}" if secret else ""
            stdout.write(f"  {email:<28} {DEMO_PASSWORD}  ({what}){totp}\n")
