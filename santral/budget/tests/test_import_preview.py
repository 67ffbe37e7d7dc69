"""Imports say what they skip, let a payer column be mapped to the paying unit, and the
public page and API show imported figures at once with the page cache on (issue 16, item 5).
"""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from santral.budget.factories import make_line
from santral.budget.imports import import_commit, import_preview
from santral.budget.models import LedgerEntry, PayingUnit
from santral.budget.services import budget_settings_update

FILE = (
    "Tarih;Kurumsal;Ödeme Yapan;Fonksiyonel;Finansman;Ekonomik;Tür;Tutar;Fiş Türü\n"
    "02.01.2026;46.01.01.30;Destek Hizmetleri Dairesi Başkanlığı;08.2.0;5;03.2.1.01;"
    "Başlangıç;1.500,00;M\n"
).encode()


def test_preview_lists_the_columns_it_does_not_read(cast):
    result = import_preview(council=cast.council_a, year=2026, content=FILE)
    assert not result.errors
    assert result.unmapped_columns == ["Ödeme Yapan", "Fiş Türü"]
    assert result.unmapped_notice == (
        "Bu sütunlar içe aktarılmayacak (eşlenmedi): “Ödeme Yapan”, “Fiş Türü”"
    )
    assert "unit_name" in result.free_fields
    mapped = import_preview(
        council=cast.council_a,
        year=2026,
        content=FILE,
        mapping={"columns": {"Ödeme Yapan": "unit_name"}},
    )
    assert mapped.unmapped_columns == ["Fiş Türü"]
    assert mapped.rows[0].unit_name == "Destek Hizmetleri Dairesi Başkanlığı"


def test_back_office_preview_maps_the_payer_to_the_paying_unit(client, cast):
    client.force_login(cast.treasurer_a)
    url = reverse("santral_budget_year", args=[cast.council_a.pk, 2026])
    response = client.post(
        url, {"action": "import", "im-file": SimpleUploadedFile("liste.csv", FILE)}
    )
    html = response.content.decode()
    assert "Bu sütunlar içe aktarılmayacak (eşlenmedi): “Ödeme Yapan”, “Fiş Türü”" in html
    assert 'value="import_remap"' in html
    preview = response.context["preview"]
    headers = dict(re.findall(r'name="remap-header-(\d+)" value="([^"]+)"', html))
    number = next(n for n, header in headers.items() if header == "Ödeme Yapan")
    response = client.post(
        url,
        {
            "action": "import_remap",
            "token": preview.staged_token,
            "filename": "liste.csv",
            "mapping": "",
            **{f"remap-header-{n}": header for n, header in headers.items()},
            f"remap-{number}": "unit_name",
        },
    )
    remapped = response.context["preview"]
    assert remapped.unmapped_columns == ["Fiş Türü"]
    assert remapped.rows[0].unit_name == "Destek Hizmetleri Dairesi Başkanlığı"
    assert "Ödeme Yapan" in remapped.mapping_text
    client.post(
        url,
        {
            "action": "import_staged",
            "token": remapped.staged_token,
            "filename": "liste.csv",
            "mapping": remapped.mapping_text,
        },
    )
    unit = PayingUnit.objects.get(council=cast.council_a, kurumsal_code="46.01.01.30")
    assert unit.name == "Destek Hizmetleri Dairesi Başkanlığı"  # not "Birim 46.01.01.30"


@pytest.fixture
def page_cache_on(settings):
    settings.SANTRAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_public_page_and_api_show_imported_figures_at_once(
    cast, page_cache_on, django_capture_on_commit_callbacks
):
    t = cast.treasurer_a
    make_line(t, cast.council_a, initial="1000.00")
    budget_settings_update(actor=t, council=cast.council_a, transparency="lines")
    visitor = Client()
    page_url = reverse("budget:public", args=["seyhan", 2026])
    api_url = "/api/v1/councils/seyhan/budget/2026/"
    assert 'data-total="revised">1.000,00 TL' in visitor.get(page_url).content.decode()
    assert visitor.get(api_url).json()["totals"]["revised"] == "1000.00"
    assert visitor.get(page_url)["X-Santral-Cache"] == "hit"  # the cache is on

    # An ek ödenek on the existing line: no unit or line is created, so only the import's
    # own notice can tell the page cache (COPY / bulk_create send no signal).
    addition = (
        "Tarih;Kurumsal;Fonksiyonel;Finansman;Ekonomik;Tür;Tutar\n"
        "01.06.2026;46.01.01.12;08.2.0;5;03.2.1.01;Ek ödenek;250,50\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        import_commit(actor=t, council=cast.council_a, year=2026, content=addition)
    assert LedgerEntry.objects.filter(kind="addition").count() == 1

    page = visitor.get(page_url)
    assert page["X-Santral-Cache"] == "miss"
    assert 'data-total="revised">1.250,50 TL' in page.content.decode()
    assert visitor.get(api_url).json()["totals"]["revised"] == "1250.50"
