from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "santral.outreach"
    label = "outreach"
    verbose_name = _("İletişim ve temsil")

    def ready(self) -> None:
        from santral.core.registry import register_account_provider, register_demo_loader

        from .demo import load_outreach_demo
        from .selectors import account_subscriptions

        register_demo_loader("outreach", load_outreach_demo)
        register_account_provider(account_subscriptions)

        from santral.privacy.services import consent_withdrawn

        from .services import subscriber_consent_withdrawn

        consent_withdrawn.connect(subscriber_consent_withdrawn, dispatch_uid="outreach_consent")

        from .council_home import register as register_council_home

        register_council_home()
