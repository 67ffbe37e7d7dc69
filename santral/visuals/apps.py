from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisualsConfig(AppConfig):
    name = "santral.visuals"
    label = "visuals"
    verbose_name = _("Görsel materyaller")

    def ready(self) -> None:
        from .signals import connect

        connect()
