from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "santral.search"
    label = "search"
    verbose_name = _("Arama")

    def ready(self) -> None:
        from . import content_providers, providers

        providers.register_builtin_providers()
        content_providers.register_content_providers()
