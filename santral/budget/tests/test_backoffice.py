from decimal import Decimal
from pathlib import Path

from django.urls import reverse

from santral.budget.models import ClassificationCode, Expenditure, LedgerEntry
from santral.core.models import AuditRecord

ROOT = Path(__file__).resolve().parents[3]


def _denied(response) -> bool:
    """Wagtail turns PermissionDenied into a redirect to the dashboard with an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def _url(council, year=2026):
    return reverse("santral_budget_year", args=[council.pk, year])


def test_treasurer_sees_and_runs_the_workflow(
    client, cast, fixture_budget, django_assert_max_num_queries
):
    client.force_login(cast.treasurer_a)
    response = client.get(_url(cast.council_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "13.065,59" in body and "Sayman işlemleri" in body
    client.post(
        _url(cast.council_a),
        {
            "action": "request",
            "rq-title": "Çay ikramı",
            "rq-estimated_amount": "120.00",
            "rq-vat_rate": "10",
            "rq-line": fixture_budget["line1"].pk,
        },
    )
    exp = Expenditure.objects.get(title="Çay ikramı")
    assert exp.vat_amount == Decimal("10.91")
    # The treasurer is the author here: approving must be refused with a message, not a 500.
    response = client.post(
        _url(cast.council_a), {"action": "approve", "expenditure_id": exp.pk}, follow=True
    )
    assert "Kendi talebinizi" in response.content.decode()
    entry = LedgerEntry.objects.filter(kind="addition").first()
    client.post(
        _url(cast.council_a), {"action": "reverse", "entry_id": entry.pk, "reason": "Yanlış tutar"}
    )
    assert LedgerEntry.objects.filter(reverses=entry).exists()
    for fmt in [
        "rapor.csv",
        "rapor.xlsx",
        "rapor.pdf",
        "defter.csv",
        "defter.xlsx",
        "fiscal-data-package.zip",
    ]:
        url = reverse("santral_budget_export", args=[cast.council_a.pk, 2026, fmt])
        assert client.get(url).status_code == 200, fmt


def test_editor_sees_but_cannot_change(client, cast, fixture_budget):
    client.force_login(cast.editor_a)
    page = client.get(_url(cast.council_a))
    assert page.status_code == 200
    assert "Sayman işlemleri" not in page.content.decode()
    before = LedgerEntry.objects.count()
    response = client.post(
        _url(cast.council_a),
        {
            "action": "appropriation",
            "ap-line": fixture_budget["line1"].pk,
            "ap-kind": "addition",
            "ap-amount": "5.00",
            "ap-entry_on": "2026-05-01",
        },
    )
    assert _denied(response)
    response = client.post(
        _url(cast.council_a), {"action": "approve", "expenditure_id": fixture_budget["open"].pk}
    )
    assert _denied(response)
    assert LedgerEntry.objects.count() == before


def test_other_council_is_404_and_member_has_no_access(client, cast, fixture_budget):
    client.force_login(cast.editor_b)
    assert client.get(_url(cast.council_a)).status_code == 404
    url = reverse("santral_budget_export", args=[cast.council_a.pk, 2026, "defter.csv"])
    assert client.get(url).status_code == 404
    client.force_login(cast.member_a)
    assert client.get(_url(cast.council_a)).status_code in (302, 403, 404)


def test_platform_admin_corrects_a_code_and_it_is_audited(client, cast):
    client.force_login(cast.platform_admin)
    code = ClassificationCode.objects.get(kind="economic", year=2026, code="03.6.1")
    index = client.get(reverse("butce-kodlari:index") + "?q=03.6.1")
    assert index.status_code == 200 and "Standart, doğrulanmadı" in index.content.decode()
    response = client.post(
        reverse("butce-kodlari:edit", args=[code.pk]),
        {
            "kind": "economic",
            "year": 2026,
            "code": "03.6.1",
            "name": "Temsil Giderleri",
            "verification_status": "official_import",
            "evidence": "2026 rehberi",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.verification_status == "official_import"
    assert AuditRecord.objects.filter(action="budget.code.save").exists()
    client.force_login(cast.treasurer_a)
    assert client.get(reverse("butce-kodlari:index")).status_code in (302, 403)


def test_pages_use_a_constant_number_of_queries(client, cast, fixture_budget):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from santral.budget.services import expenditure_request

    client.force_login(cast.treasurer_a)
    urls = [
        _url(cast.council_a),
        reverse("budget:public", args=["seyhan", 2026]),
        "/api/v1/councils/seyhan/budget/2026/",
    ]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            found.append(len(context))
        return found

    counts()  # warm per-process caches (content types, site)
    before = counts()
    for n in range(12):
        expenditure_request(
            actor=cast.editor_a,
            council=cast.council_a,
            fiscal_year=2026,
            line=fixture_budget["line1" if n % 2 else "line2"],
            title=f"Talep {n}",
            estimated_amount=Decimal("10.00"),
            project_label=f"Proje {n}",
        )
    assert counts() == before


def test_treasurer_reverses_a_workflow_payment_from_the_back_office(client, cast, fixture_budget):
    paid = fixture_budget["paid"]
    client.force_login(cast.treasurer_a)
    step_url = reverse("santral_budget_expenditure", args=[cast.council_a.pk, 2026, paid.pk])
    assert "Ödemeyi ters çevir" in client.get(step_url).content.decode()
    before = LedgerEntry.objects.count()
    response = client.post(
        _url(cast.council_a),
        {"action": "reverse_payment", "expenditure_id": paid.pk, "reason": ""},
        follow=True,
    )
    assert "Ters kayıt için gerekçe yazın." in response.content.decode()
    assert LedgerEntry.objects.count() == before
    client.post(
        _url(cast.council_a),
        {"action": "reverse_payment", "expenditure_id": paid.pk, "reason": "Yanlış ÖEB"},
    )
    paid.refresh_from_db()
    assert paid.status == Expenditure.Status.COMMITTED
    assert LedgerEntry.objects.count() == before + 2


def test_editor_of_another_council_cannot_reverse_a_payment(client, cast, fixture_budget):
    paid = fixture_budget["paid"]
    client.force_login(cast.editor_b)
    before = LedgerEntry.objects.count()
    response = client.post(
        _url(cast.council_a),
        {"action": "reverse_payment", "expenditure_id": paid.pk, "reason": "Deneme"},
    )
    assert _denied(response) or response.status_code == 404
    paid.refresh_from_db()
    assert paid.status == Expenditure.Status.PAID
    assert LedgerEntry.objects.count() == before


def test_previewed_import_is_confirmed_without_uploading_again(client, cast, fixture_budget):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from santral.budget.staging import STAGING_ROOT

    content = (ROOT / "docs" / "samples" / "budget-import-sample.csv").read_bytes()
    client.force_login(cast.treasurer_a)
    before = LedgerEntry.objects.count()
    response = client.post(
        _url(cast.council_a),
        {"action": "import", "im-file": SimpleUploadedFile("liste.csv", content)},
    )
    assert LedgerEntry.objects.count() == before  # a preview writes no entry
    token = response.context["preview"].staged_token
    assert len(token) == 64 and 'value="import_staged"' in response.content.decode()

    # Another council's editor, a made-up token and a token of another council get nothing.
    client.force_login(cast.editor_b)
    denied = client.post(_url(cast.council_a), {"action": "import_staged", "token": token})
    assert _denied(denied) or denied.status_code == 404
    client.force_login(cast.treasurer_a)
    for bad in ("../../etc/passwd", "0" * 64):
        response = client.post(
            _url(cast.council_a), {"action": "import_staged", "token": bad}, follow=True
        )
        assert LedgerEntry.objects.count() == before
    assert "yeniden yükleyin" in response.content.decode()

    response = client.post(
        _url(cast.council_a),
        {"action": "import_staged", "token": token, "filename": "liste.csv", "mapping": ""},
        follow=True,
    )
    created = LedgerEntry.objects.count() - before
    assert created > 0
    assert f"{created} kayıt eklendi" in response.content.decode()
    assert AuditRecord.objects.filter(action__startswith="budget.import").exists()
    # The staged file is gone once used: confirming twice imports nothing more.
    again = client.post(
        _url(cast.council_a), {"action": "import_staged", "token": token}, follow=True
    )
    assert "yeniden yükleyin" in again.content.decode()
    assert LedgerEntry.objects.count() - before == created
    from django.core.files.storage import default_storage

    assert not default_storage.exists(f"{STAGING_ROOT}/{cast.council_a.pk}/2026/{token}")
