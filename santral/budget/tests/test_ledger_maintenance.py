"""The audited maintenance path around the ledger's append-only rule (docs/security.md, Money)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from santral.budget.factories import make_line
from santral.budget.models import LedgerEntry
from santral.budget.services import entry_reverse
from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cast) -> LedgerEntry:
    line = make_line(cast.treasurer_a, cast.council_a, initial="1000.00")
    return LedgerEntry.objects.get(line=line)


def _run(actor, entry, *args):
    call_command("ledger_maintenance", "--actor", actor.email, "--entry", str(entry.pk), *args)


def test_platform_admin_rewrites_a_description_with_an_audit_row(cast, entry):
    _run(
        cast.platform_admin,
        entry,
        "--reason=KVKK: kişi adı silindi",
        "--set=description=Gönüllü ulaşım desteği",
    )
    entry.refresh_from_db()
    assert entry.description == "Gönüllü ulaşım desteği"
    record = AuditRecord.objects.get(action="budget.entry.maintenance_update")
    assert record.actor == cast.platform_admin
    assert record.council_id == cast.council_a.pk
    assert record.before["maintenance_reason"] == "KVKK: kişi adı silindi"
    assert record.before["amount"] == "1000.00"
    assert record.after["description"] == "Gönüllü ulaşım desteği"
    # The switch was only on inside the command: plain updates are refused again.
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(description="sonra")


def test_platform_admin_deletes_an_entry_with_an_audit_row(cast, entry):
    _run(cast.platform_admin, entry, "--reason=Deneme kaydı", "--delete")
    assert not LedgerEntry.objects.filter(pk=entry.pk).exists()
    record = AuditRecord.objects.get(action="budget.entry.maintenance_delete")
    assert record.before["id"] == entry.pk and record.after is None


@pytest.mark.parametrize(
    "args, message",
    [
        (["--reason", "x", "--set", "amount=1.00"], "ters kayıt"),
        (["--reason", " ", "--set", "description=y"], "gerekçe"),
        (["--reason", "x"], "yalnızca biri"),
        (["--reason", "x", "--set", "description=y", "--delete"], "yalnızca biri"),
    ],
)
def test_money_fields_reason_and_one_action_are_required(cast, entry, args, message):
    before = LedgerEntry.objects.filter(pk=entry.pk).values().get()
    with pytest.raises(CommandError, match=message):
        _run(cast.platform_admin, entry, *args)
    assert LedgerEntry.objects.filter(pk=entry.pk).values().get() == before
    assert not AuditRecord.objects.filter(action__startswith="budget.entry.maintenance").exists()


def test_only_the_platform_admin_may_use_it(cast, entry):
    with pytest.raises(CommandError, match="platform yöneticisi"):
        _run(cast.treasurer_a, entry, "--reason=x", "--delete")
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_an_entry_with_a_reversal_cannot_be_deleted(cast, entry):
    entry_reverse(actor=cast.treasurer_a, entry=entry, reason="Yanlış")
    with pytest.raises(CommandError, match="silinemez"):
        _run(cast.platform_admin, entry, "--reason=x", "--delete")
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()
