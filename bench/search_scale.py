#!/usr/bin/env python3
"""Search at scale: indexing throughput, index size and query latency on a large index.

    # the issue's sizes (long: an hour or more on a small machine)
    .venv/bin/python bench/search_scale.py --items 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/santral_scale
    .venv/bin/python bench/search_scale.py --items 200000          # SQLite file in var/bench/
    # a bounded run
    .venv/bin/python bench/search_scale.py --items 50000

Items are realistic Turkish council news (the WordPress peer's deterministic
generator: 150-400 words, Turkish vocabulary, inflected forms, capitals), indexed
through ``index_entries`` in batches, so the measured rate includes our Turkish
analysis in Python and the database writes. Queries run through
``santral.search.selectors.search`` (the page's and API's function):

* "search": ranked first page of 10 + total count (what search-as-you-type needs);
* "full": the same plus the six facet counts and highlighted snippets;
* a word found in more than 10 % of the items, top 10;
* the same common word as the simplest hand-written full-text SQL, for our overhead.
"""

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _django

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer-wordpress"
QUERIES = [
    "kadın",
    "cevre",
    "bütçe raporu",
    "gençlik meclisi",
    "istanbul",
    "ılık",
    "engelli bireyler",
    "sifir atik",
    "kent ormanı",
    "öğrencilerin",
    "iklim değişikliği",
    "kooperatif",
    "bisiklet yolları",
    "şeffaflık",
    "sagligi",
    "ISPARTA",
    "afet hazırlık planı",
    "işaret dili",
    "gonullu",
    "mahalle ödeneği",
]
COMMON = "toplantı"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-index", action="store_true", help="reuse the index already there")
    parser.add_argument("--peer", default=str(PEER))
    args = parser.parse_args()

    root = Path(__file__).resolve().parent.parent
    (root / "var/bench").mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{root / 'var/bench/scale.sqlite3'}"
    _django.setup(database_url)
    sys.path.insert(0, args.peer)
    import corpus
    from django.db import connection
    from django.utils.timezone import make_aware

    from santral.search.backends import get_backend
    from santral.search.indexing import clear_index, index_entries
    from santral.search.models import SearchDocument
    from santral.search.providers import IndexEntry, register_kind_label
    from santral.search.selectors import search

    register_kind_label("post", "Yazı")
    backend = get_backend()
    print(f"database: {connection.vendor}; items wanted: {args.items}")
    if not args.skip_index:
        clear_index()
        started = time.perf_counter()
        batch = []
        done = 0
        for post in corpus.generate(args.items):
            if post["needle"] is not None:
                continue
            batch.append(
                (
                    f"bench:{post['id']}",
                    IndexEntry(
                        kind="post",
                        title=post["title"],
                        url=f"/p/{post['id']}/",
                        body=post["plain"],
                        topics=(corpus.CATEGORIES[post["category"]],),
                        date=make_aware(datetime.strptime(post["date"], "%Y-%m-%d %H:%M:%S")),
                    ),
                )
            )
            if len(batch) >= args.batch:
                done += index_entries(batch, replace=False)
                batch = []
                if done % (args.batch * 10) == 0:
                    rate = done / (time.perf_counter() - started)
                    print(f"  {done} items, {rate:.0f} items/s", file=sys.stderr)
        done += index_entries(batch, replace=False)
        seconds = time.perf_counter() - started
        print(f"indexing: {done} items in {seconds:.1f} s = {done / seconds:.0f} items/s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = SearchDocument.objects.count()
    size = backend.size_bytes()
    print(f"index: {total} items, {size / 2**20:.0f} MiB (table, full-text index, vocabulary)")

    def timed(function, repeat: int) -> list[float]:
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            function()
            runs.append((time.perf_counter() - started) * 1000)
        return runs

    for name, options in (
        ("search", dict(facets=False, snippets=False)),
        ("full", dict(facets=True, snippets=True)),
    ):
        runs = []
        for query in QUERIES:
            search(user=None, query=query, page_size=10, **options)  # warm
            runs += timed(
                lambda q=query, o=options: search(user=None, query=q, page_size=10, **o),
                args.repeat,
            )
        print(
            f"{name:6s} 1-3 word queries ({len(QUERIES)} x {args.repeat}): "
            f"median {statistics.median(runs):.1f} ms, p95 {percentile(runs, 0.95):.1f} ms"
        )

    common = search(user=None, query=COMMON, page_size=10, facets=False, snippets=False)
    share = common.count / max(total, 1)
    ours = timed(
        lambda: search(user=None, query=COMMON, page_size=10, facets=False, snippets=False),
        args.repeat,
    )
    ours_full = timed(lambda: search(user=None, query=COMMON, page_size=10), args.repeat)
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM search_searchdocument, CAST(%s AS tsquery) q "
            "WHERE vector @@ q ORDER BY ts_rank(vector, q) DESC LIMIT 10"
        )
        param = "'toplanti':*"
    else:
        sql = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY bm25(search_fts) LIMIT 10"
        )
        param = '{title_a body_a} : "toplanti"*'

    def handwritten():
        with connection.cursor() as cursor:
            cursor.execute(sql, [param])
            cursor.fetchall()

    hand = timed(handwritten, args.repeat)
    print(
        f"common word {COMMON!r} in {common.count} items ({100 * share:.0f} %), top 10: "
        f"search median {statistics.median(ours):.1f} ms, with facets and snippets "
        f"{statistics.median(ours_full):.1f} ms; hand-written SQL {statistics.median(hand):.1f} ms "
        f"(ratio {statistics.median(ours) / statistics.median(hand):.2f})"
    )
    print(f"hand-written SQL: {sql} -- {param}")


if __name__ == "__main__":
    main()
