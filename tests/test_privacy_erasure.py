"""Erasure that keeps the public record, and the export of one person's data (issue 20).

Both walk every installed model: a personal field (a foreign key to the account, an e-mail,
a name, a phone) must be in the privacy map (santral/privacy/personal_data.py) or named as
not personal, and after an erasure no text column of any table may still hold the person's
address or name.
"""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from santral.budget.factories import make_line
from santral.budget.models import LedgerEntry
from santral.core.audit import audit_record
from santral.core.models import AuditRecord
from santral.councils.factories import BodyFactory, BodyMemberFactory
from santral.events.factories import make_event
from santral.events.models import Registration, RegistrationStatus
from santral.events.services import registration_create
from santral.outreach.factories import SubscriberFactory, TopicFactory
from santral.privacy.erasure import person_erase
from santral.privacy.models import ErasureRequest, ErasureStatus, Purpose
from santral.privacy.personal_data import (
    HOLDINGS,
    KEEP,
    NOT_PERSONAL,
    personal_field_names,
)
from santral.privacy.selectors import notice_current
from santral.privacy.services import consent_give, erasure_request_create

pytestmark = pytest.mark.django_db


def _text_columns(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and f.model is model
    ]


def _tables_mentioning(needles: list[str]) -> dict[str, int]:
    """Every model's text columns searched for each needle (case-insensitive)."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in _text_columns(model):
            rows = model._default_manager.all()
            if isinstance(field, models.JSONField):
                rows = rows.annotate(_as_text=Cast(field.name, TextField()))
                lookup = "_as_text__icontains"
            else:
                lookup = f"{field.name}__icontains"
            for needle in {*needles, *(json.dumps(n)[1:-1] for n in needles)}:
                count = rows.filter(**{lookup: needle}).count()
                if count:
                    found[f"{model._meta.label}.{field.name} ~ {needle}"] = count
    return found


def test_every_personal_field_of_every_model_is_in_the_privacy_map():
    mapped = {(h.model, h.by) for h in HOLDINGS} | {
        (h.model, f) for h in HOLDINGS for f in h.fields
    }
    for holding in HOLDINGS:  # every named field exists (the export reads them all)
        model = holding.model_class()
        for name in (holding.by, *holding.fields):
            assert model is None or model._meta.get_field(name), (holding.model, name)
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if label == get_user_model()._meta.label:
            continue  # the account itself: exported whole, scrubbed into the pseudonym
        for name in personal_field_names(model):
            if (label, name) not in mapped and f"{label}.{name}" not in NOT_PERSONAL:
                missing.append(f"{label}.{name}")
    assert missing == [], "add these to santral/privacy/personal_data.py: " + ", ".join(missing)


def _member_with_traces(cast):
    """The member: two registrations, a subscription, a consent, a seat on a body."""
    member = cast.member_a
    member.full_name = "Zeynep Işıkoğlu"
    member.save(update_fields=["full_name"])
    council = cast.council_a
    for title in ("Kent Forumu", "Gençlik Çalıştayı"):
        event = make_event(council, title=title, registration_mode="onsite")
        registration_create(
            event=event,
            full_name="Zeynep Işıkoğlu",
            email="MEMBER_A@ornek.test",  # another spelling of the account's address
            notice_id=notice_current(council).pk,
            photos=True,
        )
    topic = TopicFactory(council=council)
    SubscriberFactory(council=council, email=member.email, phone="05321234567", topics=[topic])
    consent_give(
        council=council,
        purpose=Purpose.NEWSLETTER,
        email=member.email,
        notice=notice_current(council),
        user=member,
    )
    return member


def test_erasure_keeps_the_ledger_and_the_audit_trail_and_leaves_no_trace(client, cast):
    council = cast.council_a
    treasurer = cast.treasurer_a
    treasurer.full_name = "Mehmet Karaçalı"
    treasurer.save(update_fields=["full_name"])
    make_line(treasurer, council, initial="1500.00")
    body = BodyFactory(council=council, name="Yürütme Kurulu", slug="yurutme")
    BodyMemberFactory(body=body, full_name="Mehmet Karaçalı", user=treasurer, title="Sayman")
    audit_record(actor=None, action="auth.login_failed", after={"login": treasurer.email})
    audit_record(actor=treasurer, action="body.member_add", after={"name": "Mehmet Karaçalı"})
    member = _member_with_traces(cast)
    bystander = SubscriberFactory(council=council, email="komsu@ornek.test")

    entries = list(LedgerEntry.objects.filter(created_by=treasurer).values_list("pk", flat=True))
    assert entries
    total = LedgerEntry.objects.filter(council=council).aggregate(t=Sum("amount"))["t"]
    audit_ids = set(AuditRecord.objects.values_list("pk", flat=True))
    needles = {
        treasurer: [treasurer.email, "Mehmet Karaçalı"],
        member: [member.email, "Zeynep Işıkoğlu", "05321234567"],
    }
    assert _tables_mentioning(needles[treasurer]) and _tables_mentioning(needles[member])

    request = erasure_request_create(user=member)
    for person in (treasurer, member):
        pseudonym = person_erase(actor=cast.platform_admin, user=person)
        assert pseudonym == f"Silinmiş kullanıcı #{person.pk}"
        assert _tables_mentioning(needles[person]) == {}

    # The public record stays: every ledger entry, the totals, every audit row.
    assert LedgerEntry.objects.filter(council=council).aggregate(t=Sum("amount"))["t"] == total
    assert list(
        LedgerEntry.objects.filter(pk__in=entries).values_list("created_by", flat=True)
    ) == [treasurer.pk] * len(entries)
    assert audit_ids <= set(AuditRecord.objects.values_list("pk", flat=True))
    erasures = AuditRecord.objects.filter(action="privacy.erasure")
    assert erasures.count() == 2  # that an erasure happened, not what was erased
    assert all(r.before is None and r.after is None for r in erasures)
    treasurer.refresh_from_db()
    assert str(treasurer) == f"Silinmiş kullanıcı #{treasurer.pk}"
    assert not treasurer.is_active and not treasurer.has_usable_password()
    request.refresh_from_db()
    assert request.status == ErasureStatus.DONE and request.user_id == member.pk
    assert SubscriberFactory._meta.model.objects.filter(pk=bystander.pk).exists()

    # Public pages show the pseudonym where the name was.
    html = client.get(f"/{council.slug}/kurullar/yurutme/").content.decode()
    assert f"Silinmiş kullanıcı #{treasurer.pk}" in html and "Karaçalı" not in html
    # The account cannot sign in any more.
    assert not client.login(email=needles[treasurer][0], password="parola-123")


def test_the_export_holds_every_personal_field_of_the_person_and_nothing_of_others(client, cast):
    member = _member_with_traces(cast)
    other = cast.editor_a
    make_event(cast.council_a, title="Başka", registration_mode="onsite")
    SubscriberFactory(council=cast.council_a, email=other.email, phone="05000000000")
    client.force_login(member)
    response = client.get("/hesabim/verilerim/", {"bicim": "json"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)

    # The same walk: every holding where the person has rows, with every personal field.
    expected = {}
    for holding in HOLDINGS:
        model = holding.model_class()
        if model is None or (holding.erase == KEEP and not holding.fields):
            continue
        # Links to an account are the person (exported once, as "person") or authorship.
        personal = {
            name
            for name in personal_field_names(model)
            if not model._meta.get_field(name).is_relation
        }
        rows = (
            model.objects.filter(**{f"{holding.by}__iexact": member.email})
            if holding.by_email
            else model.objects.filter(**{holding.by: member})
        )
        if rows.exists():
            expected[holding.model] = (rows.count(), personal)
    assert {"events.Registration", "outreach.Subscriber", "privacy.Consent"} <= set(expected)
    for label, (count, personal) in expected.items():
        assert len(data["records"][label]) == count, label
        for row in data["records"][label]:
            assert personal <= set(row), (label, personal - set(row))
    assert data["person"]["email"] == member.email
    assert data["records"]["outreach.Subscriber"][0]["phone"] == "05321234567"
    text = response.content.decode()
    assert other.email not in text and "05000000000" not in text
    # The readable page shows the same.
    html = client.get("/hesabim/verilerim/").content.decode()
    assert "05321234567" in html and "Kent Forumu" in html and other.email not in html


def test_asking_for_erasure_is_one_post_and_staff_answer_it(client, cast):
    client.force_login(cast.member_a)
    assert client.post("/hesabim/verilerim/silme-talebi/").status_code == 302
    client.post("/hesabim/verilerim/silme-talebi/")  # a second click makes no second request
    request = ErasureRequest.objects.get(user=cast.member_a)
    # Thirty days from the day of the request in Istanbul (after 21:00 UTC: tomorrow there).
    assert (request.due_on - timezone.localdate(request.requested_at)).days == 30
    assert client.get("/gizlilik/talepler/").status_code == 403
    client.force_login(cast.platform_admin)
    page = client.get("/gizlilik/talepler/").content.decode()
    assert f'action="/gizlilik/talepler/{request.pk}/"' in page
    client.post(f"/gizlilik/talepler/{request.pk}/", {"karar": "ret", "yanit": ""})
    request.refresh_from_db()
    assert request.status == ErasureStatus.OPEN  # a refusal needs its reason
    client.post(f"/gizlilik/talepler/{request.pk}/", {"karar": "sil"})
    request.refresh_from_db()
    assert request.status == ErasureStatus.DONE
    assert get_user_model().objects.get(pk=cast.member_a.pk).email.endswith("@silinmis.invalid")


def test_an_erased_persons_seat_goes_to_the_first_person_waiting(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    council = cast.council_a
    event = make_event(council, title="Dolu Forum", registration_mode="onsite", capacity=1)
    notice = notice_current(council).pk
    seat = registration_create(
        event=event, full_name="Zeynep Işıkoğlu", email=cast.member_a.email, notice_id=notice
    )
    waiting = registration_create(
        event=event, full_name="Ali Veli", email="ali@ornek.test", notice_id=notice
    )
    assert (seat.status, waiting.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(actor=cast.platform_admin, user=cast.member_a)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert not Registration.objects.filter(pk=seat.pk).exists()
    # the person moved up hears of it, as after any cancellation
    assert [message.to for message in mailoutbox] == [["ali@ornek.test"]]
