"""Participation records of events: the foreign key, the rules (own council, past event,
counts within the total, one record per event), the back-office form reached from the
event, the dashboard filters by event and by organiser body, and the data migration."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from santral.councils.factories import BodyFactory
from santral.events.factories import make_event
from santral.outreach.factories import AudienceFactory
from santral.outreach.models import AudienceCount, ParticipationRecord
from santral.outreach.selectors import past_events, representation_report
from santral.outreach.services import participation_record_save

pytestmark = pytest.mark.django_db


def _past(council, **fields):
    start = timezone.now() - timedelta(days=3)
    return make_event(council, start_at=start, end_at=start + timedelta(hours=2), **fields)


def _snapshot():
    return (ParticipationRecord.objects.count(), AudienceCount.objects.count())


def _save(cast, council, event, total=40, counts=None):
    return participation_record_save(
        actor=cast.editor_a,
        council=council,
        activity_title=event.title,
        held_on=timezone.localdate(event.start_at),
        total_participants=total,
        audience_counts=counts or {},
        event=event,
    )


def test_a_past_event_of_the_council_gets_its_record(cast):
    event = _past(cast.council_a)
    women = AudienceFactory(council=cast.council_a, slug="kadin", name="Kadınlar")
    record = _save(cast, cast.council_a, event, counts={women: 18})
    record.refresh_from_db()
    assert record.event == event
    assert list(event.participation_records.all()) == [record]


def test_another_councils_event_is_refused_and_nothing_written(cast):
    foreign = _past(cast.council_b)
    before = _snapshot()
    with pytest.raises(ValidationError) as caught:
        _save(cast, cast.council_a, foreign)
    assert "bu konseyin etkinliği değil" in " ".join(caught.value.messages)
    assert _snapshot() == before


def test_a_future_event_cannot_get_participation(cast):
    future = make_event(cast.council_a)  # starts in a week
    before = _snapshot()
    with pytest.raises(ValidationError) as caught:
        _save(cast, cast.council_a, future)
    assert "Henüz yapılmamış" in " ".join(caught.value.messages)
    assert _snapshot() == before


def test_an_audience_count_above_the_total_is_refused(cast):
    event = _past(cast.council_a)
    women = AudienceFactory(council=cast.council_a, slug="kadin", name="Kadınlar")
    before = _snapshot()
    with pytest.raises(ValidationError) as caught:
        _save(cast, cast.council_a, event, total=10, counts={women: 11})
    assert "toplam katılımcıdan büyük" in " ".join(caught.value.messages)
    assert _snapshot() == before


def test_one_record_per_event(cast):
    event = _past(cast.council_a)
    first = _save(cast, cast.council_a, event)
    with pytest.raises(ValidationError) as caught:
        _save(cast, cast.council_a, event)
    assert "zaten var" in " ".join(caught.value.messages)
    # correcting the existing record is allowed
    participation_record_save(
        actor=cast.editor_a,
        council=cast.council_a,
        record=first,
        activity_title=event.title,
        held_on=first.held_on,
        total_participants=55,
        event=event,
    )
    assert ParticipationRecord.objects.get().total_participants == 55


def test_deleting_the_event_keeps_the_figures(cast):
    event = _past(cast.council_a)
    record = _save(cast, cast.council_a, event)
    event.delete()
    record.refresh_from_db()
    assert record.event is None
    assert record.activity_title == event.title


# ------------------------------------------------------------------ back office


def test_event_form_is_prefilled_and_saves_the_figures(client, cast):
    body = BodyFactory(council=cast.council_a, slug="genclik")
    event = _past(cast.council_a, title="Mahalle buluşması")
    event.organiser_bodies.set([body])
    event.save()
    women = AudienceFactory(council=cast.council_a, slug="kadin", name="Kadınlar")
    district = cast.council_a.province.districts.order_by("pk").first()
    url = reverse("santral_outreach_event_record", args=[cast.council_a.pk, event.pk])
    client.force_login(cast.editor_a)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["activity_title"] == "Mahalle buluşması"
    assert form.initial["body"] == body.pk
    assert list(form.fields["event"].queryset) == [event]
    response = client.post(
        url,
        {
            "activity_title": "Mahalle buluşması",
            "held_on": timezone.localdate(event.start_at).isoformat(),
            "event": event.pk,
            "body": body.pk,
            "source": "sign_in_sheet",
            "total_participants": 30,
            f"audience_{women.pk}": 12,
            "district_1": district.pk,
            "neighbourhood_1": "Yeşilyurt",
            "area_count_1": 20,
        },
    )
    assert response.status_code == 302
    record = ParticipationRecord.objects.get(event=event)
    assert record.total_participants == 30
    assert record.audience_counts.get().count == 12
    assert record.area_counts.get().neighbourhood == "Yeşilyurt"
    # the list of events now shows the total, and the same URL edits the record
    listing = client.get(reverse("santral_outreach_events", args=[cast.council_a.pk]))
    assert [e.participants for e in listing.context["page"].object_list] == [30]
    assert client.get(url).context["form"].initial["total_participants"] == 30


def test_event_form_refuses_a_future_event_in_turkish(client, cast):
    event = make_event(cast.council_a)
    url = reverse("santral_outreach_event_record", args=[cast.council_a.pk, event.pk])
    client.force_login(cast.editor_a)
    response = client.post(
        url,
        {
            "activity_title": event.title,
            "held_on": date.today().isoformat(),
            "event": event.pk,
            "source": "after_event",
            "total_participants": 5,
        },
    )
    assert response.status_code == 200
    assert "Henüz yapılmamış" in response.content.decode()
    assert ParticipationRecord.objects.count() == 0


def test_another_councils_event_answers_404(client, cast):
    foreign = _past(cast.council_b)
    client.force_login(cast.editor_a)
    url = reverse("santral_outreach_event_record", args=[cast.council_a.pk, foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"total_participants": 3}).status_code == 404
    assert ParticipationRecord.objects.count() == 0


def test_event_admin_page_links_to_the_participation_form(client, cast):
    event = _past(cast.council_a)
    client.force_login(cast.editor_a)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    target = reverse("santral_outreach_event_record", args=[cast.council_a.pk, event.pk])
    assert target in page.content.decode()


def test_past_events_list_has_a_constant_number_of_queries(cast, django_assert_num_queries):
    for _ in range(3):
        _save(cast, cast.council_a, _past(cast.council_a))
    make_event(cast.council_a)  # future: not listed
    _past(cast.council_b)  # other council: not listed
    with django_assert_num_queries(1):
        events = list(past_events(council=cast.council_a))
    assert len(events) == 3 and all(event.participants == 40 for event in events)


# ------------------------------------------------------------------ dashboard filters


@pytest.fixture
def two_events(cast):
    council = cast.council_a
    women = AudienceFactory(
        council=council,
        slug="kadin",
        name="Kadınlar",
        baseline_share=Decimal("50"),
        baseline_source="Test",
        baseline_year=2024,
    )
    body = BodyFactory(council=council, slug="kadin-meclisi")
    organised = _past(council, title="Kadın meclisi toplantısı")
    organised.organiser_bodies.set([body])
    organised.save()
    other = _past(council, title="Genel toplantı")
    _save(cast, council, organised, total=20, counts={women: 16})
    _save(cast, council, other, total=80, counts={women: 24})
    participation_record_save(
        actor=cast.editor_a,
        council=council,
        activity_title="Stant",
        held_on=date(2025, 6, 1),
        total_participants=100,
        audience_counts={women: 50},
    )
    return {"body": body, "organised": organised, "other": other}


def test_report_filters_by_event_and_by_organiser_body(cast, two_events):
    council = cast.council_a
    whole = representation_report(council=council)
    assert (whole.activities, whole.total_participants) == (3, 200)
    one = representation_report(council=council, event=two_events["other"])
    assert (one.activities, one.total_participants) == (1, 80)
    assert one.rows[0].participation_share == Decimal(30)
    by_body = representation_report(council=council, body=two_events["body"])
    assert (by_body.activities, by_body.total_participants) == (1, 20)
    assert by_body.rows[0].participation_share == Decimal(80)
    period = representation_report(
        council=council, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
    )
    assert period.total_participants == 100


def test_dashboard_filters_by_event_with_constant_queries(
    client, cast, two_events, django_assert_max_num_queries
):
    url = reverse("outreach:representation", args=[cast.council_a.slug])
    with django_assert_max_num_queries(20):
        response = client.get(url, {"etkinlik": two_events["organised"].pk})
    assert response.status_code == 200
    assert response.context["report"].total_participants == 20
    assert "Kadın meclisi toplantısı" in response.content.decode()
    body = client.get(url, {"kurul": two_events["body"].slug})
    assert body.context["report"].total_participants == 20
    api = client.get(
        f"/api/v1/councils/{cast.council_a.slug}/representation/",
        {"etkinlik": two_events["other"].pk},
    )
    assert api.json()["total_participants"] == 80


def test_dashboard_offers_only_public_events(client, cast, two_events):
    hidden = _past(cast.council_a, title="İç toplantı", is_public=False)
    _save(cast, cast.council_a, hidden, total=5)
    url = reverse("outreach:representation", args=[cast.council_a.slug])
    choices = list(client.get(url).context["form"].fields["etkinlik"].queryset)
    assert hidden not in choices and two_events["other"] in choices
    assert client.get(url, {"etkinlik": hidden.pk}).context["form"].errors
