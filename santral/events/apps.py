from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "santral.events"
    label = "events"
    verbose_name = _("Etkinlikler")

    def ready(self) -> None:
        from santral.content.selectors import ListKind, register_list_kind
        from santral.core.registry import (
            register_account_provider,
            register_activity_provider,
            register_demo_loader,
        )

        from .demo import load_events_demo
        from .models import EventPage
        from .selectors import account_registrations, upcoming_events_activity

        register_list_kind(
            ListKind(
                "events",
                EventPage,
                "etkinlikler",
                ("-start_at", "-pk"),
                "start_at",
                extra_related=("lead_image",),
            )
        )
        register_activity_provider(upcoming_events_activity)
        register_demo_loader("events", load_events_demo)
        register_account_provider(account_registrations)

        from santral.privacy.erasure import person_erasing
        from santral.privacy.services import consent_withdrawn

        from .services import registration_consent_withdrawn, registrations_of_erased_person

        consent_withdrawn.connect(registration_consent_withdrawn, dispatch_uid="events_consent")
        person_erasing.connect(registrations_of_erased_person, dispatch_uid="events_erasure")

        from .council_home import register as register_council_home

        register_council_home()
