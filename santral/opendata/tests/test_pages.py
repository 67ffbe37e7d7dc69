"""The human "Açık veri" pages (hub, council, dataset) in Turkish, English and Arabic, and
the council's licence setting in the back office."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from santral.core.models import AuditRecord
from santral.councils.forms import CouncilForm
from santral.councils.services import council_update
from santral.councils.tests.test_backoffice import _profile

pytestmark = pytest.mark.django_db


def test_hub_council_and_dataset_pages(client, open_data):
    hub = client.get("/acik-veri/").content.decode()
    assert "Seyhan Kent Konseyi" in hub and "Çukurova Kent Konseyi" in hub
    assert "Kapalı Kent Konseyi" not in hub  # inactive
    assert 'href="/katalog.jsonld"' in hub and 'href="/katalog.ttl"' in hub

    page = client.get("/cukurova/acik-veri/").content.decode()
    assert "CC0 1.0" in page and 'href="https://creativecommons.org/publicdomain/zero/1.0/"' in page
    assert 'href="/cukurova/acik-veri/etkinlikler/"' in page
    assert 'href="/cukurova/etkinlikler.csv"' in page
    assert "butce-defteri" not in page  # totals only: no ledger

    dataset = client.get("/seyhan/acik-veri/butce-defteri-2026/").content.decode()
    assert "Fiscal Data Package" in dataset
    assert 'href="/seyhan/butce/2026/defter.zip"' in dataset
    assert "Creative Commons Atıf 4.0" in dataset and "01.01.2026" not in dataset  # real dates
    assert "02.01.2026" in dataset  # first ledger entry

    assert client.get("/seyhan/acik-veri/butce-defteri-1999/").status_code == 404
    assert client.get("/cukurova/acik-veri/butce-defteri-2026/").status_code == 404
    assert client.get("/kapali/acik-veri/").status_code == 404
    assert client.get("/kapali/acik-veri/etkinlikler/").status_code == 404


@pytest.mark.parametrize("prefix", ["/en", "/ar"])
def test_pages_work_in_english_and_arabic(client, open_data, prefix):
    pages = ("/acik-veri/", "/seyhan/acik-veri/", "/seyhan/acik-veri/temsil/")
    for path in pages:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'lang="{prefix[1:]}"' in html
        if prefix == "/ar":
            assert 'dir="rtl"' in html
        # Downloads keep working from a prefixed page.
        assert "/seyhan/temsil.csv" in html or path == "/acik-veri/"


def test_licence_is_a_council_setting_in_the_profile_form_and_audited(client, cast):
    council = cast.council_a
    assert council.data_licence == "CC-BY-4.0"
    form = CouncilForm(instance=council)
    assert "data_licence" in form.fields
    assert {value for value, _label in form.fields["data_licence"].choices} == {
        "CC-BY-4.0",
        "CC0-1.0",
        "CC-BY-SA-4.0",
        "ODbL-1.0",
    }
    client.force_login(cast.admin_a)
    url = reverse("konseyler:edit", args=[council.pk])
    assert 'name="data_licence"' in client.get(url).content.decode()
    response = client.post(url, _profile(council, data_licence="ODbL-1.0"))
    assert response.status_code == 302, response.content.decode()[:2000]
    record = AuditRecord.objects.filter(action="council.update").get()
    assert record.actor == cast.admin_a
    assert record.before == {"data_licence": "CC-BY-4.0"}
    assert record.after == {"data_licence": "ODbL-1.0"}
    with pytest.raises(ValidationError):
        council_update(actor=cast.admin_a, council=council, data_licence="GPL-3.0")
    council.refresh_from_db()
    assert council.data_licence == "ODbL-1.0"
