"""`manage.py restore FILE --yes`: replace the database and uploads with a backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from santral.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Bir yedeği geri yükler: veritabanındaki her şey ve yüklenen dosyalar yedektekilerle "
        "değişir. Web ve görev süreçlerini önce durdurun."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="manage.py backup ile alınmış arşiv.")
        parser.add_argument(
            "--yes", action="store_true", help="Onay sormadan geri yükle (betikler için)."
        )

    def handle(self, *args, archive, yes=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} bulunamadı.")
        if not yes:
            answer = input("Veritabanı ve dosyalar yedektekilerle değişecek. Devam? [evet/hayır] ")
            if answer.strip().lower() not in {"evet", "e", "yes", "y"}:
                raise CommandError("Vazgeçildi.")
        try:
            manifest = backup_restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Geri yüklendi: {manifest['created']} ({manifest['database']}).")
