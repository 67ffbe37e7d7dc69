import io

import pytest
from django.core.management import call_command

from santral.content.models import (
    DocumentPage,
    FileText,
    InfoPage,
    InfoPageTranslation,
    NewsPage,
    PublicationPage,
)
from santral.events.models import EventPage, Registration

pytestmark = pytest.mark.django_db


def _snapshot():
    pages = {
        model.__name__: sorted(
            model.objects.values_list("pk", "title", "live", "last_published_at")
        )
        for model in (NewsPage, InfoPage, DocumentPage, PublicationPage, EventPage)
    }
    pages["translations"] = sorted(InfoPageTranslation.objects.values_list("pk", "title"))
    return pages


def test_content_demo_is_complete_and_idempotent(client):
    call_command("load_demo", force=True, stdout=io.StringIO())
    first = _snapshot()
    founding = InfoPage.objects.get(slug="destek-ve-kaynak-calisma-grubu-kurulus-metni")
    assert founding.owner_body.slug == "destek-ve-kaynak-calisma-grubu"
    assert "“Bilgi Santral”" in founding.search_text
    assert sorted(founding.translations.values_list("language", "variant")) == [
        ("ar", "standard"),
        ("en", "standard"),
        ("tr", "easy"),
    ]
    assert "مجموعة عمل الدعم والموارد" in client.get("/ar" + founding.url).content.decode()
    assert "Support and Resources" in founding.search_text
    assert NewsPage.objects.filter(language="en").exists()
    booklet = PublicationPage.objects.get(slug="kent-konseyleri-icin-kaynak-rehberi")
    document = booklet.files.get().document
    extracted = FileText.objects.get(document=document)
    assert extracted.kind == "pdf" and "ayni" in extracted.text
    assert booklet.search_text.count("ayni") >= 1
    assert DocumentPage.objects.get(slug="local-agenda-21-summary").council is None
    assert EventPage.objects.filter(is_public=False).count() == 1
    assert client.get(booklet.url).status_code == 200
    call_command("load_demo", force=True, stdout=io.StringIO())
    assert _snapshot() == first
    assert Registration.objects.count() == 0
