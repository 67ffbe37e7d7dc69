"""Queue the daily resource-gap reminder (run from cron once a day; a worker sends it)."""

from django.core.management.base import BaseCommand

from santral.partners.tasks import send_resource_reminders


class Command(BaseCommand):
    help = "Kaynak açığı olan yaklaşan etkinlikler için hatırlatma görevini kuyruğa ekler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Kuyruğa eklemek yerine hemen çalıştır (gönderilen e-posta sayısını yazar).",
        )

    def handle(self, *args, now=False, **options):
        if now:
            sent = send_resource_reminders.call()
            self.stdout.write(f"{sent}\n")
            return
        result = send_resource_reminders.enqueue()
        self.stdout.write(f"{result.id}\n")
