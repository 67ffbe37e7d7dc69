"""Back-office pages of the information hub: WordPress upload and the moderation switch."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from santral.content.models import CouncilContentSettings, NewsPage

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).resolve().parent.parent / "santral/content/tests/data/export.xml"
URLS = [
    "/admin/icerik/wordpress/",
    "/admin/icerik/onay/",
    "/admin/icerik/onay/{a}/",
    "/admin/icerik/paylasilanlar/",
]


def test_content_backoffice_urls_are_closed_to_anonymous_members_and_outsiders(client, cast):
    for user in (None, cast.member_a, cast.outsider):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for url in URLS:
            response = client.get(url.format(a=cast.council_a.pk))
            assert response.status_code in (302, 403, 404), (user, url)
            if response.status_code == 302:
                assert response["Location"].startswith(("/admin/", "/accounts/"))


def test_wordpress_upload_from_the_backoffice(client, cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.editor_a)
    response = client.post(
        "/admin/icerik/wordpress/",
        {
            "council": cast.council_b.pk,
            "export": SimpleUploadedFile("export.xml", EXPORT.read_bytes()),
        },
    )
    assert response.status_code == 200
    assert not NewsPage.objects.exists()
    response = client.post(
        "/admin/icerik/wordpress/",
        {
            "council": cast.council_a.pk,
            "export": SimpleUploadedFile("export.xml", EXPORT.read_bytes()),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tarih okunamadı" in html and "bulunamadı" in html
    assert NewsPage.objects.filter(council=cast.council_a).count() == 2


def test_moderation_switch_is_for_council_admins_of_that_council(client, cast):
    client.force_login(cast.editor_a)
    assert client.get(f"/admin/icerik/onay/{cast.council_a.pk}/").status_code == 404
    client.force_login(cast.admin_a)
    assert client.get(f"/admin/icerik/onay/{cast.council_b.pk}/").status_code == 404
    response = client.post(
        f"/admin/icerik/onay/{cast.council_a.pk}/", {"moderation_required": "on"}
    )
    assert response.status_code == 302
    assert CouncilContentSettings.objects.get(council=cast.council_a).moderation_required
    client.post(f"/admin/icerik/onay/{cast.council_a.pk}/", {})
    assert not CouncilContentSettings.objects.get(council=cast.council_a).moderation_required


def test_shared_items_can_be_reshared_from_the_backoffice(client, cast):
    from santral.content.factories import make_news
    from santral.content.models import Reshare

    item = make_news(cast.council_a, title="Ağ haberi", is_shared=True)
    make_news(cast.council_a, title="Yerel kalan haber")
    client.force_login(cast.editor_b)
    html = client.get("/admin/icerik/paylasilanlar/").content.decode()
    assert "Ağ haberi" in html and "Yerel kalan haber" not in html
    client.post("/admin/icerik/paylasilanlar/", {"council": cast.council_b.pk, "page": item.pk})
    assert Reshare.objects.filter(council=cast.council_b, page=item).exists()
    response = client.post(
        "/admin/icerik/paylasilanlar/", {"council": cast.council_a.pk, "page": item.pk}
    )
    assert response.status_code == 404
    client.post(
        "/admin/icerik/paylasilanlar/",
        {"council": cast.council_b.pk, "page": item.pk, "action": "unshare"},
    )
    assert not Reshare.objects.exists()
    client.force_login(cast.editor_a)
    assert "Ağ haberi" not in client.get("/admin/icerik/paylasilanlar/").content.decode()
