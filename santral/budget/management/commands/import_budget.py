"""manage.py import_budget --council SLUG --year YYYY FILE [--mapping MAPPING.json] [--dry-run]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from santral.budget.imports import ImportFailed, file_size_error, import_commit, import_preview
from santral.councils.models import Council


class Command(BaseCommand):
    help = (
        "Belediyenin bütçe/harcama listesini (CSV ya da XLSX) bir konseyin bütçe yılına "
        "aktarır. Hatalı bir satır varsa hiçbir şey yazılmaz; aynı dosya ikinci kez bir şey "
        "eklemez. Biçim: docs/budget-import.md"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--council", required=True, help="konseyin kısa adı (slug)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--mapping", help="sütun eşleme dosyası (JSON)")
        parser.add_argument("--dry-run", action="store_true", help="yalnızca önizle, yazma")

    def handle(self, *args, file, council, year, mapping=None, dry_run=False, **options):
        target = Council.objects.filter(slug=council).first()
        if target is None:
            raise CommandError(f"Konsey bulunamadı: {council}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Dosya bulunamadı: {file}")
        mapping_data = None
        if mapping:
            try:
                mapping_data = json.loads(Path(mapping).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"Eşleme dosyası okunamadı: {error}") from error
        too_big = file_size_error(path.stat().st_size)
        if too_big:
            raise CommandError(too_big)  # before the bytes are read (SANTRAL_IMPORT_MAX_BYTES)
        content = path.read_bytes()
        try:
            if dry_run:
                result = import_preview(
                    council=target,
                    year=year,
                    content=content,
                    filename=path.name,
                    mapping=mapping_data,
                )
                if result.errors:
                    raise ImportFailed(result.errors)
                if result.previous is not None:
                    self.stdout.write(str(result.previous))
                if result.unmapped_columns:
                    self.stdout.write(result.unmapped_notice)
                self.stdout.write(
                    f"Önizleme: {len(result.rows)} geçerli satır, "
                    f"{len(result.rows) - result.skipped} yeni, "
                    f"{result.skipped} önceden aktarılmış."
                )
                return
            result = import_commit(
                actor=None,
                council=target,
                year=year,
                content=content,
                filename=path.name,
                mapping=mapping_data,
            )
        except ImportFailed as failure:
            for error in failure.errors_list:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(failure.errors_list)} hata bulundu; hiçbir kayıt yazılmadı."
            ) from None
        if result.previous is not None:
            self.stdout.write(str(result.previous))
        self.stdout.write(
            f"{result.created} kayıt eklendi, {result.skipped} kayıt önceden aktarılmıştı."
        )
