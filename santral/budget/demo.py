"""Demo data: Adana Büyükşehir Kent Konseyi's 2026 budget support (DEMO, invented figures).

It shows the three ways of paying proposed by the Destek ve Kaynak Çalışma Grubu:
(a) lines opened by the Kültür ve Sosyal İşler Dairesi Başkanlığı, (b) spending from the
mayor's Özel Kalem Müdürlüğü, (c) a 4th-level council project account under 08.2.0 — with
requests in every state and in-kind help from the cooperating institutions.

Idempotent: units, lines and rates are found by their natural keys; the money movements are
written once, guarded by the initial appropriation of the first line.
Kurumsal codes 46.01.01.xx and every amount are invented for the demo.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from santral.councils.models import Council

from .models import (
    BudgetLine,
    ClassificationCode,
    EntryKind,
    Expenditure,
    InKindRate,
    LedgerEntry,
    PayingUnit,
)
from .services import (
    appropriation_post,
    budget_line_create,
    budget_settings_update,
    expenditure_approve,
    expenditure_commit,
    expenditure_decline,
    expenditure_pay,
    expenditure_request,
    in_kind_rate_save,
    in_kind_record,
    paying_unit_create,
    period_close,
    project_account_create,
    transfer_post,
)

YEAR = 2026
DEMO = " (demo)"
D = Decimal

UNITS = {
    "kultur": ("Kültür ve Sosyal İşler Dairesi Başkanlığı (demo)", "46.01.01.12", "unit"),
    "ozel": ("Özel Kalem Müdürlüğü (demo)", "46.01.01.02", "private_office"),
}
LINES = {
    # key: (unit, functional, financing, economic, title, initial)
    "baski": ("kultur", "08.2.0", "5", "03.2.1.05", "Baskı ve yayın (yol a)", "120000.00"),
    "kira": ("kultur", "08.2.0", "5", "03.5.5.90", "Salon ve ekipman kiralama (yol a)", "90000.00"),
    "ozel_org": ("ozel", "01.1.1", "5", "03.6.3", "Toplantı ve organizasyon (yol b)", "60000.00"),
    "ozel_yol": ("ozel", "01.1.1", "5", "03.3.1.01", "Yolluklar (yol b)", "4500.00"),
    "proje": (
        "kultur",
        "08.2.0.01",
        "5",
        "03.5.9.90",
        "Kent Konseyi proje hesabı (yol c)",
        "250000.00",
    ),
}
RATES = [
    ("Ofis alanı", "m2_month", "250.00"),
    ("Araç günü (şoförlü)", "vehicle_day", "3500.00"),
    ("Personel saati (teknik)", "hour", "400.00"),
    ("Grafik tasarım saati", "hour", "750.00"),
    ("Salon kullanımı", "use", "15000.00"),
    ("Gönüllü saati", "hour", "200.00"),
]
IN_KIND = [
    (
        "Adana Büyükşehir Belediyesi Destek Hizmetleri Daire Başkanlığı",
        "municipal_unit",
        "Ofis alanı",
        "660",
        datetime.date(2026, 2, 1),
        "Konsey sekreterliği ofisi: 60 m² × 11 ay",
    ),
    (
        "Adana Büyükşehir Belediyesi Bilgi İşlem Daire Başkanlığı",
        "municipal_unit",
        "Personel saati (teknik)",
        "120",
        datetime.date(2026, 4, 15),
        "Web sitesi ve e-posta desteği",
    ),
    (
        "Adana Büyükşehir Belediyesi Ulaşım Daire Başkanlığı",
        "municipal_unit",
        "Araç günü (şoförlü)",
        "8",
        datetime.date(2026, 5, 20),
        "Mahalle toplantılarına ulaşım",
    ),
    (
        "Adana İl Kültür ve Turizm Müdürlüğü",
        "public_institution",
        "Salon kullanımı",
        "2",
        datetime.date(2026, 6, 10),
        "Genel Kurul ve Kadın Meclisi toplantıları",
    ),
    (
        "Adana Grafik Tasarımcılar Derneği",
        "ngo",
        "Grafik tasarım saati",
        "40",
        datetime.date(2026, 3, 1),
        "Bilgi Santrali kurumsal kimlik tasarımı",
    ),
    (
        "Gönüllüler (demo)",
        "volunteer",
        "Gönüllü saati",
        "150",
        datetime.date(2026, 9, 1),
        "Etkinlik gönüllülüğü",
    ),
]


def _people():
    User = get_user_model()
    return (
        User.objects.get(email="mali@adana.example"),
        User.objects.get(email="editor@adana.example"),
    )


@transaction.atomic
def load_budget_demo(stdout=None) -> None:
    council = Council.objects.filter(slug="adana-buyuksehir").first()
    if council is None:
        return
    treasurer, editor = _people()
    if not ClassificationCode.objects.filter(
        kind="functional", year=YEAR, code="08.2.0.01", council=council
    ).exists():
        project_account_create(
            actor=treasurer,
            council=council,
            year=YEAR,
            code="08.2.0.01",
            name="Kent Konseyi Proje Hesabı (demo)",
        )
    units = {}
    for key, (name, code, kind) in UNITS.items():
        units[key] = PayingUnit.objects.filter(
            council=council, fiscal_year=YEAR, kurumsal_code=code
        ).first() or paying_unit_create(
            actor=treasurer,
            council=council,
            fiscal_year=YEAR,
            name=name,
            kurumsal_code=code,
            kind=kind,
        )
    lines = {}
    for key, (unit, functional, financing, economic, title, _initial) in LINES.items():
        lines[key] = BudgetLine.objects.filter(
            council=council,
            fiscal_year=YEAR,
            paying_unit=units[unit],
            functional_code=functional,
            financing_code=financing,
            economic_code=economic,
        ).first() or budget_line_create(
            actor=treasurer,
            paying_unit=units[unit],
            functional_code=functional,
            financing_code=financing,
            economic_code=economic,
            title=title + DEMO,
        )
    rates = {}
    for category, unit, rate in RATES:
        existing = InKindRate.objects.filter(
            council=council, fiscal_year=YEAR, category=category
        ).first()
        rates[category] = existing or in_kind_rate_save(
            actor=treasurer,
            council=council,
            fiscal_year=YEAR,
            category=category,
            unit=unit,
            rate=D(rate),
        )
    if LedgerEntry.objects.filter(line=lines["baski"], kind=EntryKind.INITIAL).exists():
        return  # the movements below were written on an earlier run

    budget_settings_update(
        actor=treasurer,
        council=council,
        second_approval_threshold=D("50000.00"),
        transparency="lines",
        publish_in_kind=True,
    )
    for key, (*_rest, initial) in LINES.items():
        appropriation_post(
            actor=treasurer,
            line=lines[key],
            kind=EntryKind.INITIAL,
            amount=D(initial),
            entry_on=datetime.date(YEAR, 1, 2),
            description="Başlangıç ödeneği" + DEMO,
        )
    appropriation_post(
        actor=treasurer,
        line=lines["proje"],
        kind=EntryKind.ADDITION,
        amount=D("50000.00"),
        entry_on=datetime.date(YEAR, 6, 15),
        description="Meclis kararıyla ek ödenek" + DEMO,
        document_no="MK-2026/112",
    )
    transfer_post(
        actor=treasurer,
        from_line=lines["kira"],
        to_line=lines["baski"],
        amount=D("20000.00"),
        transfer_on=datetime.date(YEAR, 7, 1),
        decision_ref="BŞK-2026/31",
        description="Kiralama satırından baskı satırına aktarma" + DEMO,
    )

    def request(line, title, amount, project, vat="20"):
        return expenditure_request(
            actor=editor,
            council=council,
            fiscal_year=YEAR,
            line=line,
            title=title + DEMO,
            estimated_amount=D(amount),
            project_label=project,
            vat_rate=D(vat),
            purpose="Destek ve Kaynak Çalışma Grubu önerisi" + DEMO,
            project_ref="proje:" + project.lower().replace(" ", "-")[:60] if project else "",
        )

    paid = [
        (
            lines["baski"],
            "Bilgi Santrali broşürü baskısı",
            "42000.00",
            "Bilgi Santrali",
            "Çukurova Matbaacılık Ltd. Şti. (demo)",
            "40800.00",
            datetime.date(2026, 3, 12),
        ),
        (
            lines["ozel_org"],
            "Genel Kurul ikram hizmeti",
            "18500.00",
            "Genel Kurul",
            "Seyhan İkram Hizmetleri A.Ş. (demo)",
            "18150.00",
            datetime.date(2026, 4, 22),
        ),
        (
            lines["proje"],
            "Kadın Meclisi paneli ses ve ışık",
            "36000.00",
            "Kadın paneli",
            "Adana Sahne Teknik Ltd. (demo)",
            "35400.00",
            datetime.date(2026, 5, 8),
        ),
        (
            lines["ozel_yol"],
            "Gönüllü temsilcinin Ankara yolculuğu (H cetveli)",
            "4200.00",
            "Kent konseyleri buluşması",
            "Mehmet Kaya (demo)",
            "3980.00",
            datetime.date(2026, 9, 3),
        ),
    ]
    for index, (line, title, amount, project, supplier, actual, day) in enumerate(paid, 1):
        exp = request(line, title, amount, project)
        expenditure_approve(actor=treasurer, expenditure=exp)
        expenditure_commit(
            actor=treasurer,
            expenditure=exp,
            supplier_name=supplier,
            supplier_is_individual=supplier.startswith("Mehmet"),
            contract_no=f"SIP-2026/{index:03d}",
            amount=D(amount),
            committed_on=day - datetime.timedelta(days=14),
        )
        expenditure_pay(
            actor=treasurer,
            expenditure=exp,
            payment_order_no=f"ÖEB-2026/{400 + index}",
            paid_on=day,
            amount=D(actual),
        )
    committed = request(
        lines["proje"], "Gençlik Meclisi kent forumu salon kirası", "28000.00", "Gençlik forumu"
    )
    expenditure_approve(actor=treasurer, expenditure=committed)
    expenditure_commit(
        actor=treasurer,
        expenditure=committed,
        supplier_name="Seyhan Kongre Merkezi (demo)",
        contract_no="SÖZ-2026/031",
        amount=D("27500.00"),
        committed_on=datetime.date(2026, 10, 5),
    )
    no_line = request(None, "Acil ses sistemi kiralama (satırsız)", "6000.00", "Genel Kurul")
    expenditure_approve(actor=treasurer, expenditure=no_line)
    expenditure_commit(
        actor=treasurer,
        expenditure=no_line,
        supplier_name="Adana Ses Işık (demo)",
        contract_no="SIP-2026/090",
        amount=D("6000.00"),
        committed_on=datetime.date(2026, 10, 20),
    )
    approved = request(lines["baski"], "Çocuk Meclisi boyama kitabı", "24000.00", "Çocuk Meclisi")
    expenditure_approve(actor=treasurer, expenditure=approved)
    declined = request(lines["kira"], "Konsey için yeni dizüstü bilgisayarlar", "55000.00", "")
    expenditure_decline(
        actor=treasurer,
        expenditure=declined,
        reason="Bilgi İşlem Daire Başkanlığı ayni olarak sağlayacak." + DEMO,
    )
    big = request(
        lines["proje"],
        "Kent Konseyleri Çalıştayı organizasyonu",
        "65000.00",
        "Kent konseyleri çalıştayı",
    )
    expenditure_approve(actor=treasurer, expenditure=big)  # above 50 000: waits for a second
    request(
        lines["ozel_org"],
        "Engelliler Meclisi işaret dili tercümanı",
        "9000.00",
        "Engelliler Meclisi",
        vat="20",
    )
    request(
        lines["ozel_yol"],
        "Gençlik Meclisi İzmir ziyareti yollukları",
        "2500.00",
        "Gençlik Meclisi",
        vat="0",
    )  # more than is left on the line: a warning

    for name, kind, category, quantity, day, description in IN_KIND:
        in_kind_record(
            actor=treasurer,
            rate=rates[category],
            contributor_name=name,
            contributor_kind=kind,
            quantity=D(quantity),
            received_on=day,
            description=description + DEMO,
        )
    period_close(actor=treasurer, council=council, fiscal_year=YEAR, month=1)
    if stdout is not None:
        count = Expenditure.objects.filter(council=council, fiscal_year=YEAR).count()
        stdout.write(
            f"  Bütçe demosu: {council.name} {YEAR} — {count} harcama talebi, "
            f"/{council.slug}/butce/{YEAR}/\n"
        )
