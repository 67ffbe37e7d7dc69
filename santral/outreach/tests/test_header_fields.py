"""Header-bound text (issue 14, item 10): a newsletter subject with a line break is refused
with a Turkish message when it is written, not when the send fails."""

import pytest
from django.core.exceptions import ValidationError

from santral.outreach.factories import SubscriberFactory, TopicFactory
from santral.outreach.forms import NewsletterForm
from santral.outreach.models import Newsletter, NewsletterStatus
from santral.outreach.services import newsletter_queue, newsletter_save

pytestmark = pytest.mark.django_db

BROKEN_SUBJECTS = ["Kasım\r\nBcc: herkes@example.org", "Kasım\nbülteni", "Kasım\u2028bülteni"]
MESSAGE = "tek satır olmalı"


@pytest.mark.parametrize("subject", BROKEN_SUBJECTS)
def test_the_service_refuses_a_subject_with_a_line_break(cast, subject):
    topic = TopicFactory(council=cast.council_a)
    with pytest.raises(ValidationError) as error:
        newsletter_save(
            actor=cast.editor_a,
            newsletter=Newsletter(council=cast.council_a, topic=topic, subject=subject, body="x"),
        )
    assert MESSAGE in str(error.value.message_dict["subject"])
    assert not Newsletter.objects.exists()


def test_the_form_refuses_it_in_turkish(client, cast):
    topic = TopicFactory(council=cast.council_a)
    form = NewsletterForm(
        data={"topic": topic.pk, "subject": BROKEN_SUBJECTS[0], "body": "x"},
        council=cast.council_a,
    )
    assert not form.is_valid() and MESSAGE in form.errors["subject"][0]
    client.force_login(cast.editor_a)
    response = client.post(
        f"/admin/iletisim/{cast.council_a.pk}/bultenler/yeni/",
        {"topic": topic.pk, "subject": "Kasım\r\nbülteni", "body": "Metin"},
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not Newsletter.objects.exists()


def test_a_row_written_past_the_service_is_not_queued(cast, mailoutbox):
    topic = TopicFactory(council=cast.council_a)
    SubscriberFactory(council=cast.council_a, topics=[topic])
    newsletter = Newsletter.objects.create(
        council=cast.council_a, topic=topic, subject="Kasım\nbülteni", body="x"
    )
    with pytest.raises(ValidationError):
        newsletter_queue(actor=cast.editor_a, newsletter=newsletter)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT and not newsletter.deliveries.exists()
    assert mailoutbox == []


def test_invisible_characters_leave_the_subject(cast):
    topic = TopicFactory(council=cast.council_a)
    saved = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(
            council=cast.council_a, topic=topic, subject="Kasım\u200b \u202ebülteni", body="x"
        ),
    )
    saved.refresh_from_db()
    assert saved.subject == "Kasım bülteni"
