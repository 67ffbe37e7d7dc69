from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Santral: replica routing, health, metrics, schedule, backup (docs/deploy.md)."""

    name = "santral.ops"
    label = "ops"
    verbose_name = _("İşletim")

    def ready(self) -> None:
        from . import task_origin

        task_origin.connect_signals()
