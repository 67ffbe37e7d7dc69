"""`manage.py backup [--output FILE]`: the database and uploads in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from santral.ops.backup import BackupError, backup_create, default_backup_path


class Command(BaseCommand):
    help = "Veritabanını ve yüklenen dosyaları tek bir arşive yedekler (site çalışırken)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Arşiv dosyası (varsayılan var/backups/…).")

    def handle(self, *args, output=None, **options):
        path = Path(output) if output else default_backup_path()
        try:
            backup_create(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
