"""Harvest due sources (a timer runs this until the Tasks scheduler does): `manage.py harvest`."""

from django.core.management.base import BaseCommand, CommandError

from santral.councils.models import Council
from santral.federation.services import harvest_due


class Command(BaseCommand):
    help = "Harvest every due active source (or one source, or one council's sources)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="Only this source id (due or not).")
        parser.add_argument("--council", help="Only this council's sources (its slug).")
        parser.add_argument(
            "--full",
            action="store_true",
            help="A full listing (WordPress, Santral): also withdraws items that vanished.",
        )

    def handle(self, *args, source=None, council=None, full=False, **options):
        council_obj = None
        if council:
            council_obj = Council.objects.filter(slug=council).first()
            if council_obj is None:
                raise CommandError(f"“{council}” kısa adlı bir konsey yok.")
        runs = harvest_due(council=council_obj, source_id=source, full=full)
        for run in runs:
            self.stdout.write(
                f"{run.source}: {run.get_status_display()} — alınan {run.fetched}, yeni "
                f"{run.created}, güncellenen {run.updated}, geri çekilen {run.withdrawn}, "
                f"hata {run.errors}" + (f" ({run.last_error})" if run.last_error else "")
            )
        if not runs:
            self.stdout.write("Çalıştırılacak kaynak yok.")
