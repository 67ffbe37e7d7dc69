from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "santral.partners"
    label = "partners"
    verbose_name = _("Paydaşlar ve ortak projeler")

    def ready(self) -> None:
        from santral.core.registry import register_demo_loader

        from .demo import load_partners_demo

        register_demo_loader("partners", load_partners_demo)

        from .council_home import register as register_council_home

        register_council_home()
