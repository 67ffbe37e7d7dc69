from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "santral.budget"
    label = "budget"
    verbose_name = _("Bütçe ve kaynaklar")

    def ready(self) -> None:
        from santral.core.immutability import register_immutable
        from santral.core.registry import register_demo_loader

        from .demo import load_budget_demo

        register_demo_loader("budget", load_budget_demo)
        # Posted ledger entries never change (there is no draft state: an entry exists only
        # once posted); deleting the user who posted one only clears created_by.
        register_immutable("budget_ledgerentry", nullable=("created_by_id",))

        from .council_home import register as register_council_home

        register_council_home()
