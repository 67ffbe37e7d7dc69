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
