"""API tokens in the back office: who may make them, shown once, stored hashed, revoked at
once, each a permission change in the audit trail."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from santral.api.models import ApiToken
from santral.api.tokens.services import api_token_check, api_token_create
from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"snt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")


def _form(**extra):
    day = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "action": "create",
        "name": "Web sitesi",
        "scope": "content",
        "expires_on": day,
        **extra,
    }


def test_a_council_admin_makes_a_token_shown_once_and_revokes_it(client, cast):
    url = f"/admin/api-anahtarlari/{cast.council_a.pk}/"
    client.force_login(cast.admin_a)
    response = client.post(url, _form())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = TOKEN.findall(response.content.decode())
    assert len(shown) == 1
    raw = shown[0]
    row = ApiToken.objects.get()
    assert row.council == cast.council_a and row.created_by == cast.admin_a
    assert raw not in f"{row.prefix}{row.secret_hash}{row.name}"
    assert api_token_check(raw).token == row
    created = AuditRecord.objects.get(action="api_token.create")
    assert created.actor == cast.admin_a and created.after["scope"] == "content"

    listing = client.get(url).content.decode()
    assert raw not in listing and f"snt_{row.prefix}" in listing

    assert client.post(url, {"action": "revoke", "token_id": row.pk}).status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None and row.revoked_by == cast.admin_a
    assert AuditRecord.objects.filter(action="api_token.revoke", target_id=str(row.pk)).exists()
    assert api_token_check(raw).token is None


def test_who_may_make_which_token(client, cast):
    url = f"/admin/api-anahtarlari/{cast.council_a.pk}/"
    for user in (cast.editor_a, cast.treasurer_a, cast.editor_b, cast.member_a):
        client.force_login(user)
        assert client.post(url, _form()).status_code in (302, 404), user
    assert not ApiToken.objects.exists()

    # A council admin may not hand out money rights they do not hold themselves.
    client.force_login(cast.admin_a)
    response = client.post(url, _form(scope="finance"))
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert response.context["form"].errors["scope"]
    too_long = timezone.localdate() + datetime.timedelta(days=400)
    response = client.post(url, _form(expires_on=too_long))
    assert "bir yıl" in response.context["form"].errors["expires_on"][0]
    assert not ApiToken.objects.exists()

    with pytest.raises(PermissionDenied):
        api_token_create(
            actor=cast.admin_a,
            council=cast.council_b,
            name="X",
            scope="content",
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        api_token_create(
            actor=cast.admin_a,
            council=cast.council_a,
            name="X",
            scope="content",
            expires_at=timezone.now() + datetime.timedelta(days=400),
        )
    # The platform admin may make any token for any council.
    token, raw = api_token_create(
        actor=cast.platform_admin,
        council=cast.council_b,
        name="Mali aktarım",
        scope="finance",
        expires_at=timezone.now() + datetime.timedelta(days=10),
    )
    assert token.council == cast.council_b and api_token_check(raw).token == token


def test_another_councils_admin_cannot_revoke_a_token(client, cast):
    from santral.core.factories import give_totp
    from santral.councils.services import membership_set_roles

    token, raw = api_token_create(
        actor=cast.admin_a,
        council=cast.council_a,
        name="Web",
        scope="content",
        expires_at=timezone.now() + datetime.timedelta(days=10),
    )
    admin_b = cast.editor_b
    give_totp(admin_b)
    membership_set_roles(
        actor=cast.platform_admin, council=cast.council_b, user=admin_b, roles=["council_admin"]
    )
    client.force_login(admin_b)
    response = client.post(
        f"/admin/api-anahtarlari/{cast.council_b.pk}/", {"action": "revoke", "token_id": token.pk}
    )
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and api_token_check(raw).token == token
