"""factory_boy factories for core models; other apps import these in their own factories."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"kisi{n}@ornek.test")
    username = factory.LazyAttribute(lambda user: user.email)
    full_name = factory.Faker("name", locale="tr_TR")
    password = factory.django.Password("parola-123")

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """Users from the factory have confirmed their e-mail, as allauth requires to log in."""
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


def give_totp(user) -> None:
    """Activate a TOTP authenticator for the user, as finishing allauth's set-up would."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.signals import authenticator_added
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    totp = TOTP.activate(user, generate_totp_secret())
    authenticator_added.send(
        sender=Authenticator, request=None, user=user, authenticator=totp.instance
    )
