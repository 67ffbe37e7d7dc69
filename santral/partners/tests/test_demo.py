import pytest

from santral.core.models import AuditRecord
from santral.councils.demo import load_councils_demo
from santral.partners.demo import load_partners_demo
from santral.partners.letters import render_letter_pdf
from santral.partners.models import (
    Affiliation,
    Organisation,
    Pledge,
    Project,
    ProjectContribution,
    SupportRequest,
)

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count()
        for model in (
            Organisation,
            Affiliation,
            Project,
            ProjectContribution,
            SupportRequest,
            Pledge,
        )
    ]


def test_demo_loads_the_five_institutions_and_is_idempotent():
    load_councils_demo()
    load_partners_demo()
    first = _counts()
    audits = AuditRecord.objects.count()
    load_partners_demo()
    assert _counts() == first
    assert AuditRecord.objects.count() == audits
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {
        "Adana Büyükşehir Belediyesi Destek Hizmetleri Daire Başkanlığı",
        "Adana Büyükşehir Belediyesi Bilgi İşlem Daire Başkanlığı",
        "Adana Büyükşehir Belediyesi Ulaşım Daire Başkanlığı",
        "Adana İl Kültür ve Turizm Müdürlüğü",
        "Adana Grafik Tasarımcılar Derneği",
    } <= names
    assert all(organisation.is_demo for organisation in Organisation.objects.all())
    group_links = Affiliation.objects.filter(
        council__slug="adana-buyuksehir", bodies__slug="destek-ve-kaynak-calisma-grubu"
    )
    assert group_links.count() == 5
    request = SupportRequest.objects.get(is_demo=True)
    assert "demo" in request.subject
    assert render_letter_pdf(request).startswith(b"%PDF")


def test_demo_resource_plan_has_a_budget_a_pledged_and_an_uncovered_line_and_is_idempotent():
    from decimal import Decimal

    from santral.budget.demo import load_budget_demo
    from santral.budget.models import Expenditure
    from santral.events.demo import load_events_demo
    from santral.partners.models import ResourceLine
    from santral.partners.selectors.resources import event_gap

    load_councils_demo()
    load_events_demo()
    load_budget_demo()
    load_partners_demo()

    def counts():
        return [
            model.objects.count()
            for model in (ResourceLine, SupportRequest, Pledge, Expenditure, AuditRecord)
        ]

    first = counts()
    load_events_demo()
    load_budget_demo()
    load_partners_demo()
    assert counts() == first

    lines = list(ResourceLine.objects.select_related("event", "organisation", "expenditure"))
    assert {line.event.slug for line in lines} == {"bilgi-santrali-tanitim-toplantisi"}
    by_source = {line.source: line for line in lines}
    assert by_source["budget"].expenditure.status == Expenditure.Status.APPROVED
    assert by_source["pledge"].organisation.slug == "adana-bb-ulasim-daire-baskanligi"
    assert by_source["pledge"].pledges.get().quantity == Decimal("2")
    assert by_source["uncovered"].kind == "interpreters"
    gap = event_gap(lines[0].event)
    assert gap.estimated_total == Decimal("21000.00")
    assert gap.money_uncovered == Decimal("6000.00")
    assert [row.line.kind for row in gap.uncovered_lines] == ["interpreters"]
    assert gap.readiness == "not_ready"
    letter = SupportRequest.objects.get(resource_line=by_source["pledge"])
    assert render_letter_pdf(letter).startswith(b"%PDF")
