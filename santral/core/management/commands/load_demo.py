from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from santral.core.registry import demo_loaders


class Command(BaseCommand):
    help = (
        "Tanıtım verisini yükler (Adana Kent Konseyi ve kurucu metni). "
        "İki kez çalıştırmak bir şey değiştirmez."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="DEBUG kapalıyken de yükle (demo hesaplarının parolası herkesçe bilinir).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo verisi yalnızca geliştirme ortamında yüklenir (DEBUG=1). "
                "Demo hesaplarının parolaları herkesçe bilinir; "
                "yine de yüklemek için --force verin."
            )
        self.stdout.write("Demo verisi yükleniyor…\n")
        self.stdout.write("Demo hesapları (e-posta, parola):\n")
        for _name, loader in demo_loaders():
            loader(stdout=self.stdout)
        self.stdout.write(
            "TOTP anahtarı olan hesaplar girişte doğrulama kodu ister: anahtarı bir "
            "doğrulama uygulamasına ekleyin ya da `oathtool --totp -b ANAHTAR` ile kod üretin.\n"
        )
        self.stdout.write(self.style.SUCCESS("Demo verisi hazır.\n"))
