"""The sources back office: council admins manage their own council's sources only."""

import pytest

from santral.content.models import Topic
from santral.core.models import AuditRecord
from santral.federation.factories import make_source
from santral.federation.models import HarvestRun, Source

pytestmark = pytest.mark.django_db


def test_council_admin_adds_edits_deactivates_and_runs_a_source(cast, client, monkeypatch):
    Topic.objects.create(name="Çevre")
    client.force_login(cast.admin_a)
    answer = client.post(
        f"/admin/kaynaklar/{cast.council_a.pk}/yeni/",
        {
            "name": "Seyhan Belediyesi haberleri",
            "kind": "wordpress",
            "url": "https://seyhan.example/",
            "scope": "local",
            "maps_to": "news",
            "licence": "CC BY 4.0",
            "rules_text": "iklim = cevre",
            "is_active": "on",
        },
    )
    assert answer.status_code == 302
    source = Source.objects.get()
    assert source.council == cast.council_a and source.topic_rules == {"iklim": "cevre"}
    assert AuditRecord.objects.filter(action="federation.source_register").exists()

    bad = client.post(
        f"/admin/kaynaklar/kaynak/{source.pk}/",
        {
            "name": "X",
            "kind": "feed",
            "url": "https://a.example/",
            "scope": "local",
            "maps_to": "news",
            "rules_text": "iklim = olmayan-konu",
        },
    )
    assert "adlı bir konu yok" in bad.content.decode()
    client.post(
        f"/admin/kaynaklar/kaynak/{source.pk}/",
        {
            "name": "Seyhan haberleri",
            "kind": "wordpress",
            "url": "https://seyhan.example/",
            "scope": "local",
            "maps_to": "news",
            "rules_text": "",
        },  # is_active unticked
    )
    source.refresh_from_db()
    assert not source.is_active and source.name == "Seyhan haberleri"

    # "Şimdi çalıştır" on an inactive source: a clear message, no run.
    page = client.post(f"/admin/kaynaklar/kaynak/{source.pk}/calistir/", follow=True)
    assert "Kaynak şu anda çalışıyor ya da etkin değil" in page.content.decode()
    source.is_active = True
    source.save()
    from santral.federation import services

    def failing(self):
        raise services.SourceFailed("Sunucu bulunamadı (DNS).")
        yield

    monkeypatch.setattr(services.Harvest, "pages", failing)
    page = client.post(f"/admin/kaynaklar/kaynak/{source.pk}/calistir/", follow=True)
    html = page.content.decode()
    assert "Sunucu bulunamadı (DNS)." in html and "Başarısız" in html
    assert HarvestRun.objects.get(source=source).status == "failed"


def test_another_councils_source_is_404_and_lists_are_scoped(cast, client):
    mine = make_source(cast.council_a, name="A kaynağı")
    theirs = make_source(cast.council_b, name="B kaynağı")
    client.force_login(cast.admin_a)
    assert client.get(f"/admin/kaynaklar/kaynak/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/kaynaklar/{cast.council_b.pk}/").status_code == 404
    assert client.get("/admin/kaynaklar/merkez/").status_code == 404
    listing = client.get(f"/admin/kaynaklar/{cast.council_a.pk}/").content.decode()
    assert mine.name in listing and theirs.name not in listing
    client.force_login(cast.editor_a)
    assert client.get(f"/admin/kaynaklar/kaynak/{mine.pk}/").status_code == 404
