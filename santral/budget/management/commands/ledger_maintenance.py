"""manage.py ledger_maintenance --actor EMAIL --entry ID --reason "..."
(--set FIELD=VALUE ... | --delete)

The documented, audited way around the database's append-only rule for ledger entries
(docs/security.md, Money). For the platform admin only; money is still corrected with
reversing entries, so only text fields can be rewritten (e.g. personal data in a description).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from santral.budget.services import MAINTENANCE_FIELDS, ledger_entry_maintain


class Command(BaseCommand):
    help = (
        "Kayıtlı bir defter kaydının metin alanlarını değiştirir ya da kaydı siler; yalnızca "
        "platform yöneticisi, gerekçeyle, tek işlemde ve önce/sonra denetim kaydıyla. Tutar "
        "düzeltmeleri ters kayıtla yapılır. Belge: docs/security.md, Money"
    )

    def add_arguments(self, parser):
        parser.add_argument("--actor", required=True, help="platform yöneticisinin e-postası")
        parser.add_argument("--entry", type=int, required=True, help="defter kaydının no'su")
        parser.add_argument("--reason", required=True, help="gerekçe (denetim kaydına yazılır)")
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="ALAN=DEĞER",
            help="değiştirilecek alan: " + ", ".join(MAINTENANCE_FIELDS),
        )
        parser.add_argument("--delete", action="store_true", help="kaydı sil")

    def handle(self, *args, actor, entry, reason, set, delete, **options):
        user = get_user_model().objects.filter(email__iexact=actor).first()
        if user is None:
            raise CommandError(f"Kullanıcı bulunamadı: {actor}")
        changes = {}
        for item in set:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--set ALAN=DEĞER biçiminde olmalı: {item}")
            changes[name.strip()] = value
        try:
            record = ledger_entry_maintain(
                actor=user, entry_id=entry, reason=reason, changes=changes, delete=delete
            )
        except (PermissionDenied, ValidationError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError(" ".join(str(m) for m in messages)) from error
        self.stdout.write(f"Tamam: {record.action}, denetim kaydı {record.pk}.")
