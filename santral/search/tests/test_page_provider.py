"""PageProvider: a Wagtail page type becomes searchable in a few lines (docs/search.md)."""

import pytest

from santral.councils.models import CouncilHomePage
from santral.search.providers import PageProvider, register, unregister
from santral.search.selectors import search


@pytest.fixture
def page_provider():
    # CouncilHomePage stands in for the content app's page types (not on this branch).
    register(PageProvider(model=CouncilHomePage, kind="page", label="Sayfa"))
    yield
    unregister(CouncilHomePage)


def _pages(query):
    return [
        hit.document for hit in search(user=None, query=query).hits if hit.document.kind == "page"
    ]


@pytest.mark.django_db
def test_published_pages_are_indexed_and_drafts_are_not(cast, page_provider):
    page = cast.council_a.home_page
    page.title = "Seyhan Kent Konseyi Ana Sayfası"
    page.save_revision().publish()
    found = _pages("ana sayfasi")
    assert [doc.title for doc in found] == ["Seyhan Kent Konseyi Ana Sayfası"]
    assert found[0].council == cast.council_a and found[0].url == page.url

    draft = CouncilHomePage.objects.get(pk=page.pk)
    draft.title = "Taslak Başlık Gizli"
    draft.save_revision()  # a draft: never in the index
    assert _pages("taslak") == []

    page.refresh_from_db()
    page.unpublish()
    assert _pages("ana sayfasi") == []
