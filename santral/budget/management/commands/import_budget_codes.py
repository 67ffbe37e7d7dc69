"""manage.py import_budget_codes --kind economic --year 2027 FILE [--mapping M.json] [--dry-run]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from santral.budget.imports import ImportFailed, classification_import, file_size_error


class Command(BaseCommand):
    help = (
        "Resmî sınıflandırma listesini (Excel eki ya da CSV: Kod, Ad sütunları) bir yıl için "
        "yükler; yeni kodları ekler, var olanların adını düzeltir. Hata varsa hiçbir şey yazılmaz."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--kind", required=True, choices=["functional", "economic", "financing"]
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--mapping")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, file, kind, year, mapping=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Dosya bulunamadı: {file}")
        too_big = file_size_error(path.stat().st_size)
        if too_big:
            raise CommandError(too_big)  # before the bytes are read (SANTRAL_IMPORT_MAX_BYTES)
        mapping_data = json.loads(Path(mapping).read_text(encoding="utf-8")) if mapping else None
        try:
            result = classification_import(
                actor=None,
                kind=kind,
                year=year,
                content=path.read_bytes(),
                filename=path.name,
                mapping=mapping_data,
                commit=not dry_run,
            )
        except ImportFailed as failure:
            for error in failure.errors_list:
                self.stderr.write(str(error))
            raise CommandError(f"{len(failure.errors_list)} hata; hiçbir kod yazılmadı.") from None
        self.stdout.write(f"{result.created} kod eklendi, {result.skipped} kod güncellendi.")
