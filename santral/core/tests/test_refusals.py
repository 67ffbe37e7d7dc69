"""Refused writes leave an `access.refused` audit row (santral/core/refusals.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db


class _WriteApi(APIView):
    """A DRF write endpoint like the API's own (used through a test-only URLconf)."""

    permission_classes = [IsAuthenticated]

    def post(self, request):
        return Response({"ok": True}, status=201)


@transaction.atomic
def _half_write_view(request):
    """Writes, then finds it may not: the view's transaction rolls the write back."""
    get_user_model().objects.create(email="yarim@ornek.test", username="yarim@ornek.test")
    raise PermissionDenied


urlpatterns = [
    path("api/v1/deneme-yaz/", _WriteApi.as_view(), name="test-write"),
    path("yarim-yaz/", _half_write_view, name="test-half-write"),
]


def _refusals():
    return AuditRecord.objects.filter(action="access.refused")


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


def test_refused_reads_are_not_recorded(client, cast):
    client.force_login(cast.editor_b)
    assert client.get(f"/admin/uyelikler/{cast.council_a.pk}/").status_code == 404
    assert client.head(f"/admin/uyelikler/{cast.council_a.pk}/").status_code == 404
    client.logout()
    assert client.get("/kurum-paneli/").status_code == 302
    assert not _refusals().exists()


@pytest.mark.parametrize(
    ("prefix", "kept"),
    [
        ("/yok-boyle-konsey/", "/yok-boyle-konsey/bulten/onay/"),
        # The old address scheme: its whole tail is masked (it may hold the token).
        ("/konseyler/yok-boyle-konsey/", "/konseyler/yok-boyle-konsey/"),
    ],
)
def test_secret_tokens_in_the_path_are_masked(client, cast, prefix, kept):
    client.force_login(cast.member_a)
    secret = "c2VjcmV0LXRva2VuLWRlZ2VyaQ"
    client.post(f"{prefix}bulten/onay/{secret}/")
    record = _refusals().get()
    assert secret not in record.target_repr
    assert record.target_repr.startswith(f"POST {kept}")
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


@pytest.mark.urls("santral.core.tests.test_refusals")
def test_the_record_survives_the_views_rollback(client):
    response = client.post("/yarim-yaz/", HTTP_X_REQUEST_ID="istek-0123456789abcdef")

    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="yarim@ornek.test").exists()
    record = _refusals().get()
    assert record.after == {"status": 403, "view": "test-half-write"}
    assert record.request_id == "istek-0123456789abcdef"
