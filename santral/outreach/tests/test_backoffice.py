"""The outreach back office: editors and admins of a council manage it, nobody else;
another council's objects answer 404; subscriber lists are never public."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from santral.core.models import AuditRecord
from santral.events.factories import make_event
from santral.outreach.factories import AudienceFactory, SubscriberFactory, TopicFactory
from santral.outreach.models import (
    Audience,
    CommunicationPlan,
    Newsletter,
    ParticipationRecord,
    PlanAction,
)
from santral.outreach.services import (
    newsletter_save,
    participation_record_save,
    plan_action_save,
    plan_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(cast):
    """One of everything in council A."""
    audience = AudienceFactory(council=cast.council_a, slug="kadin", name="Kadınlar")
    topic = TopicFactory(council=cast.council_a)
    record = participation_record_save(
        actor=cast.editor_a,
        council=cast.council_a,
        activity_title="Toplantı",
        held_on=date(2026, 3, 1),
        total_participants=10,
        audience_counts={audience: 4},
    )
    plan = plan_save(
        actor=cast.editor_a,
        plan=CommunicationPlan(
            council=cast.council_a,
            title="Plan",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            objectives="Amaç",
        ),
    )
    action = plan_action_save(
        actor=cast.editor_a,
        action=PlanAction(
            plan=plan,
            title="Afiş",
            channel="poster",
            owner="Ayşe",
            due_on=date(2026, 2, 1),
            cost=Decimal("100.00"),
        ),
    )
    newsletter = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(council=cast.council_a, topic=topic, subject="S", body="B"),
    )
    SubscriberFactory(council=cast.council_a, email="gizli@ornek.test", topics=[topic])
    from santral.outreach.services import gateway_message_create

    message = gateway_message_create(
        actor=cast.editor_a, council=cast.council_a, channel="sms", topic=topic, text="Merhaba"
    )
    event = make_event(cast.council_a, start_at=timezone.now() - timedelta(days=2))
    return {
        "council_id": cast.council_a.pk,
        "event_id": event.pk,
        "audience_id": audience.pk,
        "record_id": record.pk,
        "plan_id": plan.pk,
        "action_id": action.pk,
        "newsletter_id": newsletter.pk,
        "message_id": message.pk,
    }


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def outreach_urls(ids: dict) -> list[str]:
    urls = []
    for route, _name in _walk(get_resolver().url_patterns):
        if route.startswith("admin/iletisim/"):
            path = re.sub(r"<int:(\w+)>", lambda m: str(ids[m.group(1)]), route)
            urls.append("/" + path)
    return urls


def test_every_outreach_backoffice_url_refuses_others(client, cast, objects):
    urls = outreach_urls(objects)
    assert len(urls) >= 18
    for user in (None, cast.member_a, cast.outsider, cast.editor_b, cast.treasurer_a):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403, 404, 405), (user, url)
            if response.status_code == 302:
                own = f"/admin/iletisim/{cast.council_b.pk}/"  # editor_b: to B, never into A
                assert response["Location"].startswith("/accounts/login/") or (
                    user == cast.editor_b and response["Location"] == own
                ), (user, url)


def test_editor_of_the_council_opens_every_page(client, cast, objects):
    client.force_login(cast.editor_a)
    for url in outreach_urls(objects):
        response = client.get(url)
        if url == "/admin/iletisim/":  # one council: straight to it
            assert response["Location"] == f"/admin/iletisim/{cast.council_a.pk}/"
        elif url.endswith(("/varsayilan/", "/sil/", "/gonder/", "/icerik/", "/deneme/")):
            assert response.status_code == 405, url  # POST only: a GET never writes
        else:
            assert response.status_code == 200, (url, response.status_code)


def test_objects_of_another_council_answer_404(client, cast, objects):
    client.force_login(cast.editor_b)
    b = cast.council_b.pk
    for path in [
        f"/admin/iletisim/{b}/kitleler/{objects['audience_id']}/",
        f"/admin/iletisim/{b}/katilim/{objects['record_id']}/",
        f"/admin/iletisim/{b}/planlar/{objects['plan_id']}/",
        f"/admin/iletisim/{b}/bultenler/{objects['newsletter_id']}/",
        f"/admin/iletisim/{b}/sms/{objects['message_id']}.csv",
    ]:
        assert client.get(path).status_code == 404, path
    response = client.post(f"/admin/iletisim/{b}/katilim/{objects['record_id']}/sil/")
    assert response.status_code == 404
    assert ParticipationRecord.objects.filter(pk=objects["record_id"]).exists()


def test_subscriber_export_is_this_councils_only(client, cast, objects):
    TopicFactory(council=cast.council_b)
    SubscriberFactory(council=cast.council_b, email="b-abone@ornek.test")
    SubscriberFactory(council=cast.council_a, email="bekleyen@ornek.test", status="pending")
    client.force_login(cast.admin_a)
    response = client.get(f"/admin/iletisim/{cast.council_a.pk}/aboneler.csv")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["gizli@ornek.test"]


def test_subscriber_list_is_never_public(client, cast, objects):
    for url in [f"/admin/iletisim/{cast.council_a.pk}/aboneler.csv", "/api/v1/councils/"]:
        assert b"gizli@ornek.test" not in client.get(url).content
    page = client.get(reverse("outreach:subscribe", kwargs={"council_slug": "seyhan"}))
    assert b"gizli@ornek.test" not in page.content


def test_gateway_export_lists_only_sms_subscribers_of_the_topic(client, cast, objects):
    topic = TopicFactory(council=cast.council_a, slug="sms-konu")
    SubscriberFactory(council=cast.council_a, phone="05320000001", wants_sms=True, topics=[topic])
    SubscriberFactory(council=cast.council_a, phone="05320000002", wants_sms=False, topics=[topic])
    SubscriberFactory(
        council=cast.council_a,
        phone="05320000003",
        wants_sms=True,
        status="unsubscribed",
        topics=[topic],
    )
    SubscriberFactory(council=cast.council_b, phone="05320000004", wants_sms=True)
    client.force_login(cast.editor_a)
    url = f"/admin/iletisim/{cast.council_a.pk}/sms/"
    response = client.post(
        url, {"channel": "whatsapp", "topic": topic.pk, "text": "Toplantı yarın"}
    )
    assert response.status_code == 302
    export = client.get(response["Location"])
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1:] == [["05320000001", "Toplantı yarın"]]


def test_participation_entry_with_turkish_errors_and_nothing_half_written(client, cast, objects):
    client.force_login(cast.editor_a)
    url = f"/admin/iletisim/{cast.council_a.pk}/katilim/yeni/"
    before = ParticipationRecord.objects.count()
    response = client.post(
        url,
        {
            "activity_title": "Çalıştay",
            "held_on": "2026-06-01",
            "source": "after_event",
            "total_participants": "5",
            f"audience_{objects['audience_id']}": "9",
        },
    )
    assert response.status_code == 200
    assert "Kadınlar için girilen sayı (9) toplam katılımcıdan büyük." in response.content.decode()
    assert ParticipationRecord.objects.count() == before
    response = client.post(
        url,
        {
            "activity_title": "Çalıştay",
            "held_on": "2026-06-01",
            "source": "sign_in_sheet",
            "total_participants": "5",
            f"audience_{objects['audience_id']}": "3",
            "district_1": cast.council_a.district_id,
            "neighbourhood_1": "Reşatbey",
            "area_count_1": "3",
            "district_2": cast.council_a.district_id,
            "area_count_2": "2",
        },
    )
    assert response.status_code == 302
    record = ParticipationRecord.objects.get(activity_title="Çalıştay")
    assert record.audience_counts.get().count == 3
    assert sorted((a.neighbourhood, a.count) for a in record.area_counts.all()) == [
        ("", 2),
        ("Reşatbey", 3),
    ]
    edit = client.get(f"/admin/iletisim/{cast.council_a.pk}/katilim/{record.pk}/")
    assert edit.context["form"].initial["neighbourhood_1"] in ("Reşatbey", "")
    assert AuditRecord.objects.filter(
        action="participation.save", target_id=str(record.pk)
    ).exists()


def test_audience_baseline_needs_source_and_year(client, cast, objects):
    client.force_login(cast.editor_a)
    url = f"/admin/iletisim/{cast.council_a.pk}/kitleler/{objects['audience_id']}/"
    response = client.post(
        url,
        {
            "name": "Kadınlar",
            "kind": "women",
            "slug": "kadin",
            "baseline_share": "50,04",
            "sort_order": "0",
            "is_active": "on",
        },
    )
    html = response.content.decode()
    assert "Bir nüfus değeri girdiyseniz kaynağını da yazın." in html
    assert Audience.objects.get(pk=objects["audience_id"]).baseline_share is None
    response = client.post(
        url,
        {
            "name": "Kadınlar",
            "kind": "women",
            "slug": "kadin",
            "baseline_share": "50.04",
            "baseline_source": "TÜİK ADNKS",
            "baseline_year": "2021",
            "sort_order": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Audience.objects.get(pk=objects["audience_id"]).baseline_share == Decimal("50.04")
    response = client.post(
        url,
        {
            "name": "Kadınlar",
            "kind": "women",
            "slug": "kadin",
            "baseline_share": "1.050,04",
            "baseline_source": "X",
            "baseline_year": "2021",
            "sort_order": "0",
        },
    )
    assert "Payı tek bir ondalık ayırıcıyla yazın (ör. 50,04)." in response.content.decode()


def test_plan_with_kpis_read_from_participation(client, cast, objects):
    client.force_login(cast.admin_a)
    url = f"/admin/iletisim/{cast.council_a.pk}/planlar/{objects['plan_id']}/"
    response = client.post(url, {"part": "kpi", "kind": "total_participants", "target": "8"})
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "part": "kpi",
            "kind": "audience_participants",
            "audience": objects["audience_id"],
            "target": "5",
        },
    )
    assert response.status_code == 302
    response = client.get(url)
    readings = [(r.kpi.kind, r.value, r.is_met) for r in response.context["readings"]]
    assert readings == [
        ("total_participants", Decimal(10), True),
        ("audience_participants", Decimal(4), False),
    ]
    assert response.context["total_cost"] == Decimal("100.00")


def test_action_cost_change_is_audited(client, cast, objects):
    client.force_login(cast.editor_a)
    url = (
        f"/admin/iletisim/{cast.council_a.pk}/planlar/{objects['plan_id']}/"
        f"eylemler/{objects['action_id']}/"
    )
    response = client.post(
        url,
        {
            "title": "Afiş",
            "channel": "poster",
            "owner": "Ayşe",
            "due_on": "2026-02-01",
            "status": "done",
            "cost": "250.50",
        },
    )
    assert response.status_code == 302
    record = AuditRecord.objects.filter(action="plan.action").order_by("-id").first()
    assert record.before["cost"] == "100.00" and record.after["cost"] == "250.50"


def test_newsletter_compose_and_send_from_the_back_office(
    client, cast, objects, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(cast.editor_a)
    topic_id = Newsletter.objects.get(pk=objects["newsletter_id"]).topic_id
    response = client.post(
        f"/admin/iletisim/{cast.council_a.pk}/bultenler/yeni/",
        {"topic": topic_id, "subject": "Haziran", "body": "Metin"},
    )
    assert response.status_code == 302
    newsletter = Newsletter.objects.get(subject="Haziran")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/iletisim/{cast.council_a.pk}/bultenler/{newsletter.pk}/gonder/")
    newsletter.refresh_from_db()
    assert newsletter.status == "sent"
    assert [message.to for message in mailoutbox] == [["gizli@ornek.test"]]
    # a second press does not send again
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/iletisim/{cast.council_a.pk}/bultenler/{newsletter.pk}/gonder/")
    assert len(mailoutbox) == 1


def test_default_audiences(client, cast):
    client.force_login(cast.editor_a)
    client.post(f"/admin/iletisim/{cast.council_a.pk}/kitleler/varsayilan/")
    client.post(f"/admin/iletisim/{cast.council_a.pk}/kitleler/varsayilan/")
    audiences = Audience.objects.filter(council=cast.council_a)
    assert audiences.count() == 8
    assert all(audience.baseline_share is None for audience in audiences)


def test_record_list_queries_do_not_grow(client, cast, objects, django_assert_max_num_queries):
    client.force_login(cast.editor_a)
    url = f"/admin/iletisim/{cast.council_a.pk}/"
    with django_assert_max_num_queries(60) as captured:
        client.get(url)
    first = len(captured)
    for day in range(1, 15):
        ParticipationRecord.objects.create(
            council=cast.council_a,
            activity_title=f"E{day}",
            held_on=date(2026, 8, day),
            total_participants=3,
        )
    with django_assert_max_num_queries(first):
        client.get(url)


def test_area_rows_need_a_district_and_are_not_repeated(client, cast, objects):
    client.force_login(cast.editor_a)
    url = f"/admin/iletisim/{cast.council_a.pk}/katilim/yeni/"
    base = {
        "activity_title": "Ç",
        "held_on": "2026-06-01",
        "source": "after_event",
        "total_participants": "9",
    }
    html = client.post(url, {**base, "area_count_1": "4"}).content.decode()
    assert "Sayının hangi ilçeye ait olduğunu seçin." in html
    district = cast.council_a.district_id
    html = client.post(
        url,
        {
            **base,
            "district_1": district,
            "area_count_1": "1",
            "district_2": district,
            "area_count_2": "1",
        },
    ).content.decode()
    assert "Aynı ilçe ve mahalle iki kez girildi." in html
    assert not ParticipationRecord.objects.filter(activity_title="Ç").exists()


def test_subscriber_and_gateway_csv_neutralise_formulas_but_keep_phones(client, cast, objects):
    topic = TopicFactory(council=cast.council_a, slug="formul", name='=HYPERLINK("http://x")')
    SubscriberFactory(
        council=cast.council_a,
        email="formul@ornek.test",
        phone="+90 532 000 00 03",
        wants_sms=True,
        consent_text_version="@SUM(A1)",
        topics=[topic],
    )
    client.force_login(cast.admin_a)
    response = client.get(f"/admin/iletisim/{cast.council_a.pk}/aboneler.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(row for row in rows if row[0] == "formul@ornek.test")
    assert row[1] == '\'=HYPERLINK("http://x")' and row[2] == "'@SUM(A1)"
    assert row[4] == "+90 532 000 00 03"  # a phone is not a formula; the gateway needs it
    from santral.outreach.services import gateway_message_create

    message = gateway_message_create(
        actor=cast.editor_a, council=cast.council_a, channel="sms", topic=topic, text="-2+3"
    )
    response = client.get(f"/admin/iletisim/{cast.council_a.pk}/sms/{message.pk}.csv")
    assert response.status_code == 200, response
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["+90 532 000 00 03", "'-2+3"]
