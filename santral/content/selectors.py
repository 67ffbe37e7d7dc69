"""Reads for content: public lists with filters, hub items, activity. Relations pre-loaded.

Every public read starts from `listed()` (live and not archived); drafts and
archived items never reach a list, a feed or the API.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import get_language

from santral.core.registry import ActivityItem
from santral.core.text import turkish_capfirst_text
from santral.councils.models import Council, Province

from .models import (
    TRANSLATION_LANGUAGES,
    DocumentPage,
    Language,
    NewsPage,
    PublicationPage,
    Reshare,
    SantralContentPage,
    Topic,
    TranslationVariant,
    text_direction,
)

EASY_READ_PARAM = "surum"
EASY_READ_VALUE = "kolay"


@dataclass(frozen=True)
class ListKind:
    """One public list: its model, URL segment, ordering and the field its type/year filter use."""

    key: str
    model: type
    segment: str
    ordering: tuple[str, ...]
    year_field: str
    type_field: str = ""
    extra_related: tuple[str, ...] = field(default_factory=tuple)


LIST_KINDS: dict[str, ListKind] = {
    "news": ListKind(
        "news",
        NewsPage,
        "haberler",
        ("-first_published_at", "-pk"),
        "first_published_at",
        extra_related=("lead_image",),
    ),
    "documents": ListKind(
        "documents",
        DocumentPage,
        "belgeler",
        ("-document_date", "-pk"),
        "document_date",
        type_field="document_type",
    ),
    "publications": ListKind(
        "publications",
        PublicationPage,
        "yayinlar",
        ("-first_published_at", "-pk"),
        "first_published_at",
        type_field="publication_kind",
        extra_related=("cover_image",),
    ),
}


def register_list_kind(kind: ListKind) -> None:
    """Higher apps (events) add their list kind so the shared list machinery serves them."""
    LIST_KINDS[kind.key] = kind


def public_items(
    model: type,
    *,
    council: Council | None = None,
    include_reshared: bool = True,
    extra_related: tuple[str, ...] = (),
) -> QuerySet:
    """Published, non-archived items of one type, with council, province and topics loaded.

    With a council: its own items plus the shared items it re-shared from others.
    """
    items = model.objects.listed()
    if hasattr(model, "is_public"):
        items = items.filter(is_public=True)
    if council is not None:
        own = Q(council=council)
        if include_reshared:
            # A literal id list (one small query) lets PostgreSQL OR two index scans; an
            # IN (subquery) inside the OR made it scan every listed row.
            reshared = list(
                Reshare.objects.filter(council=council).values_list("page_id", flat=True)
            )
            if reshared:
                own |= Q(pk__in=reshared)
        items = items.filter(own)
    # Translations let list cards show an item in the visitor's language (one query a list).
    translations = ("translations",) if hasattr(model, "translations") else ()
    return items.select_related("council", "council__province", *extra_related).prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("sort_key")),
        *translations,
        *[f"{name}__renditions" for name in extra_related if name.endswith("_image")],
    )


def filtered_items(
    kind: ListKind,
    *,
    council: Council | None = None,
    council_slug: str = "",
    province_plate: str = "",
    scope: str = "",
    topic_slug: str = "",
    type_value: str = "",
    year: int | None = None,
    shared_only: bool = False,
) -> QuerySet:
    items = public_items(kind.model, council=council, extra_related=kind.extra_related)
    if council_slug:
        items = items.filter(council__slug=council_slug)
    if province_plate:
        items = items.filter(council__province__plate=province_plate)
    if scope:
        items = items.filter(scope=scope)
    if topic_slug:
        items = items.filter(topics__slug=topic_slug)
    if type_value and kind.type_field:
        items = items.filter(**{kind.type_field: type_value})
    if year:
        items = items.filter(**{f"{kind.year_field}__year": year})
    if shared_only:
        items = items.filter(is_shared=True)
    return items.order_by(*kind.ordering)


def councils_for_filter() -> list[tuple[str, str]]:
    """(slug, name) of every listed council, for the filter's choices."""
    return list(Council.objects.listed().order_by("sort_key").values_list("slug", "name"))


def provinces_for_filter() -> list[tuple[str, str]]:
    """(plate, name) of provinces that have a listed council."""
    return list(
        Province.objects.filter(councils__status__in=["active", "forming"])
        .order_by("sort_key")
        .values_list("plate", "name")
        .distinct()
    )


def council_by_slug(slug: str) -> Council | None:
    return (
        Council.objects.listed().select_related("province", "home_page").filter(slug=slug).first()
    )


def reshared_page_ids(council: Council) -> set[int]:
    return set(Reshare.objects.filter(council=council).values_list("page_id", flat=True))


def shared_items(limit: int = 12) -> list[SantralContentPage]:
    """Items councils shared with the network, newest first (one query per type)."""
    found: list[SantralContentPage] = []
    for kind in ("news", "documents", "publications"):
        model = LIST_KINDS[kind].model
        found.extend(
            public_items(model).filter(is_shared=True).order_by("-first_published_at")[:limit]
        )
    return sorted(found, key=lambda item: item.first_published_at, reverse=True)[:limit]


