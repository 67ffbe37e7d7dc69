from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "santral.privacy"
    label = "privacy"
    verbose_name = _("Kişisel verilerin korunması")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from santral.core.registry import register_account_provider
        from santral.councils.models import Council

        from .selectors import account_privacy
        from .services import notice_follow_council

        def _council_saved(sender, instance, raw=False, **kwargs):
            if not raw:
                notice_follow_council(council=instance)

        # weak=False: the receiver is local to this method and would be collected otherwise.
        post_save.connect(
            _council_saved, sender=Council, weak=False, dispatch_uid="privacy_notice_follow"
        )
        register_account_provider(account_privacy)
