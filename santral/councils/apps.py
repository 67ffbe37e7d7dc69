from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "santral.councils"
    label = "councils"
    verbose_name = _("Kent konseyleri")

    def ready(self) -> None:
        from santral.core.registry import (
            register_account_provider,
            register_activity_provider,
            register_demo_loader,
        )

        from . import signals  # noqa: F401
        from .demo import load_councils_demo
        from .selectors import account_memberships, recent_councils_activity

        register_activity_provider(recent_councils_activity)
        register_demo_loader("councils", load_councils_demo)
        register_account_provider(account_memberships)

        from .council_home import register as register_council_home

        register_council_home()
