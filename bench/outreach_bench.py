"""Outreach benchmark: representation report over many records; newsletter delivery to a
real SMTP server on loopback (aiosmtpd).

    .venv/bin/python bench/outreach_bench.py --records 20000 --subscribers 2000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/santral_bench .venv/bin/python bench/...

Uses the test settings (SQLite in memory unless DATABASE_URL is set; a PostgreSQL
database named in DATABASE_URL is created from scratch and must be disposable).
Prints sizes, timings and query counts; no goal is asserted here.
"""

import argparse
import os
import random
import socket
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--subscribers", type=int, default=2000)
    args = parser.parse_args()

    if connection.vendor == "postgresql":
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", "--no-input", verbosity=0)

    from santral.councils.models import District, Province
    from santral.councils.services import council_create
    from santral.outreach.mailing import deliver_batch
    from santral.outreach.models import (
        AreaPopulation,
        Audience,
        AudienceCount,
        Delivery,
        Newsletter,
        NewsletterTopic,
        ParticipationRecord,
        Subscriber,
    )
    from santral.outreach.selectors import representation_report
    from santral.outreach.services import DEFAULT_AUDIENCES

    adana = Province.objects.get(plate="01")
    council = council_create(
        actor=None,
        name="Bench Kent Konseyi",
        slug="bench",
        kind="ilce",
        province=adana,
        district=District.objects.get(province=adana, name="Seyhan"),
    )
    AreaPopulation.objects.create(council=council, total=1_000_000, source="bench", year=2024)
    audiences = [
        Audience.objects.create(
            council=council,
            kind=kind,
            slug=slug,
            name=slug,
            baseline_share=Decimal(5 + 6 * index),
            baseline_source="bench",
            baseline_year=2024,
        )
        for index, (kind, slug) in enumerate(DEFAULT_AUDIENCES)
    ]
    rng = random.Random(7)
    start = time.perf_counter()
    records = ParticipationRecord.objects.bulk_create(
        ParticipationRecord(
            council=council,
            activity_title=f"E{i}",
            held_on=date(2022, 1, 1) + timedelta(days=rng.randrange(1500)),
            total_participants=rng.randint(10, 300),
        )
        for i in range(args.records)
    )
    counts = []
    for record in records:
        for audience in audiences:
            counts.append(
                AudienceCount(
                    record=record,
                    audience=audience,
                    count=rng.randint(0, record.total_participants),
                )
            )
    AudienceCount.objects.bulk_create(counts, batch_size=5000)
    print(
        f"seed: {args.records} records, {len(counts)} audience counts "
        f"in {time.perf_counter() - start:.1f} s ({connection.vendor})"
    )

    timings = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            report = representation_report(council=council)
            timings.append(time.perf_counter() - t0)
    print(
        f"representation_report (whole council, {len(report.periods)} quarters): "
        f"median {statistics.median(timings) * 1000:.0f} ms, {len(queries)} queries"
    )
    t0 = time.perf_counter()
    representation_report(council=council, starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31))
    print(f"representation_report (one year): {(time.perf_counter() - t0) * 1000:.0f} ms")

    from aiosmtpd.controller import Controller

    class Sink:
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.received += 1
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        topic = NewsletterTopic.objects.create(council=council, slug="t", name="T")
        now = timezone.now()
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(
                council=council,
                email=f"s{i}@ornek.test",
                email_key=f"s{i}@ornek.test",
                status="confirmed",
                consent_text_version="b",
                consent_at=now,
                confirm_token=f"c{i}",
                unsubscribe_token=f"u{i}",
            )
            for i in range(args.subscribers)
        )
        Subscriber.topics.through.objects.bulk_create(
            Subscriber.topics.through(subscriber_id=s.pk, newslettertopic_id=topic.pk)
            for s in subscribers
        )
        newsletter = Newsletter.objects.create(
            council=council, topic=topic, subject="Bench", body="Metin", status="sending"
        )
        Delivery.objects.bulk_create(
            Delivery(newsletter=newsletter, subscriber=s) for s in subscribers
        )
        t0 = time.perf_counter()
        batches = 0
        while True:
            result = deliver_batch(newsletter_id=newsletter.pk)
            batches += 1
            if not result.remaining:
                break
        elapsed = time.perf_counter() - t0
        print(
            f"newsletter: {args.subscribers} e-mails in {batches} batches of "
            f"{settings.SANTRAL_NEWSLETTER_BATCH_SIZE}: {elapsed:.1f} s "
            f"({args.subscribers / elapsed:.0f}/s), server received {Sink.received}"
        )
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
