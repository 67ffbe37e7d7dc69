"""Every example the site itself offers works on the demo data (issue 19, "a first run that
reassures"): the search page's hints find something, no search snippet repeats a sentence,
and the sample import file imports into the demo budget as docs/budget-import.md shows."""

import html
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from santral.search.models import SearchDocument

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def _hits(client, query: str) -> list[str]:
    """The snippets of the search page's hits, as plain text."""
    page = client.get("/arama/", {"q": query}).content.decode()
    hits = re.findall(r'<li class="card">(.*?)</li>', page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", hit)) for hit in hits]


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?])\s*", text) if len(part.strip()) > 20]


def test_the_examples_the_site_offers_work_on_the_demo_data(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())

    help_text = html.unescape(
        re.search(r'<p id="search-help"[^>]*>(.*?)</p>', client.get("/arama/").content.decode())[1]
    )
    plain, dotted = re.search(r"\((\w+) = (\w+)\)", help_text).groups()
    phrase = re.search(r'"([^"]+)"', help_text)[1]
    for query in (plain, dotted, f'"{phrase}"'):
        assert _hits(client, query), f"the search page's example {query!r} finds nothing"
    assert _hits(client, plain) == _hits(client, dotted)

    # A snippet is cut from the indexed text: no indexed text holds a sentence twice (a news
    # body repeated its intro; a publication's body and its PDF were the same text).
    for document in SearchDocument.objects.all():
        sentences = _sentences(document.body)
        twice = sorted({sentence for sentence in sentences if sentences.count(sentence) > 1})
        assert not twice, f"{document.title}: {twice}"

    sample = ROOT / "docs" / "samples" / "budget-import-sample.csv"
    out = io.StringIO()
    call_command(
        "import_budget",
        str(sample),
        council="adana-buyuksehir",
        year=2026,
        dry_run=True,
        stdout=out,
    )
