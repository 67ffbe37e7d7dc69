"""Sign-ins in the audit trail with the request id; session time limits; signing out others."""

import logging
import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from santral.core.accounts import audit as account_audit
from santral.core.accounts.sessions import SEEN_COOKIE
from santral.core.factories import give_totp
from santral.core.models import AuditRecord
from santral.core.request_id import RequestIdLogFilter, reset_request_id, set_request_id

pytestmark = pytest.mark.django_db

PASSWORD = "parola-123"


class Clock:
    """Moves time.time() (used by the signed cookie and the session limits) forward."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def test_sign_in_failure_and_sign_out_are_audited_with_the_request_id(cast):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": cast.editor_a.email, "password": "yanlis-parola"}
    )
    failed = AuditRecord.objects.get(action=account_audit.LOGIN_FAILED)
    assert failed.actor is None
    assert failed.after == {"login": cast.editor_a.email}
    assert "yanlis-parola" not in str(failed.after)
    assert failed.request_id == response["X-Request-ID"]

    response = client.post(
        reverse("account_login"), {"login": cast.editor_a.email, "password": PASSWORD}
    )
    login = AuditRecord.objects.get(action=account_audit.LOGIN)
    assert login.actor == cast.editor_a
    assert login.request_id == response["X-Request-ID"] != failed.request_id

    client.post(reverse("account_logout"))
    assert AuditRecord.objects.get(action=account_audit.LOGOUT).actor == cast.editor_a


def test_two_factor_changes_are_audited(cast):
    give_totp(cast.editor_a)
    record = AuditRecord.objects.get(action=account_audit.MFA_ADDED, actor=cast.editor_a)
    assert record.actor == cast.editor_a
    assert record.after == {"type": "totp"}


def test_a_proxy_request_id_is_kept_and_a_hostile_one_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="proxy-1234abcd")
    assert response["X-Request-ID"] == "proxy-1234abcd"
    response = client.get("/", HTTP_X_REQUEST_ID="bad\nid<script>")
    assert response["X-Request-ID"] != "bad\nid<script>"
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_carry_the_request_id():
    record = logging.LogRecord("santral", logging.WARNING, __file__, 1, "ileti", None, None)
    token = set_request_id("abc12345")
    try:
        RequestIdLogFilter().filter(record)
    finally:
        reset_request_id(token)
    assert record.request_id == "abc12345"
    handler = logging.getLogger().handlers[0]
    assert any(isinstance(f, RequestIdLogFilter) for f in handler.filters)


def test_a_staff_session_ends_after_thirty_idle_minutes(client, cast, monkeypatch):
    clock = Clock(monkeypatch)
    client.force_login(cast.editor_a)
    assert client.get("/admin/").status_code == 200
    assert SEEN_COOKIE in client.cookies
    for _ in range(3):  # active every 20 minutes: still signed in after an hour
        clock.advance(20 * 60)
        assert client.get("/admin/").status_code == 200
    clock.advance(31 * 60)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # the idle session cannot write either; the POST ends it for good
    sessions = Session.objects.count()
    response = client.post(reverse("core:sessions"))
    assert response.status_code == 302
    assert Session.objects.count() == sessions - 1


def test_a_get_on_an_expired_session_writes_nothing(client, cast, monkeypatch):
    clock = Clock(monkeypatch)
    client.force_login(cast.editor_a)
    client.get("/admin/")
    clock.advance(31 * 60)
    sessions = list(Session.objects.values_list("session_key", "session_data"))
    audit = AuditRecord.objects.count()
    assert client.get("/admin/").status_code == 302
    assert list(Session.objects.values_list("session_key", "session_data")) == sessions
    assert AuditRecord.objects.count() == audit


def test_a_staff_session_ends_twelve_hours_after_sign_in_however_active(client, cast, monkeypatch):
    clock = Clock(monkeypatch)
    client.force_login(cast.editor_a)
    for _ in range(12 * 3):
        clock.advance(20 * 60)
        client.get("/admin/")
    clock.advance(60)
    assert client.get("/admin/").status_code == 302


def test_an_activity_cookie_from_another_session_does_not_count(client, cast, monkeypatch):
    clock = Clock(monkeypatch)
    client.force_login(cast.editor_a)
    clock.advance(31 * 60)
    fresh = Client()
    fresh.force_login(cast.editor_a)
    assert fresh.get("/admin/").status_code == 200
    client.cookies[SEEN_COOKIE] = fresh.cookies[SEEN_COOKIE].value
    assert client.get("/admin/").status_code == 302


def test_members_keep_their_session_without_an_idle_limit(client, cast, monkeypatch):
    clock = Clock(monkeypatch)
    client.force_login(cast.member_a)
    clock.advance(5 * 3600)
    response = client.get(reverse("core:sessions"))
    assert response.status_code == 200


def test_sign_out_other_sessions(cast):
    here, elsewhere = Client(), Client()
    here.force_login(cast.member_a)
    elsewhere.force_login(cast.member_a)
    assert elsewhere.get(reverse("core:sessions")).status_code == 200
    page = here.get(reverse("core:sessions"))
    assert "Diğer tüm oturumları kapat" in page.content.decode()
    response = here.post(reverse("core:sessions"))
    assert response.status_code == 302
    assert here.get(reverse("core:sessions")).status_code == 200
    assert elsewhere.get(reverse("core:sessions")).status_code == 302
    record = AuditRecord.objects.get(action=account_audit.SESSIONS_REVOKED)
    assert record.actor == cast.member_a
