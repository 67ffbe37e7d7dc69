"""Once a day from cron: the retention clean-up and the reminders of open erasure requests."""

from django.core.management.base import BaseCommand

from santral.privacy.tasks import apply_retention, remind_erasure_requests


class Command(BaseCommand):
    help = "Enqueue the retention clean-up and the erasure-request reminders (KVKK)."

    def handle(self, *args, **options):
        apply_retention.enqueue()
        remind_erasure_requests.enqueue()
        self.stdout.write("privacy: retention and reminders enqueued")
