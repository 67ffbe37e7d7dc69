"""WordPress REST API (/wp-json/wp/v2/posts), one page at a time. A site whose API is shut
off still has /feed/: that is parse_feed (its "?p=123" guids become "wp:123" there too)."""

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

from santral.federation.items import HarvestedEntry, ParsedPage

from .common import (
    AUTHOR_MAX,
    SUMMARY_MAX,
    ParseError,
    categories_of,
    clean_title,
    parse_iso_datetime,
    plain_text,
    safe_url,
    truncate,
)

MALFORMED = _("WordPress yanıtı okunamadı: yazı listesi (JSON) bekleniyordu.")

# WordPress compares modified_after with the site's local time, not UTC: asking from a day
# earlier covers every zone; items seen again are recognised by their guid.
MODIFIED_AFTER_MARGIN = timedelta(days=1)


def wordpress_posts_url(
    site_url: str,
    *,
    page: int = 1,
    per_page: int = 100,
    modified_after: datetime | None = None,
) -> str:
    """The REST URL of one page of a site's published posts, oldest id first (a stable order
    while the site changes), with authors and terms embedded. `modified_after` (aware) asks
    only for posts changed since then, less MODIFIED_AFTER_MARGIN."""
    parts = urlsplit(site_url.strip())
    path = parts.path.rstrip("/") + "/wp-json/wp/v2/posts"
    query = [
        ("page", str(max(1, page))),
        ("per_page", str(min(max(1, per_page), 100))),
        ("orderby", "id"),
        ("order", "asc"),
        ("_embed", "author,wp:term"),
    ]
    if modified_after is not None:
        since = (modified_after - MODIFIED_AFTER_MARGIN).astimezone(UTC)
        query.append(("modified_after", since.strftime("%Y-%m-%dT%H:%M:%S")))
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def wordpress_feed_url(site_url: str) -> str:
    """The site's RSS feed (/feed/), for when its REST API is shut off: read it with
    parse_feed."""
    parts = urlsplit(site_url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/feed/", "", ""))


def _rendered(post: dict, name: str) -> str:
    value = post.get(name)
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def _embedded(post: dict) -> dict:
    embedded = post.get("_embedded")
    return embedded if isinstance(embedded, dict) else {}


def _author(post: dict) -> str:
    authors = _embedded(post).get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = plain_text(authors[0].get("name"))
        if name:
            return truncate(name, AUTHOR_MAX)
    author = post.get("author")
    return str(author) if isinstance(author, int) and not isinstance(author, bool) else ""


def _terms(post: dict, taxonomy: str, ids_field: str) -> tuple[str, ...]:
    groups = _embedded(post).get("wp:term")
    names = []
    if isinstance(groups, list):
        for group in groups:
            for term in group if isinstance(group, list) else []:
                if isinstance(term, dict) and term.get("taxonomy") == taxonomy:
                    names.append(term.get("name"))
    if names:
        return categories_of(names)
    ids = post.get(ids_field)
    if taxonomy == "category" and isinstance(ids, list):
        return categories_of(str(i) for i in ids if isinstance(i, int))
    return ()


def _post(post: object) -> HarvestedEntry | None:
    if not isinstance(post, dict):
        return None
    post_id = post.get("id")
    if not isinstance(post_id, int) or isinstance(post_id, bool) or post_id < 0:
        return None
    content = _rendered(post, "content")
    summary = truncate(plain_text(_rendered(post, "excerpt")) or plain_text(content), SUMMARY_MAX)
    title = clean_title(_rendered(post, "title"), fallback=summary)
    if not title:
        return None
    published = parse_iso_datetime(post.get("date_gmt"))  # UTC, written without "Z"
    modified = parse_iso_datetime(post.get("modified_gmt")) or published
    tags = _terms(post, "post_tag", "tags")
    return HarvestedEntry(
        guid=f"wp:{post_id}",
        kind="news",
        title=title,
        url=safe_url(post.get("link")),
        summary=summary,
        body_html=content,
        published_at=published or modified,
        updated_at=modified,
        author=_author(post),
        categories=_terms(post, "category", "categories"),
        extra={"tags": list(tags)} if tags else {},
    )


def _with_page(page_url: str, page: int) -> str:
    parts = urlsplit(page_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    query.insert(0, ("page", str(page)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def parse_wordpress_posts(
    body: bytes, *, page_url: str, total_pages: int | None, max_items: int
) -> ParsedPage:
    """The posts of one REST page, at most `max_items`. `next_url` is the same URL with the
    next page number while `page` < `total_pages` (the X-WP-TotalPages header the caller
    read), else "". ParseError when the body is not a JSON list."""
    try:
        posts = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise ParseError(MALFORMED) from exc
    if not isinstance(posts, list):
        raise ParseError(MALFORMED)
    entries: list[HarvestedEntry] = []
    for post in posts:
        if len(entries) >= max_items:
            break
        entry = _post(post)
        if entry is not None:
            entries.append(entry)
    page_param = dict(parse_qsl(urlsplit(page_url).query)).get("page", "1")
    page = int(page_param) if page_param.isdigit() else 1
    next_url = ""
    if total_pages is not None and page < total_pages and posts:
        next_url = _with_page(page_url, page + 1)
    return ParsedPage(entries=entries, next_url=next_url, total_pages=total_pages)
