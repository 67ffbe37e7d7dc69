"""Helpers that build content pages through the services (so they sit in the right subtree)."""

from datetime import date
from itertools import count

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from santral.councils.models import CouncilHomePage, HubHomePage

from .models import DocumentPage, DocumentPageFile, NewsPage, PublicationPage
from .pdf import simple_pdf
from .services import content_page_create

_numbers = count(1)


def home_of(council):
    if council is None:
        return HubHomePage.objects.get()
    return CouncilHomePage.objects.get(council=council)


def make_news(council, *, publish=True, **fields) -> NewsPage:
    number = next(_numbers)
    fields.setdefault("title", f"Haber {number}")
    fields.setdefault("slug", f"haber-{number}")
    fields.setdefault("intro", "Kısa özet.")
    return content_page_create(
        actor=None, parent=home_of(council), page=NewsPage(**fields), publish=publish
    )


def make_pdf_document(title="Örnek belge", text="Örnek metin"):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save("ornek.pdf", ContentFile(simple_pdf(title, [text])), save=False)
    document.save()
    return document


def make_document_page(council, *, publish=True, **fields) -> DocumentPage:
    number = next(_numbers)
    fields.setdefault("title", f"Belge {number}")
    fields.setdefault("slug", f"belge-{number}")
    fields.setdefault("document_type", "decision")
    fields.setdefault("document_date", date(2026, 11, 26))
    page = DocumentPage(**fields)
    page.files = [DocumentPageFile(document=make_pdf_document(text=f"Karar metni {number}"))]
    return content_page_create(actor=None, parent=home_of(council), page=page, publish=publish)


def make_publication(council, *, publish=True, **fields) -> PublicationPage:
    number = next(_numbers)
    fields.setdefault("title", f"Yayın {number}")
    fields.setdefault("slug", f"yayin-{number}")
    fields.setdefault("publication_kind", "booklet")
    return content_page_create(
        actor=None, parent=home_of(council), page=PublicationPage(**fields), publish=publish
    )
