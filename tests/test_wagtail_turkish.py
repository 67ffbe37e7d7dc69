"""Wagtail's Turkish on the screens staff use: gaps and errors filled in locale/tr
(LOCALE_PATHS win over the apps' catalogues; docs/language.md)."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Task, Workflow

from santral.content.factories import make_news
from santral.content.services import council_moderation_set

pytestmark = pytest.mark.django_db


def test_our_catalogue_wins_over_wagtails_own_turkish():
    with translation.override("tr"):
        assert str(Page._meta.get_field("title").verbose_name) == "başlık"  # Wagtail: "başla"
        assert translation.gettext("Site history") == "Site geçmişi"
        assert translation.gettext("title tag") == "başlık etiketi (title)"
        assert (
            translation.gettext("Submit to %(workflow_name)s") == "Onaya gönder: %(workflow_name)s"
        )
    with translation.override("en"):
        assert translation.gettext("Site history") == "Site history"


def test_wagtails_default_workflow_has_a_turkish_name():
    assert Workflow.objects.filter(name="Yönetici onayı").exists()
    assert Task.objects.filter(name="Yönetici onayı").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_page_editor_and_back_office_screens_in_turkish(client, cast):
    # Under the council's moderation setting the editor's button names the council's own
    # workflow (Wagtail's default one reaches no page: content migration 0005).
    council_moderation_set(actor=None, council=cast.council_a, enabled=True)
    news = make_news(cast.council_a)
    client.force_login(cast.admin_a)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).content.decode()
    for right in [
        ">Başlık<",
        "Başlık etiketi (title)",
        "Değişiklikleri kaydet",
        "Klavye kısayollarını göster",
        "Son sürümü görüntüle",
        f"Onaya gönder: {cast.council_a.name}: konsey yöneticisi onayı",
    ]:
        assert right in edit, right
    for wrong in [
        ">Başla<",
        "Gönderildi Moderators approval",
        "Moderators approval",
        "Title tag",
        "Save changes",
        "Show keyboard shortcuts",
        "View latest version",
        "Toggle breadcrumbs",
    ]:
        assert wrong not in edit, wrong

    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Site geçmişi" in history and "Site history" not in history
    documents = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Süzgeçleri göster" in documents and "Show filters" not in documents

    # The strings Wagtail's scripts use ("Collapse all" on the minimap) come from jsi18n.
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "T\\u00fcm\\u00fcn\\u00fc daralt" in catalogue or "Tümünü daralt" in catalogue
