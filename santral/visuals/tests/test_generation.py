"""Generation by the task queue, kept per revision; pages share the card; a GET never writes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from santral.content.factories import make_news
from santral.events.factories import make_event
from santral.visuals.models import GeneratedMaterial
from santral.visuals.services import material_generate
from santral.visuals.tasks import generate_item_materials

from .helpers import png_size

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _writes(queries) -> list[str]:
    return [q["sql"][:160] for q in queries if _WRITE.match(q["sql"])]


@pytest.mark.django_db
def test_material_is_kept_per_revision(cast, media_root):
    event = make_event(cast.council_a, title="Komşuluk şenliği", venue="Park")
    first = material_generate(
        council=cast.council_a,
        kind="event",
        key=str(event.pk),
        bundle_slug="event-card",
        size_name="wide",
        language="tr",
    )
    assert first.template == "event-card/wide" and (first.width, first.height) == (1200, 630)
    assert first.pdf.read().startswith(b"%PDF")
    assert png_size(first.png.read()) == (1200, 630)
    assert "Komşuluk şenliği" in first.alt_text and "Park" in first.alt_text
    again = material_generate(
        council=cast.council_a,
        kind="event",
        key=str(event.pk),
        bundle_slug="event-card",
        size_name="wide",
        language="tr",
    )
    assert again.pk == first.pk
    event.title = "Komşuluk şenliği (yeni tarih)"
    event.save_revision().publish()
    changed = material_generate(
        council=cast.council_a,
        kind="event",
        key=str(event.pk),
        bundle_slug="event-card",
        size_name="wide",
        language="tr",
    )
    assert changed.pk != first.pk and changed.revision != first.revision
    assert GeneratedMaterial.objects.filter(item_key=str(event.pk)).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["other council", "members only", "draft"])
def test_only_the_councils_public_items_get_materials(cast, media_root, which):
    if which == "other council":
        event = make_event(cast.council_b)
    elif which == "members only":
        event = make_event(cast.council_a, is_public=False)
    else:
        event = make_event(cast.council_a, publish=False)
    with pytest.raises(LookupError):
        material_generate(
            council=cast.council_a,
            kind="event",
            key=str(event.pk),
            bundle_slug="event-card",
            size_name="wide",
            language="tr",
        )
    assert not GeneratedMaterial.objects.exists()


@pytest.mark.django_db
def test_task_makes_every_size_and_language_then_the_page_shares_the_card(client, cast, media_root):
    news = make_news(cast.council_a, title="Bütçe toplantısı yapıldı", intro="Kısa özet.")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(news.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="twitter:card"' not in html
    assert _writes(queries.captured_queries) == []
    assert not GeneratedMaterial.objects.exists()

    result = generate_item_materials.enqueue(cast.council_a.pk, "news", str(news.pk))
    assert result.return_value == 0
    made = GeneratedMaterial.objects.filter(item_kind="news", item_key=str(news.pk))
    assert sorted(made.values_list("template", "language")) == sorted(
        (f"news-card/{size}", language)
        for size in ("wide", "square")
        for language in ("tr", "en", "ar")
    )

    with CaptureQueriesContext(connection) as queries:
        html = client.get(news.url).content.decode()
    assert _writes(queries.captured_queries) == []
    card = made.get(template="news-card/wide", language="tr")
    assert f'<meta property="og:image" content="http://testserver{card.png.url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
    assert "Bütçe toplantısı yapıldı" in card.alt_text
    assert f'name="twitter:image:alt" content="{card.alt_text}"' in html
    assert client.get(card.png.url).status_code in (200, 404)  # served by the web server


@pytest.mark.django_db
def test_event_page_without_card_renders_and_writes_nothing(client, cast):
    event = make_event(cast.council_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(event.url)
    assert response.status_code == 200
    assert 'property="og:title"' in response.content.decode()
    assert _writes(queries.captured_queries) == []


@pytest.mark.django_db
def test_publishing_queues_the_materials_on_a_real_queue(
    cast, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        **settings.TASKS,
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
    }
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(cast.council_a)
    queued = DBTaskResult.objects.filter(task_path="santral.visuals.tasks.generate_item_materials")
    assert [row.args_kwargs for row in queued] == [
        {"args": [cast.council_a.pk, "event", str(event.pk)], "kwargs": {"sharing_only": True}}
    ]


@pytest.mark.django_db
def test_publishing_with_the_immediate_backend_renders_nothing(cast, media_root):
    make_event(cast.council_a)
    assert not GeneratedMaterial.objects.exists()


@pytest.mark.django_db
def test_sharing_only_makes_the_shared_card_in_each_language(cast, media_root):
    event = make_event(cast.council_a, title="Sokak şenliği")
    assert (
        generate_item_materials.enqueue(
            cast.council_a.pk, "event", str(event.pk), sharing_only=True
        ).return_value
        == 0
    )
    assert sorted(GeneratedMaterial.objects.values_list("template", "language")) == [
        ("event-card/wide", "ar"),
        ("event-card/wide", "en"),
        ("event-card/wide", "tr"),
    ]


@pytest.mark.django_db
def test_command_makes_the_budget_infographics(cast, fixture_budget, media_root):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("generate_visuals", "seyhan", "budget", "2026", "--now", stdout=out)
    assert "0 sorun" in out.getvalue()
    made = GeneratedMaterial.objects.filter(item_kind="budget", item_key="2026")
    assert made.count() == 6
    assert "15.000,25 TL" in made.get(template="budget-glance/square", language="tr").alt_text
