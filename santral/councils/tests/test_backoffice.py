import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from santral.core.models import AuditRecord
from santral.councils.forms import CouncilForm
from santral.councils.models import Body, Council, District, Province

pytestmark = pytest.mark.django_db


def _profile(council: Council, **changes) -> dict:
    data = {
        "name": council.name,
        "slug": council.slug,
        "kind": council.kind,
        "province": council.province_id,
        "district": council.district_id or "",
        "town": council.town,
        "status": council.status,
        "description": council.description,
        "email": council.email,
        "phone": council.phone,
        "address": council.address,
        "website": council.website,
        "facebook_url": "",
        "instagram_url": "",
        "x_url": "",
        "youtube_url": "",
        "founded_on": "",
    }
    data.update(changes)
    return data


def _png(size_bytes: int = 0) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    content = buffer.getvalue() + b"\0" * max(0, size_bytes - len(buffer.getvalue()))
    return SimpleUploadedFile("logo.png", content, content_type="image/png")


def assert_denied(response) -> None:
    """403, 404, or Wagtail's way of refusing: a redirect to the dashboard with a message."""
    assert response.status_code in (403, 404) or (
        (response.status_code == 302 and response["Location"] == "/admin/")
        or response["Location"].startswith("/accounts/login/")
    ), response.status_code


def _snapshot():
    # A refused write leaves an access.refused row (santral/core/refusals.py); nothing else.
    return (
        list(Council.objects.order_by("pk").values()),
        AuditRecord.objects.exclude(action="access.refused").count(),
    )


def test_council_admin_edits_own_profile(client, cast):
    client.force_login(cast.admin_a)
    url = reverse("konseyler:edit", args=[cast.council_a.pk])
    response = client.post(url, _profile(cast.council_a, phone="0322 000 00 00"))
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.council_a.refresh_from_db()
    assert cast.council_a.phone == "0322 000 00 00"
    record = AuditRecord.objects.filter(action="council.update").get()
    assert record.actor == cast.admin_a
    assert record.after == {"phone": "0322 000 00 00"}


def test_council_admin_sets_the_resource_reminder_window_within_limits(client, cast):
    client.force_login(cast.admin_a)
    url = reverse("konseyler:edit", args=[cast.council_a.pk])
    refused = client.post(url, _profile(cast.council_a, resource_reminder_days="61"))
    assert refused.status_code == 200
    assert "60" in refused.content.decode()  # the form says the limit
    cast.council_a.refresh_from_db()
    assert cast.council_a.resource_reminder_days is None
    response = client.post(url, _profile(cast.council_a, resource_reminder_days="14"))
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.council_a.refresh_from_db()
    assert cast.council_a.resource_reminder_days == 14
    # the change is in the audit trail like every other profile field
    record = AuditRecord.objects.filter(action="council.update").get()
    assert record.after == {"resource_reminder_days": 14}


def test_editor_of_a_cannot_edit_council_b(client, cast):
    client.force_login(cast.editor_a)
    before = _snapshot()
    url = reverse("konseyler:edit", args=[cast.council_b.pk])
    response = client.post(url, _profile(cast.council_b, name="Ele geçirildi"))
    assert_denied(response)
    assert _snapshot() == before


def test_admin_of_a_cannot_edit_council_b(client, cast):
    client.force_login(cast.admin_a)
    before = _snapshot()
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_b.pk]), _profile(cast.council_b, name="X")
    )
    assert response.status_code == 404
    assert _snapshot() == before


def test_editor_cannot_edit_own_council_profile(client, cast):
    client.force_login(cast.editor_a)
    before = _snapshot()
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]), _profile(cast.council_a, name="X")
    )
    assert_denied(response)
    assert _snapshot() == before


def test_member_has_no_backoffice(client, cast):
    client.force_login(cast.member_a)
    before = _snapshot()
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]), _profile(cast.council_a, name="X")
    )
    assert_denied(response)
    assert _snapshot() == before


def test_platform_admin_edits_any_council(client, cast):
    client.force_login(cast.platform_admin)
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_b.pk]),
        _profile(cast.council_b, address="Yeni adres"),
    )
    assert response.status_code == 302
    cast.council_b.refresh_from_db()
    assert cast.council_b.address == "Yeni adres"


def test_council_listing_shows_only_own_councils(client, cast):
    client.force_login(cast.editor_a)
    body = client.get(reverse("konseyler:index")).content.decode()
    assert cast.council_a.name in body
    assert cast.council_b.name not in body


