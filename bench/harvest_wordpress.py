#!/usr/bin/env python3
"""Harvest the peer WordPress (20 020 posts) through its REST API into a fresh database.

    .venv/bin/python bench/harvest_wordpress.py \
        --database-url postgres://postgres@127.0.0.1:5432/santral_h_harvest

Start the peer first (../shared/peer-wordpress: `bash setup.sh`, `python3 load_posts.py`).
The script drops and re-creates the database named in --database-url (PostgreSQL; it must
be one you own), migrates it, registers the WordPress site as a source of one council and
runs the harvester twice through `harvest_source` — the same function the `harvest`
command, the task and the back office's "şimdi çalıştır" call:

1. the first run: every post, page by page (100 per request, `_embed`), each one a news
   page of the council (no revisions; the new posts of each REST page written as one batch
   by santral.federation.bulk: tree paths, rows and search index at once);
2. the second, incremental run: `modified_after` in the site's local time — nothing
   changed, so nothing should be written.

Then it checks that every post arrived once (distinct GUIDs = 20 020 = pages), that the
Turkish titles are byte-for-byte those of the corpus, and that Santral's search finds
harvested posts by Turkish words. Figures go to stdout (and docs/federation.md by hand).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _django

CORPUS = Path("/var/tmp/peer-wordpress/corpus.jsonl")  # noqa: S108 (the peer's own file)
QUERIES = ["çevre", "gençlik", "kadın", "engelli", "iklim"]


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--wordpress-url", default="http://127.0.0.1:8081")
    parser.add_argument("--keep", action="store_true", help="do not re-create the database")
    parser.add_argument(
        "--limit",
        type=int,
        default=25_000,
        help="item cap of the first run (SANTRAL_HARVEST_MAX_ITEMS); below 20 020 the run "
        "takes the oldest posts and the incremental run starts from their newest change",
    )
    args = parser.parse_args()
    if not args.keep:
        recreate_database(args.database_url)
    started = time.perf_counter()
    _django.setup(args.database_url)
    print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)

    from django.conf import settings
    from django.db import connection

    from santral.content.models import NewsPage
    from santral.councils.factories import CouncilFactory
    from santral.federation.models import HarvestedItem, Source
    from santral.federation.services import harvest_source
    from santral.search.selectors import search

    settings.SANTRAL_HARVEST_ALLOW_LOOPBACK = True  # the peer listens on 127.0.0.1
    settings.SANTRAL_HARVEST_MAX_ITEMS = args.limit
    settings.SANTRAL_HARVEST_TOTAL_TIMEOUT = 120

    stamp = int(time.time())
    council = CouncilFactory(name=f"Peer Kent Konseyi {stamp}", slug=f"peer-{stamp}")
    source = Source.objects.create(
        council=council,
        kind="wordpress",
        url=args.wordpress_url,
        name="Peer WordPress",
        licence="CC BY 4.0",
    )
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)

    started = time.perf_counter()
    first = harvest_source(source)
    first_seconds = time.perf_counter() - started
    print(
        f"first run: {first.status}, fetched {first.fetched}, created {first.created}, "
        f"errors {first.errors} {first.last_error[:200]!r} — {first_seconds:.1f} s, "
        f"{first.created / first_seconds:.1f} items/s",
        flush=True,
    )

    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)

    source.refresh_from_db()
    if first.status == "ok" and source.modified_after is None:
        # A capped first run sets no high-water mark (it has not seen every post); to time
        # the incremental run anyway, start it from the site's newest change, as a complete
        # first run would have.
        import urllib.request
        from datetime import UTC, datetime

        address = f"{args.wordpress_url}/wp-json/wp/v2/posts?orderby=modified&order=desc&per_page=1"
        with urllib.request.urlopen(address, timeout=60) as response:  # noqa: S310
            newest = json.loads(response.read())[0]["modified_gmt"]
        source.modified_after = datetime.fromisoformat(newest).replace(tzinfo=UTC)
        source.save(update_fields=["modified_after"])
        print(f"capped first run: incremental run starts from {source.modified_after}")
    started = time.perf_counter()
    second = harvest_source(source)
    second_seconds = time.perf_counter() - started
    print(
        f"second run: {second.status}, fetched {second.fetched}, created {second.created}, "
        f"updated {second.updated}, withdrawn {second.withdrawn} — {second_seconds:.2f} s",
        flush=True,
    )

    guids = HarvestedItem.objects.filter(source=source).values("guid").distinct().count()
    pages = NewsPage.objects.filter(is_harvested=True, council=council, live=True).count()
    print(f"distinct guids {guids}, live harvested pages {pages}")
    if CORPUS.exists():
        # WordPress renders titles through wptexturize (' → ’); otherwise byte for byte.
        titles = {
            json.loads(line)["title"].replace("'", "\u2019")
            for line in CORPUS.open(encoding="utf-8")
        }
        stored = list(NewsPage.objects.filter(council=council).values_list("title", flat=True))
        found = sum(title in titles for title in stored)
        print(f"harvested titles found in the corpus byte for byte: {found} of {len(stored)}")
    for query in QUERIES:
        result = search(user=None, query=query, facets=False, snippets=False)
        harvested = sum(1 for hit in result.hits if hit.document.kind == "news")
        print(f"search {query!r}: {result.count} hits, first page news hits {harvested}")
    print(f"database: {connection.vendor}")


if __name__ == "__main__":
    main()
