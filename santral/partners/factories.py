"""factory_boy factories for partners: organisations, projects, requests."""

from decimal import Decimal

import factory

from santral.councils.factories import CouncilFactory

from .models import (
    Affiliation,
    ConsentText,
    Organisation,
    OrganisationKind,
    Pledge,
    Project,
    SupportRequest,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Örnek Derneği {n}")
    slug = factory.Sequence(lambda n: f"ornek-dernegi-{n}")
    kind = OrganisationKind.ASSOCIATION
    is_public = True


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    council = factory.SubFactory(CouncilFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText
        django_get_or_create = ("version",)

    version = "2026-1"
    text = "Kişisel verileriniz 6698 sayılı KVKK kapsamında yalnızca iletişim için işlenir."


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Ortak proje {n}")
    slug = factory.Sequence(lambda n: f"ortak-proje-{n}")
    aim = "Kentte birlikte çalışmak."


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    council = factory.SubFactory(CouncilFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    subject = "Gençlik festivali için ulaşım desteği"
    text = "Konseyimizin düzenleyeceği festival için otobüs desteği rica olunur."


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    support_request = factory.SubFactory(SupportRequestFactory)
    council = factory.SelfAttribute("support_request.council")
    organisation = factory.SelfAttribute("support_request.organisation")
    what = "Otobüs"
    quantity = Decimal("2")
    value = Decimal("5000.00")
