"""Search providers for the hub's content pages (news, pages, documents, publications, events).

The content app keeps `search_text` on every page (body plus the extracted text
of its files), so a provider only maps a live page to one index entry.
Archived pages leave the index as they leave lists; an internal event is
indexed as council-internal, so only that council's members find it.
"""

from django.utils.translation import gettext_lazy as _

from .models import Visibility
from .providers import IndexEntry, PageProvider, _council_of, register


def _body(page) -> str:
    """The page's full text without its title: ``search_text`` (intro, body, files and
    translations) begins with the title, which the index keeps in its own field."""
    text = page.search_text or page.intro or ""
    first, _, rest = text.partition("\n")
    return rest if first == page.title else text


class ContentPageProvider(PageProvider):
    def entries(self, page) -> list[IndexEntry]:
        page = self.model._default_manager.filter(pk=page.pk).first()
        if page is None or not page.live or page.is_archived:
            return []
        if page.get_view_restrictions().exists():
            return []
        is_internal = getattr(page, "is_public", True) is False
        return [
            IndexEntry(
                kind=self.kind,
                title=page.title,
                url=page.url or "",
                body=_body(page),
                council=page.council or _council_of(page),
                scope=page.scope,
                topics=tuple(topic.name for topic in page.topics.all()),
                date=page.first_published_at,
                language=page.language or "tr",
                visibility=Visibility.INTERNAL if is_internal else Visibility.PUBLIC,
            )
        ]

    def entries_of_new(self, pages, councils: dict) -> list[tuple[object, IndexEntry]]:
        """(page, entry) for pages just written in bulk: built from the pages in memory
        (live, not archived, topics set in memory), as `entries` builds from the database."""
        return [
            (
                page,
                IndexEntry(
                    kind=self.kind,
                    title=page.title,
                    url=page.url or "",
                    body=_body(page),
                    council=councils.get(page.council_id),
                    scope=page.scope,
                    topics=tuple(topic.name for topic in page.topics.all()),
                    date=page.first_published_at,
                    language=page.language or "tr",
                    visibility=Visibility.INTERNAL
                    if getattr(page, "is_public", True) is False
                    else Visibility.PUBLIC,
                ),
            )
            for page in pages
            if page.live and not page.is_archived
        ]


def index_new_pages(sender, pages, parent, **kwargs) -> None:
    """Receiver of `pages_published_in_bulk`: one index write for the whole list."""
    from santral.councils.models import Council

    from .indexing import index_entries, source_of
    from .providers import provider_for

    provider = provider_for(sender)
    if not pages or not isinstance(provider, ContentPageProvider):
        return
    if parent.get_view_restrictions().exists():
        return  # as `entries`: pages behind a restriction are not searchable
    councils = Council.objects.in_bulk({page.council_id for page in pages if page.council_id})
    items = [(source_of(page), entry) for page, entry in provider.entries_of_new(pages, councils)]
    index_entries(items, replace=False)


def register_content_providers() -> None:
    from santral.content.models import DocumentPage, InfoPage, NewsPage, PublicationPage
    from santral.events.models import EventPage

    for model, kind, label in (
        (NewsPage, "news", _("Haber")),
        (InfoPage, "page", _("Sayfa")),
        (DocumentPage, "document", _("Belge")),
        (PublicationPage, "publication", _("Yayın")),
        (EventPage, "event", _("Etkinlik")),
    ):
        register(ContentPageProvider(model=model, kind=kind, label=label))
    from santral.content.signals import pages_published_in_bulk

    pages_published_in_bulk.connect(index_new_pages, dispatch_uid="search-bulk-published")
