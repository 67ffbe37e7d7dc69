"""The audit trail is append-only in the database itself (issue 14, item 2).

The model refuses save()/delete() on stored rows; the triggers (santral/core/immutability.py)
also refuse QuerySet.update(), QuerySet.delete() and raw SQL, on both databases. Deleting a
user or a content type still works: it only clears actor / target_type (on_delete=SET_NULL).
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction

from santral.core.audit import audit_record
from santral.core.factories import UserFactory
from santral.core.immutability import maintenance_switch
from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> AuditRecord:
    actor = UserFactory()
    return audit_record(actor=actor, action="test.change", target=actor, after={"x": 1})


def _row(record: AuditRecord) -> dict:
    return AuditRecord.objects.filter(pk=record.pk).values().get()


def _refused(action) -> None:
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic():
            action()


def test_queryset_update_and_delete_are_refused(record):
    before = _row(record)
    rows = AuditRecord.objects.filter(pk=record.pk)
    _refused(lambda: rows.update(action="tampered"))
    _refused(lambda: rows.update(after={"x": 2}))
    _refused(lambda: rows.update(actor=UserFactory()))
    _refused(lambda: rows.update(actor=None, action="tampered"))
    _refused(lambda: rows.delete())
    assert _row(record) == before


def test_raw_sql_is_refused(record):
    before = _row(record)

    def raw(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])

    _refused(lambda: raw("UPDATE core_auditrecord SET action = 'tampered' WHERE id = %s"))
    _refused(lambda: raw("DELETE FROM core_auditrecord WHERE id = %s"))
    assert _row(record) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_is_refused_on_postgresql(record):
    with connection.cursor() as cursor:
        # Run the deferred foreign-key checks now: TRUNCATE refuses while they are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _refused(lambda: cursor.execute("TRUNCATE core_auditrecord CASCADE"))
    assert AuditRecord.objects.filter(pk=record.pk).exists()


def test_deleting_the_actor_only_clears_it(record):
    before = _row(record)
    record.actor.delete()
    after = _row(record)
    assert before.pop("actor_id") is not None and after.pop("actor_id") is None
    assert after == before


def test_deleting_the_target_type_only_clears_it():
    content_type = ContentType.objects.create(app_label="gecici", model="silinecek")
    record = AuditRecord.objects.create(action="test.target", target_type=content_type)
    content_type.delete()
    assert _row(record)["target_type_id"] is None
    assert _row(record)["action"] == "test.target"


def test_the_maintenance_switch_needs_a_reason_and_lasts_one_block(record):
    with pytest.raises(ValueError):
        with maintenance_switch(reason="  "):
            pass
    with maintenance_switch(reason="test: switch scope"):
        AuditRecord.objects.filter(pk=record.pk).update(action="changed under the switch")
    assert _row(record)["action"] == "changed under the switch"
    _refused(lambda: AuditRecord.objects.filter(pk=record.pk).update(action="after it"))


def test_only_flush_and_ledger_maintenance_turn_the_switch_on():
    """Application code never bypasses the triggers: a new caller must be reviewed here."""
    from pathlib import Path

    import santral

    root = Path(santral.__file__).parent
    callers = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "maintenance_switch(" in path.read_text(encoding="utf-8")
    }
    assert callers == {
        "core/immutability.py",
        "core/management/commands/flush.py",
        "budget/services.py",
        # KVKK: erasure rewrites the text of audit rows that name the person into the
        # pseudonym; retention deletes sign-in records past their period.
        "privacy/erasure.py",
    }
