"""Refused writes in the back office leave an `access.refused` audit row.

Site-wide: these go through Santral's councils and Wagtail's admin (santral/core/refusals.py
has the core-only tests in santral/core/tests/test_refusals.py).
"""

import pytest

from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db

REQUEST_ID = "istek-0123456789abcdef"


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
    assert response["Location"].startswith("/accounts/login/")
    record = _refusals().get()
    assert record.actor is None
    assert record.target_repr == f"POST {url}"
    assert record.request_id


def test_a_successful_backoffice_post_leaves_no_refusal(client, cast):
    client.force_login(cast.admin_a)
    response = client.post(
        f"/admin/uyelikler/{cast.council_a.pk}/",
        {"email": cast.member_a.email, "roles": ["member", "editor"]},
    )
    assert response.status_code == 302
    assert not _refusals().exists()
