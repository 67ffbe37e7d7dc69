from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "santral.outreach"
    label = "outreach"
    verbose_name = _("İletişim ve temsil")

    def ready(self) -> None:
        from santral.core.registry import register_demo_loader

        from .demo import load_outreach_demo

        register_demo_loader("outreach", load_outreach_demo)

        from .council_home import register as register_council_home

        register_council_home()
