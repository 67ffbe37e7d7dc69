"""manage.py import_wordpress --council SLUG export.xml [--media DIR]"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from santral.content.wordpress import wordpress_import
from santral.councils.models import Council


class Command(BaseCommand):
    help = "WordPress dışa aktarma dosyasını (WXR 1.2) bir konseyin sayfalarına aktarır."

    def add_arguments(self, parser):
        parser.add_argument("export", help="WordPress dışa aktarma dosyası (.xml)")
        parser.add_argument("--council", required=True, help="konseyin kısa adı (slug)")
        parser.add_argument("--media", help="eklerin (wp-content/uploads) bulunduğu klasör")

    def handle(self, *args, **options):
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"Konsey bulunamadı: {options['council']}")
        path = Path(options["export"])
        if not path.is_file():
            raise CommandError(f"Dosya bulunamadı: {path}")
        try:
            report = wordpress_import(
                actor=None, council=council, xml=path.read_bytes(), media_dir=options["media"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in report.created:
            self.stdout.write(f"+ {line}")
        for line in report.skipped:
            self.stdout.write(f"= {line}")
        for line in report.warnings:
            self.stdout.write(self.style.WARNING(f"! {line}"))
        for line in report.errors:
            self.stderr.write(self.style.ERROR(f"HATA {line}"))
        self.stdout.write(
            f"Aktarılan: {len(report.created)}, atlanan: {len(report.skipped)}, "
            f"uyarı: {len(report.warnings)}, hata: {len(report.errors)}"
        )
