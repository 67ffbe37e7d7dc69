"""Queue (or, with --now, make) the visual materials of one item: every template, size and
language of its kind (docs/visuals.md).

    manage.py generate_visuals seyhan budget 2026
    manage.py generate_visuals seyhan event 123 --now
"""

from django.core.management.base import BaseCommand, CommandError

from santral.councils.models import Council
from santral.visuals.models import ItemKind
from santral.visuals.services import materials_generate_for_item
from santral.visuals.tasks import generate_item_materials


class Command(BaseCommand):
    help = "Bir içeriğin görsel materyallerini üretir (kuyruğa koyar ya da --now ile hemen)."

    def add_arguments(self, parser):
        parser.add_argument("council", help="konseyin kısa adı (slug)")
        parser.add_argument("kind", choices=ItemKind.values)
        parser.add_argument("key", help="sayfa numarası (etkinlik, haber) ya da yıl")
        parser.add_argument("--now", action="store_true", help="kuyruğa koymadan hemen üret")

    def handle(self, *args, council, kind, key, now, **options):
        found = Council.objects.filter(slug=council).first()
        if found is None:
            raise CommandError(f"Konsey yok: {council}")
        if not now:
            generate_item_materials.enqueue(found.pk, kind, key)
            self.stdout.write("Kuyruğa kondu.")
            return
        try:
            problems = materials_generate_for_item(council=found, kind=kind, key=key)
        except LookupError as error:
            raise CommandError(f"Yayımlanmış içerik yok: {kind} {key}") from error
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"Tamam; {len(problems)} sorun.")
