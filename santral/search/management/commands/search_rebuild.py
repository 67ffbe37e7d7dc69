import os

from django.core.management.base import BaseCommand

from santral.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Arama dizinini baştan oluşturur (her sağlayıcının bütün kayıtları)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="Metin çözümlemesini yapan süreç sayısı (0: hepsi bu süreçte).",
        )

    def handle(self, *args, batch_size: int, workers: int, **options):
        counts = rebuild_index(batch_size=batch_size, workers=workers)
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Dizin yenilendi: {sum(counts.values())} kayıt."))
