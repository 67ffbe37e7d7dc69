from django.core.management.base import BaseCommand

from santral.budget.codes import load_reference_codes
from santral.budget.models import ClassificationCode


class Command(BaseCommand):
    help = "Sınıflandırma listelerini (santral/budget/data/) verilen bütçe yılları için yükler."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", required=True)

    def handle(self, *args, year, **options):
        added = load_reference_codes(ClassificationCode, year)
        self.stdout.write(f"{added} kod eklendi.")
