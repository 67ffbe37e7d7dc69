"""Personas and objects for the site-wide tests (the permission matrix).

`world` extends the root `cast` with the roles it lacks (a council admin of the other
council, an institution liaison) and one object of council A of each kind a URL names.
"""

import copy
import datetime
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest


@dataclass
class World:
    cast: object
    admin_b: object
    liaison: object
    objects: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.objects[name]


def build_world(cast) -> World:
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Site, Task, Workflow

    from santral.budget.factories import make_line
    from santral.budget.models import ClassificationCode
    from santral.budget.services import expenditure_request
    from santral.content.factories import home_of, make_document_page, make_news
    from santral.content.models import Topic
    from santral.core.factories import UserFactory, give_totp
    from santral.councils.factories import BodyFactory
    from santral.councils.services import membership_set_roles
    from santral.events.factories import make_event
    from santral.federation.models import Source
    from santral.outreach.factories import AudienceFactory, SubscriberFactory, TopicFactory
    from santral.outreach.models import (
        CommunicationPlan,
        GatewayMessage,
        Newsletter,
        ParticipationRecord,
        PlanAction,
    )
    from santral.partners.factories import (
        ConsentTextFactory,
        OrganisationFactory,
        ProjectFactory,
    )
    from santral.partners.models import ContactPerson, CouncilLetterhead, Liaison, ResourceLine
    from santral.partners.services import (
        affiliation_set,
        support_request_create,
        support_request_send,
    )

    a = cast.council_a
    admin_b = UserFactory(email="admin_b@ornek.test")
    give_totp(admin_b)
    membership_set_roles(actor=None, council=cast.council_b, user=admin_b, roles=["council_admin"])

    organisation = OrganisationFactory(
        name="Seyhan Gençlik Derneği", slug="seyhan-genclik", owner_council=a
    )
    affiliation = affiliation_set(actor=cast.editor_a, council=a, organisation=organisation)
    liaison = UserFactory(email="liaison@ornek.test")
    liaison_link = Liaison.objects.create(council=a, organisation=organisation, user=liaison)
    support_request = support_request_send(
        actor=cast.editor_a,
        support_request=support_request_create(
            actor=cast.editor_a,
            council=a,
            organisation=organisation,
            subject="Salon desteği",
            text="Forum için salon rica olunur.",
        ),
    )
    consent = ConsentTextFactory()
    contact = ContactPerson.objects.create(
        council=a,
        organisation=organisation,
        full_name="Ayşe Yılmaz",
        consent_version=consent.version,
        consent_at=timezone.now(),
    )
    letterhead = CouncilLetterhead.objects.create(
        council=a,
        heading="T.C.\nSeyhan Kent Konseyi",
        signatory_name="Ali Işık",
        signatory_title="Başkan",
    )
    project = ProjectFactory(council=a, title="Engelsiz Seyhan", slug="engelsiz-seyhan")

    body = BodyFactory(council=a, name="Gençlik Meclisi", slug="genclik-meclisi")
    event = make_event(a, title="Kent Forumu", slug="kent-forumu")
    news = make_news(a, title="Haber", slug="haber")
    document_page = make_document_page(a, title="Karar", slug="karar")
    document = document_page.files.first().document
    line = make_line(cast.treasurer_a, a, initial="1000.00")
    expenditure = expenditure_request(
        actor=cast.editor_a,
        council=a,
        fiscal_year=2026,
        line=line,
        title="Çay ikramı",
        estimated_amount=Decimal("10.00"),
    )
    resource_line = ResourceLine.objects.create(
        council=a,
        event=event,
        kind="venue",
        description="Salon",
        quantity=Decimal("1"),
        unit_cost=Decimal("0"),
        estimated_total=Decimal("0"),
        source="uncovered",
    )
    audience = AudienceFactory(council=a)
    topic = TopicFactory(council=a)
    subscriber = SubscriberFactory(council=a, topics=[topic])
    record = ParticipationRecord.objects.create(
        council=a, activity_title="Forum", held_on=datetime.date(2026, 5, 5), total_participants=10
    )
    plan = CommunicationPlan.objects.create(
        council=a,
        title="Plan",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        objectives="Duyurmak",
    )
    action = PlanAction.objects.create(
        plan=plan,
        title="Afiş",
        channel="print",
        owner="Sekreterya",
        due_on=datetime.date(2026, 6, 1),
    )
    newsletter = Newsletter.objects.create(council=a, topic=topic, subject="Bülten", body="Metin")
    gateway = GatewayMessage.objects.create(council=a, channel="sms", topic=topic, text="Duyuru")
    code = ClassificationCode.objects.filter(council__isnull=True).first()
    image = get_image_model()(title="Logo")

    image.file.save("logo.png", ContentFile(_png()), save=False)
    image.width, image.height = 2, 2
    image.save()
    objects = {
        "council": a,
        "council_b": cast.council_b,
        "body": body,
        "event": event,
        "news": news,
        "home": home_of(a),
        "document_page": document_page,
        "document": document,
        "image": image,
        "line": line,
        "expenditure": expenditure,
        "organisation": organisation,
        "affiliation": affiliation,
        "liaison_link": liaison_link,
        "support_request": support_request,
        "consent": consent,
        "contact": contact,
        "letterhead": letterhead,
        "project": project,
        "resource_line": resource_line,
        "audience": audience,
        "topic": topic,
        "subscriber": subscriber,
        "record": record,
        "plan": plan,
        "action": action,
        "newsletter": newsletter,
        "gateway": gateway,
        "code": code,
        "content_topic": Topic.objects.create(name="Çevre"),
        "collection": Collection.get_first_root_node(),
        "site": Site.objects.get(is_default_site=True),
        "workflow": Workflow.objects.first(),
        "task": Task.objects.first(),
        "group": Group.objects.filter(name__startswith="santral:").first(),
        "redirect": Redirect.objects.create(old_path="/eski", redirect_link="/"),
        "user": cast.member_a,
        "source": Source.objects.create(
            council=a, kind="feed", url="https://ornek.example/feed/", name="Örnek kaynak"
        ),
    }
    return World(cast=cast, admin_b=admin_b, liaison=liaison, objects=objects)


@pytest.fixture(scope="module")
def _module_world(_module_cast, django_db_blocker):
    """The world, built once per module inside the module's transaction (see the root
    conftest.py: SHARED_FIXTURES)."""
    with django_db_blocker.unblock():
        return build_world(_module_cast)


@pytest.fixture
def world(request, cast):
    if "_module_world" in request.fixturenames:
        shared = copy.deepcopy(request.getfixturevalue("_module_world"))
        shared.cast = cast
        return shared
    return build_world(cast)


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo built as `make run` builds it (tests/demo_build.py): (its folder, the
    outputs of migrate, load_demo, the worker and the worker's log)."""
    from tests.demo_build import demo_build

    shared = os.environ.get("SANTRAL_DEMO_BUILD")
    folder = Path(shared) if shared else tmp_path_factory.mktemp("demo-build")
    return folder, demo_build(folder)
