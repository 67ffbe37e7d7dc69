"""Named personas shared by every app's tests: two councils and one person per role."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import translation

from santral.core.factories import UserFactory, give_totp


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """A request under /en/ or /ar/ leaves that language active in the test's thread; every
    test starts (and ends) in Turkish, the source language, whatever ran before it."""
    translation.activate("tr")
    yield
    translation.activate("tr")


class SignedInClient(Client):
    """A test client whose force_login leaves the session as a full sign-in does: password
    and, for people with a TOTP key, the second factor (allauth's authentication records).

    Tests about two-factor login itself use a plain `django.test.Client`, whose force_login
    is a password-only session (what Wagtail's own login form used to create).
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
        from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
        from allauth.account.internal.userkit import user_id_to_str
        from allauth.mfa.models import Authenticator

        records = [{"method": "password", "at": 0, "email": user.email}]
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None:
            records.append({"method": "mfa", "at": 0, "id": totp.pk, "type": "totp"})
        session = self.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
        session.save()


@pytest.fixture
def client():
    return SignedInClient()


@dataclass
class Cast:
    council_a: object
    council_b: object
    platform_admin: object
    admin_a: object
    editor_a: object
    treasurer_a: object
    member_a: object
    editor_b: object
    outsider: object


@pytest.fixture
def cast(db):
    from santral.councils.factories import CouncilFactory
    from santral.councils.models import District, Province
    from santral.councils.services import membership_set_roles

    adana = Province.objects.get(plate="01")
    council_a = CouncilFactory(
        name="Seyhan Kent Konseyi",
        slug="seyhan",
        province=adana,
        district=District.objects.get(province=adana, name="Seyhan"),
    )
    council_b = CouncilFactory(
        name="Çukurova Kent Konseyi",
        slug="cukurova",
        province=adana,
        district=District.objects.get(province=adana, name="Çukurova"),
    )
    platform_admin = UserFactory(email="platform@ornek.test", is_superuser=True, is_staff=True)
    give_totp(platform_admin)
    people = {}
    for key, council, role, totp in [
        ("admin_a", council_a, "council_admin", True),
        ("editor_a", council_a, "editor", False),
        ("treasurer_a", council_a, "treasurer", True),
        ("member_a", council_a, "member", False),
        ("editor_b", council_b, "editor", False),
    ]:
        user = UserFactory(email=f"{key}@ornek.test")
        if totp:
            give_totp(user)
        membership_set_roles(actor=None, council=council, user=user, roles=[role])
        people[key] = user
    outsider = UserFactory(email="outsider@ornek.test")
    return Cast(
        council_a=council_a,
        council_b=council_b,
        platform_admin=platform_admin,
        outsider=outsider,
        **people,
    )
