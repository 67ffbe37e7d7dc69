"""Two-factor login that holds at every door.

A role that needs TOTP (council admin, treasurer, platform admin) gets no back-office page, no
write and no API write until *this session* has passed the second factor, whichever way the
session was opened. These tests use a plain `django.test.Client` where the session must be a
password-only one: the root conftest's `client` fixture stands for a full sign-in.
"""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.test import Client
from django.urls import reverse

from santral.core.factories import UserFactory, give_totp
from santral.core.models import AuditRecord
from santral.councils.models import Council
from santral.councils.permissions import can_edit_council_profile, can_manage_money
from santral.councils.services import membership_set_roles
from santral.councils.tests.test_backoffice import _profile

pytestmark = pytest.mark.django_db

PASSWORD = "parola-123"  # UserFactory's


def totp_code(user) -> str:
    secret = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def pass_second_factor(client: Client, code: str, next_url: str = "/admin/"):
    return client.post(f"{reverse('mfa_reauthenticate')}?next={next_url}", {"code": code})


def _two_factor_people(cast):
    return {
        "council_admin": cast.admin_a,
        "treasurer": cast.treasurer_a,
        "platform_admin": cast.platform_admin,
    }


def _wagtail_login(user) -> Client:
    """Wagtail's own login screen, as people bookmarked it."""
    client = Client()
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    return client


def _allauth_password_step(user) -> Client:
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    return client


def _password_only_session(user) -> Client:
    """Any flow that ends in django.contrib.auth.login() without allauth's TOTP stage."""
    client = Client()
    client.force_login(user)
    return client


ENTRY_POINTS = {
    "wagtail_login": _wagtail_login,
    "allauth_password_step": _allauth_password_step,
    "password_only_session": _password_only_session,
}


def _assert_locked_out(client: Client, cast) -> None:
    for url in ("/admin/", "/admin/konseyler/", "/admin/butce/", "/admin/uyelikler/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert not response["Location"].startswith("/admin/"), (url, response["Location"])
    before = list(Council.objects.order_by("pk").values())
    refusals = AuditRecord.objects.filter(action="access.refused").count()
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]),
        _profile(cast.council_a, phone="0322 999 99 99"),
    )
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("/admin/konseyler/")
    assert list(Council.objects.order_by("pk").values()) == before
    assert AuditRecord.objects.filter(action="access.refused").count() == refusals + 1
    api = client.post("/api/v1/councils/", {"name": "x"}, content_type="application/json")
    assert api.status_code in (401, 403, 405), api.status_code
    # nothing internal through the API either: the budget answers as to the public
    internal = client.get(f"/api/v1/councils/{cast.council_a.slug}/budget/2026/")
    assert internal.status_code in (404, 200)
    if internal.status_code == 200:
        assert internal.json().get("visibility") != "internal"


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("role", ["council_admin", "treasurer", "platform_admin"])
def test_the_password_alone_opens_nothing(cast, role, entry):
    user = _two_factor_people(cast)[role]
    client = ENTRY_POINTS[entry](user)
    _assert_locked_out(client, cast)


def test_wagtail_login_screen_leads_into_the_one_flow(cast):
    client = Client()
    response = client.get("/admin/login/?next=/admin/butce/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fbutce%2F"
    response = client.post(
        "/admin/login/", {"username": cast.treasurer_a.email, "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    # anonymous visitors of the back office are sent to the same place
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))


def test_login_with_totp_asks_for_the_code_then_opens_the_back_office(cast):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": cast.treasurer_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone did not sign in
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(cast.treasurer_a)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/butce/").status_code in (200, 302)


def test_a_password_only_session_proves_the_second_factor_and_then_works(cast):
    client = _password_only_session(cast.admin_a)
    response = client.get("/admin/uyelikler/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = pass_second_factor(client, "000000")
    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302
    response = pass_second_factor(client, totp_code(cast.admin_a), "/admin/uyelikler/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/uyelikler/"
    assert client.get("/admin/").status_code == 200
    response = client.post(
        reverse("konseyler:edit", args=[cast.council_a.pk]),
        _profile(cast.council_a, phone="0322 000 00 00"),
    )
    assert response.status_code == 302
    cast.council_a.refresh_from_db()
    assert cast.council_a.phone == "0322 000 00 00"


def test_a_recovery_code_is_a_second_factor_once(cast):
    codes = RecoveryCodes.activate(cast.treasurer_a).get_unused_codes()
    client = _password_only_session(cast.treasurer_a)
    assert pass_second_factor(client, codes[0]).status_code == 302
    assert client.get("/admin/").status_code == 200
    other = _password_only_session(cast.treasurer_a)
    assert pass_second_factor(other, codes[0]).status_code == 200  # used: refused
    assert other.get("/admin/").status_code == 302


def test_a_session_from_before_totp_does_not_gain_the_role(cast):
    treasurer = UserFactory(email="yeni-mali@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=treasurer, roles=["treasurer"])
    old_session = _password_only_session(treasurer)
    response = old_session.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
    assert old_session.post("/konseyler/", {})["Location"] == reverse("mfa_activate_totp")

    give_totp(treasurer)  # set up elsewhere: on another device or by another session
    treasurer.refresh_from_db()
    assert can_manage_money(treasurer, cast.council_a)  # outside a request: the key counts
    response = old_session.get("/admin/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


# allauth signals the activation after commit; serialized_rollback keeps the flush from
# recreating content types that later serialized-rollback tests restore themselves.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_activating_totp_in_this_session_counts_as_its_second_factor(cast):
    admin = UserFactory(email="yeni-yonetici@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=admin, roles=["council_admin"])
    client = _allauth_password_step(admin)  # no key yet: the password signs in
    parallel = _allauth_password_step(admin)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert parallel.get("/admin/")["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_password_reset_does_not_sign_in_past_the_second_factor(cast):
    client = Client()
    client.post(reverse("account_reset_password"), {"email": cast.admin_a.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    response = client.get(link)
    set_password_url = response["Location"] if response.status_code == 302 else link
    response = client.post(
        set_password_url, {"password1": "Yeni-parola-2026!", "password2": "Yeni-parola-2026!"}
    )
    assert response.status_code == 302
    _assert_locked_out(client, cast)


def test_account_pages_need_the_second_factor_too(cast):
    client = _password_only_session(cast.admin_a)
    for name in ("account_email", "account_change_password", "mfa_index"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), name


def test_council_admin_without_totp_cannot_edit_profile(cast):
    admin = UserFactory(email="yeni-yonetici@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=admin, roles=["council_admin"])
    assert not can_edit_council_profile(admin, cast.council_a)
    give_totp(admin)
    assert can_edit_council_profile(admin, cast.council_a)


def test_platform_admin_without_totp_is_not_yet_platform_admin():
    root = UserFactory(email="kok@ornek.test", is_superuser=True)
    client = _password_only_session(root)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_editor_needs_no_totp(client, cast):
    client.force_login(cast.editor_a)
    assert client.get("/admin/").status_code == 200
    plain = _password_only_session(cast.editor_a)
    assert plain.get("/admin/").status_code == 200


def test_totp_activation_opens_the_backoffice_groups(cast):
    admin = UserFactory(email="grup@ornek.test")
    membership_set_roles(actor=None, council=cast.council_a, user=admin, roles=["council_admin"])
    assert not admin.groups.exists()
    give_totp(admin)  # sends allauth's authenticator_added, as the real set-up does
    assert admin.groups.filter(name__endswith=":council_admin").exists()


def test_wagtails_own_password_reset_is_switched_off():
    client = Client()
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.post("/admin/password_reset/", {"email": "x@ornek.test"}).status_code == 404
