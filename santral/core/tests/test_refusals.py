"""Refused writes leave an `access.refused` audit row (santral/core/refusals.py)."""

import pytest
from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db

REQUEST_ID = "istek-0123456789abcdef"


class _WriteApi(APIView):
    """A DRF write endpoint like the API's own (used through a test-only URLconf)."""

    permission_classes = [IsAuthenticated]

    def post(self, request):
        return Response({"ok": True}, status=201)


urlpatterns = [path("api/v1/deneme-yaz/", _WriteApi.as_view(), name="test-write")]


def _refusals():
    return AuditRecord.objects.filter(action="access.refused")


def test_cross_council_post_to_backoffice_is_refused_and_recorded(client, cast):
    from santral.councils.models import Membership

    before = sorted(Membership.objects.values_list("council_id", "user_id", "role"))
    client.force_login(cast.editor_b)
    url = f"/admin/uyelikler/{cast.council_a.pk}/"

    response = client.post(
        url,
        {"email": cast.member_a.email, "roles": ["council_admin"]},
        HTTP_X_REQUEST_ID=REQUEST_ID,
    )

    assert response.status_code in (403, 404)
    assert sorted(Membership.objects.values_list("council_id", "user_id", "role")) == before
    record = _refusals().get()
    assert record.actor == cast.editor_b
    assert record.council_id == cast.council_a.pk
    assert record.request_id == REQUEST_ID
    assert record.target_repr == f"POST {url}"
    assert record.after == {"status": response.status_code, "view": "santral_council_members"}


def test_wagtail_permission_denied_on_a_write_is_recorded(client, cast):
    """Wagtail answers "no" with a redirect home and an error message; that counts too."""
    from santral.councils.factories import BodyFactory

    body = BodyFactory(council=cast.council_a, name="Kadın Meclisi")
    client.force_login(cast.editor_a)  # may see bodies, may not manage them

    response = client.post(f"/admin/kurullar/edit/{body.pk}/", {"name": "Değişti"})

    assert response.status_code == 302
    body.refresh_from_db()
    assert body.name == "Kadın Meclisi"
    record = _refusals().get()
    assert record.actor == cast.editor_a
    assert record.after["view"] == "kurullar:edit"


def test_anonymous_post_to_the_backoffice_api_is_recorded(client, cast):
    from santral.content.factories import home_of

    page = home_of(cast.council_a)
    url = f"/admin/api/main/pages/{page.pk}/action/copy/"

    response = client.post(url, {}, content_type="application/json")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    record = _refusals().get()
    assert record.actor is None
    assert record.target_repr == f"POST {url}"
    assert record.request_id


@pytest.mark.urls("santral.core.tests.test_refusals")
def test_anonymous_post_to_a_drf_write_is_recorded(client):
    response = client.post("/api/v1/deneme-yaz/", {}, content_type="application/json")

    assert response.status_code in (401, 403)
    record = _refusals().get()
    assert record.actor is None
    assert record.after == {"status": response.status_code, "view": "test-write"}


@pytest.mark.urls("santral.core.tests.test_refusals")
def test_a_successful_post_leaves_no_refusal(client):
    from santral.core.factories import UserFactory

    client.force_login(UserFactory())

    assert client.post("/api/v1/deneme-yaz/", {}, content_type="application/json").status_code == (
        201
    )
    assert not _refusals().exists()


def test_a_successful_backoffice_post_leaves_no_refusal(client, cast):
    client.force_login(cast.admin_a)
    response = client.post(
        f"/admin/uyelikler/{cast.council_a.pk}/",
        {"email": cast.member_a.email, "roles": ["member", "editor"]},
    )
    assert response.status_code == 302
    assert not _refusals().exists()


def test_refused_reads_are_not_recorded(client, cast):
    client.force_login(cast.editor_b)
    assert client.get(f"/admin/uyelikler/{cast.council_a.pk}/").status_code == 404
    assert client.head(f"/admin/uyelikler/{cast.council_a.pk}/").status_code == 404
    client.logout()
    assert client.get("/kurum-paneli/").status_code == 302
    assert not _refusals().exists()


def test_the_record_survives_the_views_rollback(client, cast):
    """The view's transaction rolls back on the refusal; the audit row is written after it."""
    from santral.councils.factories import BodyFactory

    body = BodyFactory(council=cast.council_a)
    client.force_login(cast.editor_b)
    response = client.post(f"/admin/kurullar/delete/{body.pk}/")
    assert response.status_code in (302, 403, 404)
    assert _refusals().filter(actor=cast.editor_b).count() == 1
    body.refresh_from_db()


def test_secret_tokens_in_the_path_are_masked(client, cast):
    client.force_login(cast.member_a)
    secret = "c2VjcmV0LXRva2VuLWRlZ2VyaQ"
    client.post(f"/konseyler/yok-boyle-konsey/bulten/onay/{secret}/")
    record = _refusals().get()
    assert secret not in record.target_repr
    assert record.target_repr.startswith("POST /konseyler/yok-boyle-konsey/bulten/onay/")
    assert record.council_id is None


def test_anonymous_refusals_are_capped_per_minute(client, cast, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SANTRAL_REFUSAL_AUDIT_ANONYMOUS_PER_MINUTE = 2
    for _ in range(4):
        assert client.post("/kurum-paneli/").status_code == 302
    assert _refusals().count() == 2
    # A signed-in user's refusals are never capped.
    client.force_login(cast.editor_b)
    for _ in range(3):
        client.post(f"/admin/uyelikler/{cast.council_a.pk}/")
    assert _refusals().filter(actor=cast.editor_b).count() == 3
    cache.clear()
