"""`manage.py backup` / `manage.py restore` (acceptance: "backup/restore round trip on both
databases; restored data identical, including the ledger and audit trail").

The round trip snapshots every table of the database (every row of every table, not only
Santral's models) and every uploaded file, backs up, changes all three kinds of data (a new
ledger entry and its audit record, a new and a removed upload), restores, and compares.
"""

import datetime
import tarfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from santral.budget.factories import make_line
from santral.budget.models import LedgerEntry
from santral.budget.services import appropriation_post, entry_reverse
from santral.core.models import AuditRecord


def database_snapshot() -> dict[str, list[str]]:
    tables = connection.introspection.table_names(include_views=False)
    snapshot = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            snapshot[table] = sorted(repr(row) for row in cursor.fetchall())
    return snapshot


def media_snapshot(root) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_restores_data_ledger_audit_trail_and_media(cast, media_root, tmp_path):
    treasurer = cast.treasurer_a
    line = make_line(treasurer, cast.council_a, initial="10000.00")
    entry = appropriation_post(
        actor=treasurer,
        line=line,
        kind="addition",
        amount=Decimal("2500.50"),
        entry_on=datetime.date(2026, 6, 1),
    )
    entry_reverse(
        actor=treasurer, entry=entry, reason="Yanlış tutar", entry_on=datetime.date(2026, 6, 2)
    )
    default_storage.save("belgeler/karar-2026.pdf", ContentFile(b"%PDF-1.4 karar"))
    default_storage.save("gorseller/afiş.png", ContentFile(b"\x89PNG gorsel"))
    ledger_rows = LedgerEntry.objects.count()
    audit_rows = AuditRecord.objects.count()
    assert ledger_rows >= 3 and audit_rows >= 3

    before_db = database_snapshot()
    before_media = media_snapshot(media_root)
    archive = tmp_path / "yedek.tar.gz"
    call_command("backup", "--output", str(archive))
    with tarfile.open(archive) as opened:
        assert {"manifest.json", "database", "media/belgeler/karar-2026.pdf"} <= set(
            opened.getnames()
        )

    # After the backup: more money posted (and audited), one file gone, one new.
    appropriation_post(
        actor=treasurer,
        line=line,
        kind="addition",
        amount=Decimal("99.99"),
        entry_on=datetime.date(2026, 7, 1),
    )
    default_storage.delete("belgeler/karar-2026.pdf")
    default_storage.save("sonradan.txt", ContentFile(b"yeni"))
    assert LedgerEntry.objects.count() > ledger_rows
    assert database_snapshot() != before_db

    call_command("restore", str(archive), "--yes")

    assert database_snapshot() == before_db
    assert media_snapshot(media_root) == before_media
    assert LedgerEntry.objects.count() == ledger_rows
    assert AuditRecord.objects.count() == audit_rows
    # The ledger is still append-only after the restore: the database's guard is back.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_santral_backup(tmp_path, media_root):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        archive.add(__file__, arcname="../escape.py")
    with pytest.raises(CommandError, match="beklenmeyen"):
        call_command("restore", str(bogus), "--yes")
    with pytest.raises(CommandError, match="bulunamadı"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), "--yes")
