"""Content pages reach the index through the real publish path, and only while they may be seen."""

import pytest

from santral.content.factories import make_document_page, make_news
from santral.events.factories import make_event
from santral.search.selectors import SearchFilters, search

pytestmark = pytest.mark.django_db


def _titles(user, query, **filters):
    result = search(user=user, query=query, filters=SearchFilters(**filters))
    return [hit.document.title for hit in result.hits]


def test_published_news_is_found_and_drafts_are_not(cast):
    from django.contrib.auth.models import AnonymousUser

    make_news(cast.council_a, title="Kadınlar Günü buluşması", slug="kadinlar-gunu")
    make_news(cast.council_a, title="Kadın Meclisi taslak", slug="taslak", publish=False)
    assert _titles(AnonymousUser(), "kadin") == ["Kadınlar Günü buluşması"]


def test_extracted_file_text_of_a_document_is_searchable(cast):
    from django.contrib.auth.models import AnonymousUser

    page = make_document_page(cast.council_a, title="Genel Kurul kararı", slug="karar-1")
    assert "Karar metni" in page.search_text
    assert "Genel Kurul kararı" in _titles(AnonymousUser(), "karar metni")


def test_internal_event_is_found_only_by_the_council(cast):
    from django.contrib.auth.models import AnonymousUser

    make_event(cast.council_a, title="Yürütme iç toplantısı", slug="ic-toplanti", is_public=False)
    assert _titles(AnonymousUser(), "toplantisi") == []
    assert _titles(cast.editor_b, "toplantisi") == []
    assert _titles(cast.member_a, "toplantisi") == ["Yürütme iç toplantısı"]


def test_unpublishing_removes_the_page(cast):
    from django.contrib.auth.models import AnonymousUser

    page = make_news(cast.council_a, title="Çevre günü", slug="cevre-gunu")
    assert _titles(AnonymousUser(), "cevre") == ["Çevre günü"]
    page.unpublish()
    assert _titles(AnonymousUser(), "cevre") == []


def test_the_indexed_body_holds_the_intro_once_and_not_the_title(cast):
    from santral.search.models import SearchDocument

    make_news(
        cast.council_a, title="Kent Forumu", slug="forum", intro="Forum cumartesi toplanıyor."
    )
    body = SearchDocument.objects.get(title="Kent Forumu").body
    assert body.count("Forum cumartesi toplanıyor.") == 1
    assert not body.startswith("Kent Forumu")