def feed_items(*, council: Council | None = None, limit: int = 30) -> list[SantralContentPage]:
    """News, documents and publications for an Atom feed, newest first."""
    found: list[SantralContentPage] = []
    for kind in ("news", "documents", "publications"):
        model = LIST_KINDS[kind].model
        found.extend(
            public_items(model, council=council, include_reshared=False).order_by(
                "-last_published_at"
            )[:limit]
        )
    return sorted(found, key=lambda item: item.last_published_at, reverse=True)[:limit]


def _as_activity(page: SantralContentPage) -> ActivityItem:
    return ActivityItem(
        title=page.title,
        url=page.url,
        kind=turkish_capfirst_text(str(page._meta.verbose_name)),
        at=page.first_published_at,
        council_name=page.council.name if page.council else "Santral",
    )


def recent_content_activity(limit: int) -> list[ActivityItem]:
    """The newest published news, documents and publications, for the home page."""
    items = []
    for kind in ("news", "documents", "publications"):
        model = LIST_KINDS[kind].model
        newest = public_items(model).order_by("-first_published_at")[:limit]
        items.extend(_as_activity(page) for page in newest)
    return items


def shared_content_activity(limit: int) -> list[ActivityItem]:
    """Items councils shared with the network, for the hub's home page."""
    return [_as_activity(page) for page in shared_items(limit)]


def sitemap_pages(limit: int = 5000) -> list[SantralContentPage]:
    pages: list[SantralContentPage] = []
    for kind in LIST_KINDS.values():
        pages.extend(
            public_items(kind.model, extra_related=()).order_by("-last_published_at")[:limit]
        )
    return pages


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: a hub-wide list of 100 000 items needs "10 000+", not an
    exact COUNT(*) over every row on each request. Older items stay reachable by filters."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        pages = super().num_pages
        return min(pages, max(1, self.cap // self.per_page))


# --- translations and easy-read versions --------------------------------------------------------


@dataclass(frozen=True)
class ContentVersion:
    """The text a reader sees: the original page or one of its translations."""

    title: str
    summary: str
    body: str
    language: str
    is_translation: bool = False
    is_easy_read: bool = False

    @property
    def lang(self) -> str:
        """The BCP 47 tag for the lang attribute ('' when the language is unknown)."""
        return "" if self.language == Language.OTHER else self.language

    @property
    def direction(self) -> str:
        return text_direction(self.language)


@dataclass(frozen=True)
class ContentVersions:
    """What an item page shows in one UI language, and where its other versions are."""

    shown: ContentVersion
    ui_language: str
    # languages the item can be read in (original first), as (code, translated name)
    available: list[tuple[str, str]]
    has_easy_read: bool
    # the language the easy-read view shows to this reader ('' when there is none)
    easy_read_language: str = ""

    @property
    def easy_read_language_name(self):
        return _language_name(self.easy_read_language) if self.easy_read_language else ""

    @property
    def is_missing_in_ui_language(self) -> bool:
        return not self.shown.is_easy_read and self.shown.language != self.ui_language

    @property
    def available_names(self) -> str:
        return ", ".join(str(name) for _code, name in self.available)

    @property
    def alternate_languages(self) -> list[str]:
        """UI languages in which the item has a full version (for hreflang links)."""
        return [code for code, _name in self.available if code in TRANSLATION_LANGUAGES]


def _language_name(code: str):
    return Language(code).label if code in Language.values else code


def content_versions(
    page: SantralContentPage, *, ui_language: str, easy_read: bool = False
) -> ContentVersions | None:
    """Choose what to show of `page` for a reader of `ui_language`.

    The standard view shows the translation into the UI language when the
    revision has one, otherwise the original (the caller shows a notice). The
    easy-read view prefers the UI language, then the original's, then Turkish;
    None when the item has no easy-read version at all (the view answers 404).
    Works on the live page (published rows) and on a preview revision alike.
    """
    translations = page.translation_list()
    standard = {t.language: t for t in translations if t.variant == TranslationVariant.STANDARD}
    easy = {t.language: t for t in translations if t.variant == TranslationVariant.EASY_READ}
    available = [(page.language, _language_name(page.language))]
    available += [
        (code, _language_name(code))
        for code in TRANSLATION_LANGUAGES
        if code in standard and code != page.language
    ]
    easy_choice = next(
        (easy[code] for code in (ui_language, page.language, "tr") if code in easy),
        next(iter(easy.values()), None),
    )
    if easy_read:
        chosen = easy_choice
        if chosen is None:
            return None
    else:
        chosen = standard.get(ui_language) if ui_language != page.language else None
    if chosen is None:
        shown = ContentVersion(page.title, page.intro, page.body, page.language)
    else:
        shown = ContentVersion(
            chosen.title,
            chosen.summary,
            chosen.body,
            chosen.language,
            is_translation=True,
            is_easy_read=chosen.variant == TranslationVariant.EASY_READ,
        )
    return ContentVersions(
        shown=shown,
        ui_language=ui_language,
        available=available,
        has_easy_read=bool(easy),
        easy_read_language=easy_choice.language if easy_choice else "",
    )


def topic_labels(names) -> dict[str, str]:
    """Topic names (Turkish, as indexed) → the name in the interface language. Under Turkish
    no query: the names are the labels."""
    names = list(names)
    if not names or (get_language() or "tr").split("-")[0] == "tr":
        return {}
    return {topic.name: str(topic.display) for topic in Topic.objects.filter(name__in=names)}
