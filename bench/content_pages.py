"""Benchmark: hub news list, council home page and item page on a large page tree.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/santral_content_bench \
        .venv/bin/python bench/content_pages.py --councils 100 --items 100000

Creates (once; re-runs reuse the data) N councils through the normal service and
M published news pages spread over them. The pages are not added one by one
(Wagtail's add_child takes ~20 ms a page): their treebeard paths are computed
and the rows bulk-inserted, then each council's numchild is set — the same rows
add_child would write, minus revisions. Then it requests each URL with Django's
test client in this process and prints the median and 95th percentile server
time, the median CPU time of this (Django) process alone — the part that does not
depend on how busy the database and the other processes on the machine are —
and the number of SQL queries per request.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"
# Server time of rendering each page: the page cache would answer repeated requests.
os.environ["PAGE_CACHE_SECONDS"] = "0"


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist yet (PostgreSQL only)."""
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def build(councils: int, items: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from santral.content.models import NewsPage, Topic
    from santral.councils.factories import CouncilFactory
    from santral.councils.models import Council, CouncilHomePage, Province
    from santral.councils.services import hub_home_page_ensure

    hub_home_page_ensure()
    topics = [Topic.objects.get_or_create(name=name)[0] for name in ("Çevre", "Kadın", "Gençlik")]
    provinces = list(Province.objects.order_by("plate"))
    existing = Council.objects.filter(slug__startswith="bench-").count()
    started = time.perf_counter()
    for number in range(existing, councils):
        province = provinces[number % len(provinces)]
        CouncilFactory(
            name=f"Bench Kent Konseyi {number:03d}",
            slug=f"bench-{number:03d}",
            kind="il",
            province=province,
            district=None,
        )
    print(f"councils: {councils} ({time.perf_counter() - started:.1f} s)")
    have = NewsPage.objects.filter(council__slug__startswith="bench-").count()
    if have >= items:
        print(f"news pages already there: {have}")
        return
    homes = list(
        CouncilHomePage.objects.filter(council__slug__startswith="bench-").order_by("path")
    )
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    now = timezone.now()
    per_council = items // len(homes)
    started = time.perf_counter()
    through = NewsPage.topics.through
    for index, home in enumerate(homes):
        with transaction.atomic():
            offset = home.numchild
            pages, children, links = [], [], []
            for n in range(offset, per_council):
                slug = f"haber-{n:05d}"
                at = now - timedelta(minutes=(n * len(homes) + index))
                page = Page(
                    path=Page._get_path(home.path, home.depth + 1, n + 1),
                    depth=home.depth + 1,
                    numchild=0,
                    title=f"{home.title} haberi {n}",
                    draft_title=f"{home.title} haberi {n}",
                    slug=slug,
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{home.url_path}{slug}/",
                    first_published_at=at,
                    last_published_at=at,
                    translation_key=uuid.uuid4(),
                    locale=locale,
                )
                pages.append(page)
            Page.objects.bulk_create(pages, batch_size=2000)
            for page in pages:
                child = NewsPage(
                    page_ptr_id=page.pk,
                    council_id=home.council_id,
                    intro="Bench haberinin özeti.",
                    body="<p>Bench haberinin metni.</p>",
                    scope="local",
                    language="tr",
                    is_shared=page.pk % 3 == 0,
                    is_archived=False,
                    is_listed=True,
                    search_text=page.title,
                )
                children.append(child)
                links.append(through(newspage_id=page.pk, topic=topics[page.pk % 3]))
            fields = [f for f in NewsPage._meta.local_concrete_fields if f.name != "page_ptr"] + [
                NewsPage._meta.get_field("page_ptr")
            ]
            NewsPage.objects.all()._batched_insert(children, fields, batch_size=2000)
            through.objects.bulk_create(links, batch_size=5000)
            Page.objects.filter(pk=home.pk).update(numchild=per_council)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(
        f"news pages: {NewsPage.objects.count()} "
        f"({time.perf_counter() - started:.1f} s bulk insert)"
    )


def measure(runs: int, councils: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from santral.content.models import NewsPage

    middle = f"bench-{councils // 2:03d}"
    item = NewsPage.objects.filter(council__slug=middle).order_by("path").first()
    urls = {
        "hub news list (page 1)": "/haberler/",
        "hub news list (page 200)": "/haberler/?sayfa=200",
        "hub news list (topic filter)": "/haberler/?konu=cevre",
        "council home page": f"/{middle}/",
        "council news list": f"/{middle}/haberler/",
        "item page": item.url,
        "api news list": "/api/v1/news/",
    }
    client = Client()
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8} status")
    for name, url in urls.items():
        client.get(url)  # warm caches (site root paths, templates)
        timings, cpu, queries = [], [], set()
        status = None
        for _ in range(runs):
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            queries.add(len(captured.captured_queries))
            status = response.status_code
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{name:32} {statistics.median(timings):10.1f} {p95:8.1f} "
            f"{statistics.median(cpu):7.1f} "
            f"{'/'.join(map(str, sorted(queries))):>8} {status}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=100)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("DATABASE_URL gerekli (ör. postgres://postgres@127.0.0.1:5432/santral_bench)")
    ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    build(args.councils, args.items)
    measure(args.runs, args.councils)


if __name__ == "__main__":
    main()
