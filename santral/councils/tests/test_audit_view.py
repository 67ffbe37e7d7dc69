"""The audit trail in the back office: who may read which rows, filters, CSV export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from santral.core.audit import audit_record
from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db

URL = "/admin/denetim/"


def _rows(cast):
    audit_record(actor=cast.admin_a, action="council.update", council_id=cast.council_a.pk)
    audit_record(
        actor=cast.treasurer_a,
        action="budget.entry",
        council_id=cast.council_a.pk,
        after={"açıklama": '=HYPERLINK("http://x","y")'},
    )
    audit_record(actor=cast.editor_b, action="council.update", council_id=cast.council_b.pk)
    audit_record(actor=None, action="auth.login_failed", after={"login": "kimse@ornek.test"})


def test_council_admin_reads_only_their_councils_rows(client, cast):
    _rows(cast)
    client.force_login(cast.admin_a)
    page = client.get(URL).content.decode()
    assert "budget.entry" in page
    assert cast.editor_b.email not in page
    assert "auth.login_failed" not in page


def test_platform_admin_reads_every_row_and_filters(client, cast):
    _rows(cast)
    client.force_login(cast.platform_admin)
    page = client.get(URL).content.decode()
    assert "auth.login_failed" in page and cast.editor_b.email in page
    page = client.get(URL, {"action": "council.", "council": cast.council_b.pk}).content.decode()
    assert cast.editor_b.email in page
    assert "budget.entry" not in page
    page = client.get(URL, {"actor": "treasurer_a"}).content.decode()
    assert "budget.entry" in page and "council.update" not in page


@pytest.mark.parametrize("who", ["editor_a", "treasurer_a", "member_a", "editor_b"])
def test_other_roles_cannot_read_the_trail(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.get(URL)
    assert response.status_code in (302, 403)


def test_csv_export_is_filtered_and_cannot_attack_a_spreadsheet(client, cast):
    _rows(cast)
    client.force_login(cast.admin_a)
    response = client.get(URL, {"bicim": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    actions = [row[1] for row in rows[1:]]
    assert "budget.entry" in actions and "auth.login_failed" not in actions
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    excel = client.get(URL, {"bicim": "excel"})
    assert excel.content.decode("utf-8").startswith("\ufeff")


def test_the_list_is_paginated_with_a_constant_number_of_queries(client, cast):
    client.force_login(cast.platform_admin)
    client.get(URL)
    for _ in range(5):
        audit_record(actor=cast.admin_a, action="council.update", council_id=cast.council_a.pk)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(120):
        audit_record(actor=cast.treasurer_a, action="budget.entry", council_id=cast.council_b.pk)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(many) == len(few)
    assert response.content.decode().count('class="audit-row"') == 50  # one page
    assert AuditRecord.objects.count() > 125
    assert reverse("santral_audit") == URL
