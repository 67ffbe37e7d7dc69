"""`manage.py run_scheduler`: enqueue periodic work; run it on one machine or on several."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from santral.ops.schedule import run_due


class Command(BaseCommand):
    help = (
        "Zamanlanmış işleri (hatırlatmalar, haber bülteni yeniden denemeleri, kaynak "
        "hasadı, arama dizini bakımı) dönem başına bir kez kuyruğa ekler. Birden çok "
        "makinede aynı anda çalışabilir."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Bir kez bak ve çık (cron ya da systemd timer)."
        )
        parser.add_argument(
            "--interval", type=float, default=60.0, help="İki bakış arası saniye (varsayılan 60)."
        )

    def handle(self, *args, once=False, interval=60.0, **options):
        self.running = True
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
        while True:
            for run in run_due():
                self.stdout.write(f"{run.job} {run.period} {run.task_id}")
            if once or not self.running:
                return
            # Between two looks, like a request: drop a connection that broke or grew old.
            close_old_connections()
            slept = 0.0
            while self.running and slept < interval:
                time.sleep(min(1.0, interval - slept))
                slept += 1.0
            if not self.running:
                return

    def _stop(self, signum, frame):
        self.running = False
