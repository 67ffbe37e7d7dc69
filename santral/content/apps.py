from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "santral.content"
    label = "content"
    verbose_name = _("İçerik")

    def ready(self) -> None:
        from santral.core.registry import (
            register_activity_provider,
            register_demo_loader,
            register_shared_provider,
        )

        from . import signals  # noqa: F401
        from .demo import load_content_demo
        from .selectors import recent_content_activity, shared_content_activity

        register_activity_provider(recent_content_activity)
        register_shared_provider(shared_content_activity)
        register_demo_loader("content", load_content_demo)

        from .council_home import register as register_council_home

        register_council_home()
