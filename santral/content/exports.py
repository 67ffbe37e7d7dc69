"""Downloads of a council's publications list (CSV and JSON) for open data (santral/opendata).

Only what the public list shows: published, non-archived publications of the council
itself (not re-shared ones). Text cells go through santral/core/spreadsheets.py (formula
injection).
"""

import io
from collections.abc import Iterator

from santral.core.spreadsheets import CSV_PLAIN, SafeCSVWriter
from santral.councils.models import Council

from .models import PublicationPage
from .selectors import public_items

PUBLICATION_COLUMNS = [
    ("id", "integer", "Kayıt no"),
    ("title", "string", "Başlık"),
    ("kind", "string", "Yayın türü"),
    ("published_on", "date", "Yayın tarihi"),
    ("authors", "string", "Yazarlar / hazırlayanlar"),
    ("partners", "string", "İş birliği yapan kurumlar"),
    ("licence", "string", "Lisans"),
    ("isbn", "string", "ISBN"),
    ("language", "string", "Dil"),
    ("scope", "string", "Kapsam"),
    ("topics", "string", "Konular"),
    ("url", "string", "Adres"),
    ("last_published_at", "datetime", "Son yayımlanma"),
]


def council_publications(council: Council):
    """The council's own public publications, oldest first (stable row order)."""
    return public_items(PublicationPage, council=council, include_reshared=False).order_by(
        "first_published_at", "pk"
    )


def publication_records(council: Council, *, absolute_url) -> Iterator[dict]:
    for page in council_publications(council):
        yield {
            "id": page.pk,
            "title": page.title,
            "kind": page.publication_kind,
            "published_on": page.published_on.isoformat() if page.published_on else "",
            "authors": page.authors,
            "partners": page.partners,
            "licence": page.licence,
            "isbn": page.isbn,
            "language": page.language,
            "scope": page.scope,
            "topics": "; ".join(topic.name for topic in page.topics.all()),
            "url": absolute_url(page),
            "last_published_at": (
                page.last_published_at.isoformat() if page.last_published_at else ""
            ),
        }


def publications_csv(council: Council, *, absolute_url, flavour: str = CSV_PLAIN) -> str:
    out = io.StringIO()
    writer = SafeCSVWriter(out, flavour=flavour)
    writer.writerow([name for name, _type, _title in PUBLICATION_COLUMNS])
    for record in publication_records(council, absolute_url=absolute_url):
        writer.writerow(record.values())
    return out.getvalue()
