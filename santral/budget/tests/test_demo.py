from santral.budget.demo import load_budget_demo
from santral.budget.models import Expenditure, InKindContribution, LedgerEntry, PayingUnit
from santral.budget.selectors import budget_report
from santral.core.models import AuditRecord
from santral.councils.demo import load_councils_demo
from santral.councils.models import Council


def test_demo_shows_three_ways_every_state_and_is_idempotent(db):
    load_councils_demo()
    load_budget_demo()
    council = Council.objects.get(slug="adana-buyuksehir")
    counts = (
        LedgerEntry.objects.count(),
        Expenditure.objects.count(),
        InKindContribution.objects.count(),
        AuditRecord.objects.count(),
    )
    load_budget_demo()
    assert counts == (
        LedgerEntry.objects.count(),
        Expenditure.objects.count(),
        InKindContribution.objects.count(),
        AuditRecord.objects.count(),
    )
    assert set(Expenditure.objects.values_list("status", flat=True)) == {
        "requested",
        "approved",
        "declined",
        "committed",
        "paid",
    }
    assert set(PayingUnit.objects.values_list("kind", flat=True)) == {"unit", "private_office"}
    report = budget_report(council, 2026)
    assert "08.2.0.01" in {row.line.functional_code for row in report.lines if row.line}
    routes = {g.key: g.figures.paid for g in report.by_payment_route()}
    assert routes["unit"] > 0 and routes["private_office"] > 0
    assert report.in_kind_total > 0 and len(report.in_kind_by_kind) == 4
    assert any("satırı olmadan" in w for w in report.warnings)
    assert any("kullanıldı" in w for w in report.warnings)
    assert any("aşıyor" in w for w in report.warnings)
    assert all("(demo)" in e.title for e in Expenditure.objects.all())
