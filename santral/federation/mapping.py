"""From a parsed entry to the fields of a news or event page: sanitised, attributed, hashed.

Pure functions (topics aside): no network, and the only database reads are the source's
topic rules, loaded once per run (`TopicRules`).
"""

import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

import nh3
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from santral.content.models import Topic
from santral.content.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from santral.core.text import clean_name, turkish_lower, turkish_slugify

from .items import HarvestedEntry

TITLE_MAX = 255
INTRO_MAX = 1000
VENUE_MAX = 200
# Only links and images to the web and mail survive; everything else is text.
URL_SCHEMES = {"http", "https", "mailto"}
WHITESPACE = re.compile(r"\s+")


def sanitize_harvested_html(value: str) -> str:
    """Untrusted HTML → the content app's safe subset; links get rel="nofollow noopener".

    (The stored rich text drops `rel`; item pages of harvested content render with
    `safe_richtext_nofollow`, which puts it back on output.)
    """
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def plain_text(value: str) -> str:
    return WHITESPACE.sub(" ", html.unescape(strip_tags(value or ""))).strip()


def aware_utc(value: datetime | None) -> datetime | None:
    """Every stored date is aware UTC; a naive one (a parser's slip) is taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@dataclass(frozen=True)
class TopicRules:
    """keyword (folded) → Topic, plus the source's default topics."""

    rules: tuple[tuple[str, Topic], ...]
    defaults: tuple[Topic, ...]

    @classmethod
    def for_source(cls, source) -> "TopicRules":
        wanted = {str(slug) for slug in (source.topic_rules or {}).values()}
        by_slug = {topic.slug: topic for topic in Topic.objects.filter(slug__in=wanted)}
        rules = tuple(
            (turkish_lower(str(keyword)), by_slug[str(slug)])
            for keyword, slug in (source.topic_rules or {}).items()
            if str(slug) in by_slug and str(keyword).strip()
        )
        return cls(rules=rules, defaults=tuple(source.default_topics.all()))

    def topics_for(self, entry: HarvestedEntry) -> list[Topic]:
        haystack = turkish_lower(" ".join([entry.title, entry.summary, *entry.categories]))
        found = {topic.pk: topic for topic in self.defaults}
        for keyword, topic in self.rules:
            if keyword in haystack:
                found[topic.pk] = topic
        return sorted(found.values(), key=lambda topic: topic.pk)


@dataclass(frozen=True)
class MappedItem:
    """The page fields of one entry; `digest` changes exactly when they do."""

    kind: str  # "news" | "event"
    fields: dict
    topics: tuple[Topic, ...]
    first_published_at: datetime | None
    digest: str


def _kind(entry: HarvestedEntry, source) -> str:
    if entry.kind == "event" or (entry.kind == "news" and source.maps_to == "event"):
        return "event" if entry.starts_at is not None else "news"
    return "news"


def entry_slug(entry: HarvestedEntry) -> str:
    """A readable slug, unique among siblings by the GUID's hash (no lookup needed)."""
    base = turkish_slugify(entry.title, max_length=60) or "oge"
    return f"{base}-{hashlib.sha256(entry.guid.encode()).hexdigest()[:8]}"


def map_entry(entry: HarvestedEntry, *, source, rules: TopicRules) -> MappedItem:
    """The fields a page gets from this entry. Raises ValueError (Turkish) when unusable."""
    title = clean_name(entry.title or "")[:TITLE_MAX].strip()
    if not title:
        raise ValueError(_("Başlığı boş bir öğe alınmadı."))
    body = sanitize_harvested_html(entry.body_html)
    intro = plain_text(entry.summary) or plain_text(body)
    kind = _kind(entry, source)
    url = entry.origin_url or entry.url
    if url and urlparse(url).scheme not in ("http", "https"):
        url = ""
    attribution = entry.origin_council or source.name
    fields = {
        "title": title,
        "intro": intro[:INTRO_MAX],
        "body": body,
        "scope": source.scope,
        "language": entry.language if entry.language in ("tr", "en", "ar", "ku") else "tr",
        "original_url": url[:1000],
        "source_name": clean_name(attribution)[:255],
        "source_author": clean_name(entry.author or "")[:255],
        "source_licence": (entry.extra.get("licence") or source.licence or "")[:255],
    }
    if kind == "event":
        starts = aware_utc(entry.starts_at)
        ends = aware_utc(entry.ends_at) or starts
        if ends < starts:
            ends = starts
        fields.update(
            start_at=starts,
            end_at=ends,
            venue=(clean_name(entry.location or "") or _("Belirtilmemiş"))[:VENUE_MAX],
        )
    topics = rules.topics_for(entry)
    published = aware_utc(entry.published_at) or aware_utc(entry.updated_at)
    payload = {
        **{
            key: value.isoformat() if isinstance(value, datetime) else value
            for key, value in fields.items()
        },
        "kind": kind,
        "topics": [topic.pk for topic in topics],
        "published": published.isoformat() if published else None,
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return MappedItem(
        kind=kind,
        fields=fields,
        topics=tuple(topics),
        first_published_at=published,
        digest=digest,
    )