def test_only_platform_admin_creates_councils(client, cast):
    client.force_login(cast.admin_a)
    assert_denied(client.get(reverse("konseyler:add")))
    client.force_login(cast.platform_admin)
    adana = Province.objects.get(plate="01")
    data = _profile(
        cast.council_a,
        name="Kozan Kent Konseyi",
        slug="",
        district=District.objects.get(province=adana, name="Kozan").pk,
    )
    response = client.post(reverse("konseyler:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    council = Council.objects.get(slug="kozan-kent-konseyi")
    assert council.home_page.slug == "kozan-kent-konseyi"
    assert client.get("/kozan-kent-konseyi/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Konsey adı boş olamaz."),
        ({"name": "   "}, "name", "Konsey adı boş olamaz."),
        ({"slug": "cukurova"}, "slug", "Bu kısa ad başka bir konseyde kullanılıyor."),
        ({"slug": "admin"}, "slug", "Bu kısa ad sistem tarafından kullanılıyor"),
        ({"district": 999999}, "district", "Bilinmeyen ilçe seçildi."),
        ({"province": 999999}, "province", "Bilinmeyen il seçildi."),
    ],
)
def test_bad_council_input_gets_a_turkish_error_and_saves_nothing(
    client, cast, changes, field, message
):
    form = CouncilForm(data=_profile(cast.council_a, **changes), instance=cast.council_a)
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field])

    client.force_login(cast.admin_a)
    before = _snapshot()
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]), _profile(cast.council_a, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _snapshot() == before


def test_district_of_another_province_is_refused(cast):
    ankara_district = District.objects.filter(province__plate="06").first()
    form = CouncilForm(
        data=_profile(cast.council_a, district=ankara_district.pk), instance=cast.council_a
    )
    assert not form.is_valid()
    assert "Seçilen ilçe, seçilen ile bağlı değil." in form.errors["district"]


def test_a_10_mb_logo_is_refused_and_not_stored(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.admin_a)
    before = _snapshot()
    data = _profile(cast.council_a, logo=_png(10 * 1024 * 1024))
    response = client.post(reverse("konseyler:edit", args=[cast.council_a.pk]), data)
    assert response.status_code == 200
    assert "Logo en çok 2,0\xa0MB olabilir" in response.content.decode()
    assert _snapshot() == before
    assert not any(tmp_path.rglob("*.png"))


def test_a_fake_logo_is_refused(cast):
    fake = SimpleUploadedFile("logo.png", b"<html>not an image</html>", content_type="image/png")
    form = CouncilForm(data=_profile(cast.council_a), files={"logo": fake}, instance=cast.council_a)
    assert not form.is_valid()
    assert "Logo bir resim dosyası olmalı" in form.errors["logo"][0]


def test_a_small_logo_is_accepted(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.admin_a)
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]),
        _profile(cast.council_a, logo=_png()),
    )
    assert response.status_code == 302
    cast.council_a.refresh_from_db()
    assert cast.council_a.logo.name.startswith("councils/logos/")


def _body_data(body: Body, **changes) -> dict:
    data = {
        "council": body.council_id,
        "kind": body.kind,
        "assembly_type": body.assembly_type,
        "name": body.name,
        "slug": body.slug,
        "purpose": body.purpose,
        "is_active": "on",
        "sort_order": 0,
        "members-TOTAL_FORMS": 1,
        "members-INITIAL_FORMS": 0,
        "members-MIN_NUM_FORMS": 0,
        "members-MAX_NUM_FORMS": 1000,
        "members-0-full_name": "Gül Aydın",
        "members-0-title": "Sözcü",
        "members-0-organisation": "",
        "members-0-is_chair": "on",
        "members-0-ORDER": 1,
        "members-0-id": "",
        "members-0-DELETE": "",
        "members-0-sort_order": 0,
    }
    data.update(changes)
    return data


def test_council_admin_edits_a_body_with_members(client, cast):
    from santral.councils.factories import BodyFactory

    body = BodyFactory(council=cast.council_a)
    client.force_login(cast.admin_a)
    response = client.post(
        reverse("kurullar:edit", args=[body.pk]), _body_data(body, name="Çevre Çalışma Grubu")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    body.refresh_from_db()
    assert body.name == "Çevre Çalışma Grubu"
    assert list(body.members.values_list("full_name", "is_chair")) == [("Gül Aydın", True)]
    assert AuditRecord.objects.filter(action="body.update", actor=cast.admin_a).exists()


def test_bodies_of_another_council_are_out_of_reach(client, cast):
    from santral.councils.factories import BodyFactory

    body = BodyFactory(council=cast.council_b, name="Gizli")
    client.force_login(cast.admin_a)
    assert client.get(reverse("kurullar:edit", args=[body.pk])).status_code == 404
    response = client.post(reverse("kurullar:edit", args=[body.pk]), _body_data(body, name="X"))
    assert response.status_code == 404
    body.refresh_from_db()
    assert body.name == "Gizli"
    assert "Gizli" not in client.get(reverse("kurullar:index")).content.decode()
    # nor can a body be created inside council B
    response = client.post(reverse("kurullar:add"), _body_data(body, slug="yeni", name="Yeni"))
    assert response.status_code == 200
    assert not Body.objects.filter(slug="yeni").exists()
