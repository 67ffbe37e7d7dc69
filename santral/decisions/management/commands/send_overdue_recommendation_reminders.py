"""Queue the daily overdue-recommendation reminder (run from cron once a day)."""

from django.core.management.base import BaseCommand

from santral.decisions.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Meclis gündemine süresinde alınmayan tavsiye kararları için hatırlatmayı kuyruğa ekler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Kuyruğa eklemek yerine hemen çalıştır (gönderilen e-posta sayısını yazar).",
        )

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"{send_overdue_reminders.call()}\n")
            return
        self.stdout.write(f"{send_overdue_reminders.enqueue().id}\n")
