from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "santral.decisions"
    label = "decisions"
    verbose_name = _("Toplantılar ve kararlar")

    def ready(self) -> None:
        from santral.core.registry import register_demo_loader

        from .council_home import register as register_council_home
        from .demo import load_decisions_demo

        # After partners: the referral letters use the council's letterhead prefix.
        register_demo_loader("decisions", load_decisions_demo)
        register_council_home()
