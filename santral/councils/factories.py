import factory

from .models import Body, BodyMember, Council, District, Membership, Province
from .services import council_create


class CouncilFactory(factory.django.DjangoModelFactory):
    """Builds a council through the service, so it has its home page and Wagtail groups."""

    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Örnek Kent Konseyi {n}")
    slug = factory.Sequence(lambda n: f"ornek-{n}")
    kind = "ilce"
    province = factory.LazyFunction(lambda: Province.objects.get(plate="01"))
    district = factory.LazyAttribute(
        lambda council: District.objects.filter(province=council.province).order_by("sort_key")[0]
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return council_create(actor=None, **kwargs)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    council = factory.SubFactory(CouncilFactory)
    kind = "working_group"
    name = factory.Sequence(lambda n: f"Çalışma Grubu {n}")
    slug = factory.Sequence(lambda n: f"calisma-grubu-{n}")
    purpose = "Örnek amaç metni."


class BodyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyMember

    body = factory.SubFactory(BodyFactory)
    full_name = factory.Faker("name", locale="tr_TR")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    council = factory.SubFactory(CouncilFactory)
    role = "member"
