"""Posted ledger entries are append-only in the database itself (issue 14, item 2).

LedgerEntry has no draft state: a row exists only once posted, so every row is guarded.
The triggers (santral/core/immutability.py) refuse QuerySet.update(), QuerySet.delete() and
raw SQL on both databases; deleting the user who posted still works (created_by -> NULL);
corrections stay reversing entries.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from santral.budget.factories import make_line
from santral.budget.models import LedgerEntry
from santral.budget.services import entry_reverse, line_totals
from santral.core.immutability import remove_guard
from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cast) -> LedgerEntry:
    line = make_line(cast.treasurer_a, cast.council_a, initial="1000.00")
    return LedgerEntry.objects.get(line=line)


def _snapshot(entry: LedgerEntry) -> dict:
    return LedgerEntry.objects.filter(pk=entry.pk).values().get()


def _refused(action) -> None:
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic():
            action()


def test_queryset_update_is_refused(entry):
    before = _snapshot(entry)
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00")))
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).update(description="başka"))
    assert _snapshot(entry) == before


def test_queryset_delete_is_refused(entry):
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).delete())
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_raw_sql_is_refused(entry):
    before = _snapshot(entry)

    def raw(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])

    _refused(lambda: raw("UPDATE budget_ledgerentry SET amount = 0 WHERE id = %s"))
    _refused(lambda: raw("DELETE FROM budget_ledgerentry WHERE id = %s"))
    assert _snapshot(entry) == before


def test_created_by_may_only_become_null_together_with_nothing_else(cast, entry):
    before = _snapshot(entry)
    # Pointing the entry at someone else is a change of history.
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).update(created_by=cast.admin_a))
    # Clearing the author while changing anything else is refused too.
    _refused(
        lambda: LedgerEntry.objects.filter(pk=entry.pk).update(created_by=None, document_no="x")
    )
    assert _snapshot(entry) == before


def test_deleting_the_user_who_posted_keeps_the_entry(cast, entry):
    treasurer = cast.treasurer_a
    audit_ids = list(AuditRecord.objects.filter(actor=treasurer).values_list("pk", flat=True))
    assert entry.created_by_id == treasurer.pk and audit_ids
    before = _snapshot(entry)

    treasurer.delete()

    after = _snapshot(entry)
    assert after.pop("created_by_id") is None
    before.pop("created_by_id")
    assert after == before
    assert set(
        AuditRecord.objects.filter(pk__in=audit_ids, actor__isnull=True).values_list(
            "pk", flat=True
        )
    ) == set(audit_ids)


def test_a_reversal_still_corrects_an_entry(cast, entry):
    reversal = entry_reverse(actor=cast.treasurer_a, entry=entry, reason="Yanlış tutar")
    assert reversal.amount == Decimal("-1000.00")
    assert line_totals(entry.line)["initial"] == Decimal("0.00")


def test_migrate_puts_the_triggers_back(entry):
    remove_guard(connection, "budget_ledgerentry")
    LedgerEntry.objects.filter(pk=entry.pk).update(description="kaldırılmışken")  # proves removal

    call_command("migrate", verbosity=0)

    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).update(description="yine"))
    assert _snapshot(entry)["description"] == "kaldırılmışken"


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = 'budget_ledgerentry'::regclass AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["budget_ledgerentry"],
            )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables to alter them")
def test_sqlite_table_rebuild_drops_triggers_and_migrate_restores_them(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial="5.00")
    entry = LedgerEntry.objects.get(line=line)
    assert _triggers() == {
        "budget_ledgerentry_immutable_update",
        "budget_ledgerentry_immutable_delete",
    }
    with connection.schema_editor() as editor:
        editor._remake_table(LedgerEntry)  # what an AlterField migration does on SQLite
    assert _triggers() == set()

    call_command("migrate", verbosity=0)

    assert len(_triggers()) == 2
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).delete())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's flush DELETEs rows, which row triggers see. On PostgreSQL flush TRUNCATEs "
    "(refused by the TRUNCATE trigger without the switch): every transactional test's teardown "
    "that leaves ledger or audit rows (test_concurrency.py) exercises it; a flush in the middle "
    "of a serialized_rollback test there upsets pytest-django's reload of the next one.",
)
def test_flush_empties_guarded_tables_and_keeps_their_triggers(cast):
    make_line(cast.treasurer_a, cast.council_a, initial="5.00")
    assert LedgerEntry.objects.exists() and AuditRecord.objects.exists()
    triggers = _triggers()
    assert triggers

    # As pytest-django calls it for serialized_rollback tests (no post_migrate in between).
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert not LedgerEntry.objects.exists() and not AuditRecord.objects.exists()
    assert _triggers() == triggers


def test_a_council_with_money_on_record_cannot_be_deleted(cast, entry):
    from django.core.exceptions import ValidationError

    from santral.councils.models import Council
    from santral.councils.services import council_delete

    audit_rows = AuditRecord.objects.count()
    with pytest.raises(ValidationError, match="defterde kayıtlı para hareketleri"):
        council_delete(actor=cast.platform_admin, council=cast.council_a)
    assert Council.objects.filter(pk=cast.council_a.pk).exists()
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()
    assert AuditRecord.objects.count() == audit_rows


def test_the_back_office_says_why_a_council_with_money_stays(client, cast, entry):
    from santral.councils.models import Council

    client.force_login(cast.platform_admin)
    url = f"/admin/konseyler/delete/{cast.council_a.pk}/"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "defterde kayıtlı para hareketleri" in response.content.decode()
    assert Council.objects.filter(pk=cast.council_a.pk).exists()
