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
