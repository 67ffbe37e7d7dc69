import pytest
from django.urls import reverse

from santral.core.factories import UserFactory, give_totp
from santral.councils.permissions import can_edit_council_profile, can_manage_money
from santral.councils.services import membership_set_roles

pytestmark = pytest.mark.django_db


def test_treasurer_without_totp_is_sent_to_set_it_up(client, cast):
    treasurer = UserFactory(email="yeni-mali@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=treasurer, roles=["treasurer"])

    assert not can_manage_money(treasurer, cast.council_a)
    client.force_login(treasurer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # a form post anywhere outside the account pages is stopped the same way
    response = client.post("/konseyler/", {})
    assert response["Location"] == reverse("mfa_activate_totp")

    give_totp(treasurer)
    treasurer.refresh_from_db()
    assert can_manage_money(treasurer, cast.council_a)
    assert client.get("/admin/").status_code == 200


def test_council_admin_without_totp_cannot_edit_profile(cast):
    admin = UserFactory(email="yeni-yonetici@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=admin, roles=["council_admin"])
    assert not can_edit_council_profile(admin, cast.council_a)
    give_totp(admin)
    assert can_edit_council_profile(admin, cast.council_a)


def test_platform_admin_without_totp_is_not_yet_platform_admin(client):
    root = UserFactory(email="kok@ornek.test", is_superuser=True)
    client.force_login(root)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_editor_needs_no_totp(client, cast):
    client.force_login(cast.editor_a)
    assert client.get("/admin/").status_code == 200


def test_login_with_totp_asks_for_the_code(client, cast):
    response = client.post(
        reverse("account_login"), {"login": cast.treasurer_a.email, "password": "parola-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # the password alone did not sign the treasurer in
    assert "_auth_user_id" not in client.session


def test_totp_activation_opens_the_backoffice_groups(cast):
    admin = UserFactory(email="grup@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=admin, roles=["council_admin"])
    assert not admin.groups.exists()
    give_totp(admin)  # sends allauth's authenticator_added, as the real set-up does
    assert admin.groups.filter(name__endswith=":council_admin").exists()
