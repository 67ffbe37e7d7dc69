"""Named personas shared by every app's tests: two councils and one person per role."""

import copy
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


def build_cast() -> Cast:
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


# ---------------------------------------------------------------------------------------------
# Shared set-up per test module (what Django's TestCase.setUpTestData does for a class).
#
# Building the cast costs ~700 queries (two councils with their Wagtail trees and groups, six
# people with roles): paid once per module instead of once per test, it takes minutes off each
# database round. A module-scoped fixture opens a transaction and builds the data inside it; each
# test runs in its own savepoint inside that transaction (pytest-django's TestCase atomics nest)
# and is rolled back as before; the module's transaction is rolled back at its end. Each test
# gets a deep copy of the objects, so changing an instance in memory never leaks to the next
# test. Transactional tests (threads, live servers, real commits) cannot live inside an open
# transaction: they keep building their own cast, as before.
# ---------------------------------------------------------------------------------------------

# fixture → the module that defines the shared version
SHARED_FIXTURES = {"cast": "conftest", "world": "tests.conftest"}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _shared_fixtures_of(item) -> list[str]:
    """The shared fixtures the item uses, in the definition this conftest family gives them (a
    module's own fixture of the same name is left alone)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None or getattr(item, "cls", None) is not None or _is_transactional(item):
        return []
    found = []
    for name, home in SHARED_FIXTURES.items():
        definitions = info.name2fixturedefs.get(name)
        if definitions and definitions[-1].func.__module__ == home:
            found.append(name)
    return found


def _shares_module_state(item) -> bool:
    return bool(_shared_fixtures_of(item))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of a module's tests (pytest-django has already put transactional tests
    last), run the tests that need no shared data first: once a module's shared data exists,
    every later test of the module sees it in the database."""
    ordered, run = [], []

    def flush():
        run.sort(key=_shares_module_state)
        ordered.extend(run)
        run.clear()

    for item in items:
        if run and (
            item.module is not run[-1].module
            or _is_transactional(item) != _is_transactional(run[-1])
        ):
            flush()
        run.append(item)
    flush()
    items[:] = ordered
    for item in items:
        if _is_transactional(item):
            item.fixturenames.insert(0, "_close_module_transaction")
        else:
            for fixture in reversed(_shared_fixtures_of(item)):
                # set up before any function-scoped fixture, so before the test's atomics
                item.fixturenames.insert(0, f"_module_{fixture}")


class _ModuleTransaction:
    """The open transaction holding a module's shared data; closed (rolled back) at the end of
    the module, or earlier when a transactional test of the same module comes next."""

    current: "_ModuleTransaction | None" = None

    def __init__(self, blocker):
        from django.db import transaction

        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            # a durable atomic inside a test stays allowed, as inside Django's TestCase
            self.atomic._from_testcase = True
            self.atomic.__enter__()
        _ModuleTransaction.current = self

    def close(self):
        from django.db import transaction

        if _ModuleTransaction.current is not self:
            return
        _ModuleTransaction.current = None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def _module_transaction(django_db_setup, django_db_blocker):
    holder = _ModuleTransaction(django_db_blocker)
    yield holder
    holder.close()


@pytest.fixture
def _close_module_transaction():
    if _ModuleTransaction.current is not None:
        _ModuleTransaction.current.close()


@pytest.fixture(scope="module")
def _module_cast(_module_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        return build_cast()


@pytest.fixture
def cast(db, request):
    if "_module_cast" in request.fixturenames:
        return copy.deepcopy(request.getfixturevalue("_module_cast"))
    return build_cast()
