from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    """Sources the hub gathers (WordPress sites, RSS/Atom/iCalendar feeds, other Santral
    instances) and the shared-items feed other instances follow."""

    name = "santral.federation"
    verbose_name = _("Ağ ve kaynaklar")

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
