from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """The open-data catalogue: every public dataset of every council, described in DCAT-AP."""

    name = "santral.opendata"
    verbose_name = _("Açık veri")
