"""Demo images: councils get a logo and a cover, news items their images (issue 19).

Here beside the other cross-app tests: it reads the content app's pages.
"""

import io

import pytest
from django.core.management import call_command

from santral.councils.models import Council

pytestmark = pytest.mark.django_db


def test_load_demo_gives_councils_a_logo_and_cover_and_news_their_images():
    from django.core.cache import caches
    from wagtail.images import get_image_model

    from santral.content.models import NewsPage

    # Wagtail caches renditions; an earlier test's (rolled back) rows must not answer here.
    for cache in caches.all():
        cache.clear()
    call_command("load_demo", force=True, stdout=io.StringIO())
    Image = get_image_model()
    for council in Council.objects.select_related("logo_image", "cover_image"):
        assert council.logo_image.description.startswith(council.name), council.slug
        assert council.cover_image.description, council.slug
        # the card's renditions are made by the demo, not by the first visitor's GET
        assert council.cover_image.renditions.filter(filter_spec="fill-640x360").exists()
        assert council.logo_image.renditions.filter(filter_spec="max-160x160").exists()
    illustrated = NewsPage.objects.filter(lead_image__isnull=False)
    assert illustrated.count() == NewsPage.objects.count() == 4
    assert all(page.lead_image_alt for page in illustrated)
    images = Image.objects.count()
    # a demo database from before the images: the news item gets its image on the next run
    page = NewsPage.objects.get(slug="genclik-meclisi-iklim-atolyesi")
    NewsPage.objects.filter(pk=page.pk).update(lead_image=None)
    call_command("load_demo", force=True, stdout=io.StringIO())
    page.refresh_from_db()
    assert page.lead_image.title == "İklim atölyesi görseli (demo)"
    assert Image.objects.count() == images
