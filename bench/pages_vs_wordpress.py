#!/usr/bin/env python3
"""Page throughput beside the WordPress peer, in one run, with the same 20 020-post corpus.

    .venv/bin/python bench/pages_vs_wordpress.py \
        --database-url postgres://postgres@127.0.0.1:5432/santral_pages

Loads the peer's corpus (../shared/peer-wordpress, `load_posts.py --jsonl-only`) as news
pages of the demo's Adana council (categories become topics), rebuilds the search index,
serves Santral with gunicorn (as many workers as the peer's php-fpm children) and runs the
peer's own wrk command line against the four page types the peer measures — home, a single
post (id 11000), a category archive (çevre ve iklim) and a search for "çevre" — first on
WordPress (http://127.0.0.1:8081, started with the peer's setup.sh; skipped with a note when
it is not running), then on Santral with its page cache (Redis, as in production), then with a
cookie (which bypasses the page cache, as signing in does; data fragments still cached),
then with every cache off. Prints one table with req/s, p50
and p99 and the ratio to WordPress.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _django

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peer-wordpress"
WRK_ARGS = "-t2 -c16 -d20s --timeout 10s"  # the peer's measure.sh default
WRK = shutil.which("wrk") or "/usr/bin/wrk"  # Debian's wrk, installed by the peer's setup.sh
SINGLE_POST_ID = 11000  # the post measure.sh uses
COUNCIL_SLUG = "adana-buyuksehir"


def load_corpus(path: Path) -> list[dict]:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(PEER / "load_posts.py"), "--jsonl-only", str(path)], check=True
        )
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def build(posts: list[dict]) -> None:
    """The corpus as published news pages (bulk rows, as bench/content_pages.py does)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils.timezone import make_aware
    from wagtail.models import Locale, Page

    from santral.content.models import NewsPage, Topic
    from santral.councils.models import CouncilHomePage

    sys.path.insert(0, str(PEER))
    import corpus  # the peer's categories

    if not CouncilHomePage.objects.filter(council__slug=COUNCIL_SLUG).exists():
        call_command("load_demo", force=True, verbosity=0)
    home = CouncilHomePage.objects.get(council__slug=COUNCIL_SLUG)
    if NewsPage.objects.filter(slug__startswith="yazi-").count() >= len(posts):
        print(f"corpus already loaded: {len(posts)} posts")
        return
    topics = {
        slug: Topic.objects.get_or_create(name=name)[0] for slug, name in corpus.CATEGORIES.items()
    }
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    started = time.perf_counter()
    with transaction.atomic():
        home = CouncilHomePage.objects.select_for_update().get(pk=home.pk)
        pages = []
        for number, post in enumerate(posts, start=home.numchild + 1):
            slug = f"yazi-{post['id']}"
            at = make_aware(datetime.strptime(post["date"], "%Y-%m-%d %H:%M:%S"))
            pages.append(
                Page(
                    path=Page._get_path(home.path, home.depth + 1, number),
                    depth=home.depth + 1,
                    numchild=0,
                    title=post["title"],
                    draft_title=post["title"],
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
            )
        Page.objects.bulk_create(pages, batch_size=2000)
        children, links = [], []
        through = NewsPage.topics.through
        for page, post in zip(pages, posts, strict=True):
            paragraphs = post["plain"].split("\n")
            children.append(
                NewsPage(
                    page_ptr_id=page.pk,
                    council_id=home.council_id,
                    intro=paragraphs[0][:300],
                    body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
                    scope="local",
                    language="tr",
                    is_shared=False,
                    is_archived=False,
                    is_listed=True,
                    search_text=post["plain"],
                )
            )
            links.append(through(newspage_id=page.pk, topic=topics[post["category"]]))
        fields = [f for f in NewsPage._meta.local_concrete_fields if f.name != "page_ptr"]
        fields.append(NewsPage._meta.get_field("page_ptr"))
        NewsPage.objects.all()._batched_insert(children, fields, batch_size=2000)
        through.objects.bulk_create(links, batch_size=5000)
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + len(pages))
    print(f"loaded {len(posts)} posts as news pages in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command("search_rebuild", verbosity=0)
    print(f"search index rebuilt in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def santral_urls() -> dict[str, str]:
    from santral.content.models import NewsPage

    post = NewsPage.objects.get(slug=f"yazi-{SINGLE_POST_ID}")
    topic = post.topics.get()
    return {
        "home": "/",
        "single": post.url,
        "category": f"/haberler/?konu={topic.slug}",
        "search": "/arama/?q=%C3%A7evre",
    }


def wordpress_urls(base: str) -> dict[str, str] | None:
    try:
        with urllib.request.urlopen(f"{base}/?p={SINGLE_POST_ID}", timeout=10) as response:  # noqa: S310
            single = response.geturl()
    except OSError:
        return None
    return {
        "home": f"{base}/",
        "single": single,
        "category": f"{base}/category/cevre-ve-iklim/",
        "search": f"{base}/?s=%C3%A7evre",
    }


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, wrk_args: str, cookie: str = "") -> dict:
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(5):  # warm caches, as measure.sh does
        warm = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
        urllib.request.urlopen(warm, timeout=30).read()  # noqa: S310 (loopback)
    extra = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        [WRK, *wrk_args.split(), *extra, "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_santral(database_url: str, workers: int, cache_seconds: int, cache_url: str):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "PAGE_CACHE_SECONDS": str(cache_seconds),
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=2)  # noqa: S310 (loopback)
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not answer in 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/santral_pages"
    )
    parser.add_argument("--corpus", default=str(ROOT / "var" / "bench" / "wp-corpus.jsonl"))
    parser.add_argument("--wordpress", default="http://127.0.0.1:8081")
    parser.add_argument("--wrk-args", default=WRK_ARGS)
    parser.add_argument("--workers", type=int, default=5, help="php-fpm's pool size in the peer")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()

    if args.database_url.startswith("postgres"):
        from content_pages import ensure_database

        ensure_database(args.database_url)
    _django.setup(args.database_url)
    build(load_corpus(Path(args.corpus)))
    paths = santral_urls()

    results: dict[str, dict[str, dict]] = {}
    wordpress = wordpress_urls(args.wordpress)
    if wordpress is None:
        print(
            f"WordPress is not answering on {args.wordpress}: run ../shared/peer-wordpress/setup.sh"
        )
    else:
        results["WordPress"] = {name: wrk(url, args.wrk_args) for name, url in wordpress.items()}
    modes = (
        ("Santral, page cache", 300, ""),
        # A cookie (here the display choice) bypasses the page cache, as a signed-in user
        # does; the per-generation fragments still serve.
        ("Santral, with a cookie", 300, "santral_gorunum=kontrast"),
        ("Santral, no caches", 0, ""),
    )
    for label, seconds, cookie in modes:
        if seconds:
            import redis

            redis.Redis.from_url(args.cache_url).flushdb()
        server, base = serve_santral(args.database_url, args.workers, seconds, args.cache_url)
        try:
            results[label] = {
                name: wrk(base + path, args.wrk_args, cookie) for name, path in paths.items()
            }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    print(
        f"\nwrk {args.wrk_args}; Santral: gunicorn × {args.workers}, {args.database_url.split('://')[0]}"
    )
    print(
        f"{'page':10} {'system':24} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs WordPress':>13}"
    )
    for name in paths:
        base_rps = results.get("WordPress", {}).get(name, {}).get("rps")
        for label, pages in results.items():
            row = pages[name]
            ratio = f"{row['rps'] / base_rps:.1f}×" if base_rps else "—"
            errors = f"  ({row['errors']} non-2xx)" if row["errors"] else ""
            print(
                f"{name:10} {label:24} {row['rps']:9.1f} {row['p50']:8.1f} {row['p99']:8.1f} "
                f"{ratio:>13}{errors}"
            )


if __name__ == "__main__":
    main()
