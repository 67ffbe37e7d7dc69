from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "santral.core"
    label = "core"
    verbose_name = _("Çekirdek")

    def ready(self) -> None:
        from .accounts import audit as account_audit
        from .page_cache import connect_signals

        connect_signals()
        account_audit.connect_mfa_signals()
