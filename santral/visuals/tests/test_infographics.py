"""Budget at a glance and who took part: figures equal the public pages' (same selectors)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from santral.outreach.factories import AudienceFactory
from santral.outreach.services import participation_record_save
from santral.visuals.bundles import bundle_get
from santral.visuals.data import budget_data, representation_data
from santral.visuals.render import render_bundle

from .helpers import pdf_text, png_size, squeeze


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["tr", "en", "ar"])
def test_budget_glance_figures_equal_the_transparency_page_to_the_kurus(
    client, cast, fixture_budget, language
):
    with translation.override(language):
        url = reverse("budget:public", args=["seyhan", 2026])
    page = client.get(url).content.decode()
    shown = dict(re.findall(r'data-total="(revised|paid|in_kind)">([^<]+)<', page))
    assert len(shown) == 3
    data = budget_data(cast.council_a, 2026, language)
    bundle = bundle_get("budget-glance")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("square"), context=data.context, language=language
    )
    text = squeeze(pdf_text(rendered.pdf))
    for key, value in shown.items():
        assert data.context["figures"][key] == value, key
        # The PDF holds the amounts themselves (no currency word split across runs).
        assert squeeze(value.replace("TL", "")) in text, (key, value)
    if language == "tr":
        assert shown["revised"] == "15.000,25 TL" and shown["paid"] == "1.234,56 TL"
        assert shown["revised"] in data.alt_text
    assert png_size(rendered.png) == (1080, 1080)


@pytest.mark.django_db
def test_budget_glance_a4_has_the_three_ways_of_paying(cast, fixture_budget):
    data = budget_data(cast.council_a, 2026, "tr")
    labels = [route["label"] for route in data.context["routes"]]
    assert "Özel Kalem Müdürlüğü" in labels
    bundle = bundle_get("budget-glance")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("a4"), context=data.context, language="tr"
    )
    text = squeeze(pdf_text(rendered.pdf))
    for label in labels:
        assert squeeze(label) in text
    assert png_size(rendered.png) == (1240, 1754)


@pytest.mark.django_db
def test_who_took_part_shows_aggregates_only(client, cast):
    women = AudienceFactory(council=cast.council_a, slug="kadin", name="Kadınlar")
    participation_record_save(
        actor=cast.editor_a,
        council=cast.council_a,
        activity_title="Mahalle toplantısı",
        held_on=date(2026, 2, 2),
        total_participants=1240,
        audience_counts={women: 620},
    )
    data = representation_data(cast.council_a, 2026, "tr")
    assert data.context["participants"] == "1.240"
    assert data.context["rows"][0]["share"] == "%50,00"
    page = client.get(reverse("outreach:representation", args=["seyhan"])).content.decode()
    assert "%50,00" in page
    bundle = bundle_get("who-took-part")
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("square"), context=data.context, language="tr"
    )
    text = squeeze(pdf_text(rendered.pdf))
    assert "1.240" in text and "Kadınlar" in text and "%50,00" in text
    assert "Mahalletoplantısı" not in text  # activities are counted, not listed
    assert png_size(rendered.png) == (1080, 1080)


@pytest.mark.django_db
def test_no_budget_infographic_when_the_council_publishes_no_figures(cast, fixture_budget):
    from santral.budget.services import budget_settings_update
    from santral.visuals.data import item_data

    budget_settings_update(actor=cast.treasurer_a, council=cast.council_a, transparency="none")
    with pytest.raises(LookupError):
        item_data(council=cast.council_a, kind="budget", key="2026", language="tr")
