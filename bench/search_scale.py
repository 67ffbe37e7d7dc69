#!/usr/bin/env python3
"""Search at scale: indexing throughput, index size and query latency on a large index.

    # the issue's sizes (long: an hour or more on a small machine)
    .venv/bin/python bench/search_scale.py --items 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/santral_scale
    .venv/bin/python bench/search_scale.py --items 200000          # SQLite file in var/bench/
    # a bounded run
    .venv/bin/python bench/search_scale.py --items 50000

The SQLite file (var/bench/scale.sqlite3, about 18 KB an item) is deleted at the
end and the PostgreSQL index emptied (VACUUM FULL gives the disk back) unless
--keep is given (then --skip-index reuses it).

Items are realistic Turkish council news (the WordPress peer's deterministic
generator: 150-400 words, Turkish vocabulary, inflected forms, capitals), indexed
through ``bulk_index`` (what ``search_rebuild`` runs; --workers analysis processes)
in batches, so the measured rate includes our Turkish analysis in Python and the
database writes (inside ``bulk_loading()``, as
``manage.py search_rebuild`` does: the full-text indexes are built once at the
end and that time is included; generating the corpus is not). Queries run through
``santral.search.selectors.search`` (the page's and API's function):

* "search": ranked first page of 10 + total count (what search-as-you-type needs);
* "full": the same plus the six facet counts and highlighted snippets;
* a word found in more than 10 % of the items, top 10;
* the same common word as hand-written SQL, for our overhead: the one full-text
  query that gives the same top 10 (the best level, the title holding the word as
  typed, newest first), and the
  textbook "rank every match" query (bm25 / ts_rank) for reference.
Each query runs --repeat times after a warm-up; medians and p95 are over all runs.
"""

