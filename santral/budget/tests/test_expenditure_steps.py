"""One expenditure as steps: Talep → Onay → Taahhüt → Ödeme, the next form only, its history."""

import re
from decimal import Decimal

from django.urls import reverse

from santral.budget.models import Expenditure, LedgerEntry
from santral.budget.services import expenditure_decline, expenditure_request


def _step_url(item, council, year=2026):
    return reverse("santral_budget_expenditure", args=[council.pk, year, item.pk])


def _current_step(body: str) -> str:
    match = re.search(
        r'aria-current="step">\s*<span class="step-number"[^>]*>\d</span>\s*'
        r'<span class="step-label">([^<]+)</span>',
        body,
    )
    return match.group(1) if match else ""


def _new_request(cast, line, amount="1500.00"):
    return expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=line,
        title="Ses sistemi kirası",
        estimated_amount=Decimal(amount),
    )


def test_treasurer_takes_a_request_to_payment_step_by_step(client, cast, fixture_budget):
    item = _new_request(cast, fixture_budget["line1"])
    url = _step_url(item, cast.council_a)
    client.force_login(cast.treasurer_a)

    body = client.get(url).content.decode()
    assert _current_step(body) == "Onay"
    assert 'value="approve"' in body and 'value="commit"' not in body and 'value="pay"' not in body
    assert "1.500,00 TL" in body and "Talep edildi" in body

    assert client.post(url, {"action": "approve"}).status_code == 302
    body = client.get(url).content.decode()
    assert _current_step(body) == "Taahhüt"
    assert 'value="commit"' in body and 'value="approve"' not in body
    assert "Onay verildi" in body and str(cast.treasurer_a) in body

    response = client.post(
        url,
        {
            "action": "commit",
            "commit-supplier_name": "Ses Ltd.",
            "commit-contract_no": "S-9",
            "commit-amount": "1450.00",
            "commit-committed_on": "2026-05-02",
        },
    )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert _current_step(body) == "Ödeme"
    assert 'value="pay"' in body and 'value="commit"' not in body
    assert "1.450,00 TL" in body and "Taahhüt edildi" in body

    response = client.post(
        url,
        {
            "action": "pay",
            "pay-payment_order_no": "ÖEB-9",
            "pay-paid_on": "2026-05-20",
            "pay-amount": "1450.00",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Expenditure.Status.PAID and item.paid_amount == Decimal("1450.00")
    body = client.get(url).content.decode()
    assert _current_step(body) == ""  # every step done
    assert body.count('class="step step-done"') == 4
    assert "Ödendi" in body and "ÖEB-9" in body
    # The ledger rows of this expenditure: commitment, its release, the payment.
    assert LedgerEntry.objects.filter(expenditure=item).count() == 3
    assert "-1.450,00 TL" in body
    assert 'value="reverse_payment"' in body


def test_a_service_refusal_lands_on_the_form_and_writes_nothing(client, cast, fixture_budget):
    item = _new_request(cast, fixture_budget["line2"], amount="100.00")
    client.force_login(cast.treasurer_a)
    url = _step_url(item, cast.council_a)
    client.post(url, {"action": "approve"})
    before = LedgerEntry.objects.count()
    response = client.post(
        url,
        {
            "action": "commit",
            "commit-supplier_name": "Ses Ltd.",
            "commit-contract_no": "S-10",
            "commit-amount": "999999.00",  # more than is left on the line
            "commit-committed_on": "2026-05-02",
        },
    )
    assert response.status_code == 200
    assert "satırda kalanı" in response.content.decode()
    assert LedgerEntry.objects.count() == before
    # A step that is not next is refused with a message, not run.
    response = client.post(url, {"action": "pay"}, follow=True)
    assert "Bu adım şu an atılamaz" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Expenditure.Status.APPROVED


def test_author_is_told_another_treasurer_must_approve(client, cast, fixture_budget):
    item = expenditure_request(
        actor=cast.treasurer_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=fixture_budget["line1"],
        title="Kendi talebim",
        estimated_amount=Decimal("10.00"),
    )
    client.force_login(cast.treasurer_a)
    body = client.get(_step_url(item, cast.council_a)).content.decode()
    assert "Kendi talebinizi onaylayamazsınız" in body and 'value="approve"' not in body


def test_editor_sees_steps_and_history_but_no_forms(client, cast, fixture_budget):
    paid = fixture_budget["paid"]
    client.force_login(cast.editor_a)
    response = client.get(_step_url(paid, cast.council_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "1.234,56 TL" in body and "Matbaa Ltd." in body
    assert 'name="action"' not in body
    item = _new_request(cast, fixture_budget["line1"])
    response = client.post(_step_url(item, cast.council_a), {"action": "approve"})
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    assert not item.approvals.exists()


def test_declined_request_shows_the_declined_step_and_no_form(client, cast, fixture_budget):
    item = _new_request(cast, fixture_budget["line1"])
    expenditure_decline(actor=cast.treasurer_a, expenditure=item, reason="Bütçe yok")
    client.force_login(cast.treasurer_a)
    body = client.get(_step_url(item, cast.council_a)).content.decode()
    assert 'class="step step-declined"' in body and "Bütçe yok" in body
    assert 'name="action"' not in body


def test_another_councils_expenditure_answers_404(client, cast, fixture_budget):
    client.force_login(cast.editor_b)
    assert client.get(_step_url(fixture_budget["paid"], cast.council_a)).status_code == 404


def test_year_page_links_each_request_to_its_steps(client, cast, fixture_budget):
    client.force_login(cast.treasurer_a)
    body = client.get(reverse("santral_budget_year", args=[cast.council_a.pk, 2026])).content
    assert _step_url(fixture_budget["open"], cast.council_a) in body.decode()
    assert b'name="supplier_name"' not in body  # no inline step forms in the long list
