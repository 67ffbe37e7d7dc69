"""The content app's sections of a council's home page: latest news and documents."""

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .models import DocumentPage, NewsPage
from .selectors import public_items

NEWS_ON_HOME = 4
DOCUMENTS_ON_HOME = 3


def latest_news(council) -> list[NewsPage]:
    items = public_items(NewsPage, council=council, extra_related=("lead_image",))
    return list(items.order_by("-first_published_at", "-pk")[:NEWS_ON_HOME])


def latest_documents(council) -> list[DocumentPage]:
    items = public_items(DocumentPage, council=council)
    return list(items.order_by("-document_date", "-pk")[:DOCUMENTS_ON_HOME])


def register() -> None:
    register_council_home_section(
        CouncilHomeSection("news", 10, "content/council_home/news.html", latest_news)
    )
    register_council_home_section(
        CouncilHomeSection("documents", 80, "content/council_home/documents.html", latest_documents)
    )
