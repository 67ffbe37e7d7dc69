import factory
from django.utils import timezone

from santral.councils.factories import CouncilFactory

from .models import Audience, NewsletterTopic, Subscriber, SubscriberStatus


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    council = factory.SubFactory(CouncilFactory)
    kind = "custom"
    slug = factory.Sequence(lambda n: f"kitle-{n}")
    name = factory.Sequence(lambda n: f"Kitle {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterTopic

    council = factory.SubFactory(CouncilFactory)
    slug = factory.Sequence(lambda n: f"konu-{n}")
    name = factory.Sequence(lambda n: f"Konu {n}")


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber; pass topics=[...] to subscribe it."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    email = factory.Sequence(lambda n: f"abone{n}@ornek.test")
    status = SubscriberStatus.CONFIRMED
    consent_text_version = "test"
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(subscriber, create, extracted, **kwargs):
        if create and extracted:
            subscriber.topics.set(extracted)