import argparse
import os
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
# Misspelt queries (issue 18): one or two edits, swapped neighbours, dotless-i slips, a
# misspelt word beside a right one; each finds through typo tolerance.
TYPO_QUERIES = [
    "mecilsi",
    "gençlik mecilsi",
    "toplnatı",
    "değerlendridi",
    "katılımclar",
    "temsilcilri",
    "kooperatıf",
    "bisiklt yolları",
    "iklim değişikliğ",
    "şefaflık",
    "ögrencilerin",
    "engelli bireylr",
    "afet hazırlk planı",
    "kent ormnı",
    "mahalle ödeneyi",
    "işarret dili",
    "sifir atık",
    "gonulluelr",
    "çalıştya",
    "yonetim kurlu",
]
# What search-as-you-type asks while a word is typed (the suggest view: words and titles).
SUGGEST_QUERIES = [
    "kad",
    "mecl",
    "meclsi",
    "topla",
    "toplnt",
    "katılımc",
    "belediy",
    "gönüll",
    "bisikl",
    "iklim değ",
    "kent orm",
    "şeffa",
    "öğrenc",
    "kooper",
    "engelli bir",
]
COMMON = "toplantı"
# Items generated, then indexed in one timed bulk_index call.
CHUNK = 20_000


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
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="analysis processes (0: none)"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-index", action="store_true", help="reuse the index already there")
    parser.add_argument("--keep", action="store_true", help="keep the index (and file) afterwards")
    parser.add_argument("--peer", default=str(PEER))
    args = parser.parse_args()

    root = Path(__file__).resolve().parent.parent
    (root / "var/bench").mkdir(parents=True, exist_ok=True)
    sqlite_file = root / "var/bench/scale.sqlite3"
    database_url = args.database_url or f"sqlite:///{sqlite_file}"
    _django.setup(database_url)
    sys.path.insert(0, args.peer)
    import corpus
    from django.db import connection
    from django.utils.timezone import make_aware

    from santral.search.analysis import parse_query
    from santral.search.backends import BODY, get_backend
    from santral.search.indexing import bulk_index, bulk_loading, clear_index
    from santral.search.models import SearchDocument, SearchWord, SearchWordKey
    from santral.search.providers import IndexEntry, register_kind_label
    from santral.search.selectors import completions, search, suggestions

    register_kind_label("post", "Yazı")
    backend = get_backend()
    print(f"database: {connection.vendor}; items wanted: {args.items}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.skip_index:
        clear_index()
        spent = 0.0  # in Santral's code only, not in the corpus generator
        chunk: list = []
        done = 0

        def flush() -> None:
            nonlocal done, spent
            started = time.perf_counter()
            done += bulk_index(chunk, batch_size=args.batch, workers=args.workers)
            spent += time.perf_counter() - started
            chunk.clear()
            print(f"  {done} items, {done / spent:.0f} items/s", file=sys.stderr)

        with bulk_loading():
            for post in corpus.generate(args.items):
                if post["needle"] is not None:
                    continue
                chunk.append(
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
                if len(chunk) >= CHUNK:
                    flush()
            flush()
            finishing = time.perf_counter()
        spent += time.perf_counter() - finishing
        print(
            f"indexing: {done} items in {spent:.1f} s = {done / spent:.0f} items/s "
            f"(analysis with {args.workers} worker processes, writes and the final index "
            "build; generating the corpus is not counted)"
        )
    total = SearchDocument.objects.count()
    size = backend.size_bytes()
    print(f"index: {total} items, {size / 2**20:.0f} MiB (table, full-text index, vocabulary)")
    print(
        f"vocabulary: {SearchWord.objects.count()} words (folded and Turkish forms), "
        f"{SearchWordKey.objects.count()} dictionary keys, "
        f"{backend.vocabulary_bytes() / 2**20:.1f} MiB"
    )

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

    runs = []
    typo_hits = 0
    for query in TYPO_QUERIES:
        found = search(user=None, query=query, page_size=10, facets=False, snippets=False)
        typo_hits += bool(found.count)
        runs += timed(
            lambda q=query: search(user=None, query=q, page_size=10, facets=False, snippets=False),
            args.repeat,
        )
    print(
        f"typo   misspelt queries ({len(TYPO_QUERIES)} x {args.repeat}, {typo_hits} find "
        f"something): median {statistics.median(runs):.1f} ms, p95 {percentile(runs, 0.95):.1f} ms"
    )

    def suggest(query: str) -> None:
        suggestions(user=None, query=query)
        completions(query=query)

    runs = []
    for query in SUGGEST_QUERIES:
        suggest(query)  # warm
        runs += timed(lambda q=query: suggest(q), args.repeat)
    print(
        f"suggestions while typing ({len(SUGGEST_QUERIES)} x {args.repeat}, words and titles): "
        f"median {statistics.median(runs):.1f} ms, p95 {percentile(runs, 0.95):.1f} ms"
    )

    common = search(user=None, query=COMMON, page_size=10, facets=False, snippets=False)
    with connection.cursor() as cursor:
        condition, params = backend.match(parse_query(COMMON), BODY)
        cursor.execute(f"SELECT COUNT(*) FROM {backend.source} WHERE {condition}", params)
        really = cursor.fetchone()[0]
    share_text = f"{really}, {100 * really / max(total, 1):.0f} %"
    ours = timed(
        lambda: search(user=None, query=COMMON, page_size=10, facets=False, snippets=False),
        args.repeat,
    )
    ours_full = timed(lambda: search(user=None, query=COMMON, page_size=10), args.repeat)
    if connection.vendor == "postgresql":
        same = (
            "SELECT id FROM search_searchdocument WHERE title_vector @@ CAST(%s AS tsquery) "
            "ORDER BY day DESC NULLS LAST, id DESC LIMIT 10"
        )
        same_param = "'0toplantı'"
        textbook = (
            "SELECT id FROM search_searchdocument, CAST(%s AS tsquery) q "
            "WHERE vector @@ q ORDER BY ts_rank(vector, q) DESC LIMIT 10"
        )
        textbook_param = "'0toplantı':*"
    else:
        same = (
            "SELECT rowid % 10000000000 FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT 10"
        )
        same_param = 'title_t : "toplantı"'
        textbook = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY bm25(search_fts) LIMIT 10"
        )
        textbook_param = '{title_t body_t} : "toplantı"*'

    def handwritten(sql: str, param: str):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("%", "%%").replace("%%s", "%s"), [param])
                return [row[0] for row in cursor.fetchall()]

        return run

    same_ids = handwritten(same, same_param)()
    ours_ids = [hit.document.pk for hit in common.hits]
    hand = timed(handwritten(same, same_param), args.repeat)
    book = timed(handwritten(textbook, textbook_param), max(1, min(3, args.repeat)))
    print(
        f"common word {COMMON!r} in {common.count}{'+' if common.count_is_capped else ''} "
        f"items (really {share_text}), top 10: search median {statistics.median(ours):.1f} ms, "
        f"with facets and snippets {statistics.median(ours_full):.1f} ms"
    )
    print(
        f"  hand-written SQL for the same top 10 ({'same' if same_ids == ours_ids else 'OTHER'} "
        f"ids): {statistics.median(hand):.1f} ms (our overhead: ratio "
        f"{statistics.median(ours) / max(statistics.median(hand), 0.001):.1f}); textbook "
        f"'rank every match' SQL: {statistics.median(book):.1f} ms"
    )
    print(f"  same top 10: {same} -- {same_param}")
    print(f"  textbook: {textbook} -- {textbook_param}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    if not args.keep:
        clear_index()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM FULL search_searchdocument")
                cursor.execute("VACUUM FULL search_searchtopic")
        else:
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        print("index emptied (--keep keeps it)")


if __name__ == "__main__":
    main()
