"""The budget app's section of a council's home page: this year's totals, when public."""

from django.utils import timezone

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .models import TransparencyLevel
from .selectors import year_totals
from .services import budget_settings_for


def budget_summary(council) -> dict | None:
    """Initial, revised and paid totals of the current year; None when not public or empty.

    Everyone sees the public figures here (staff see the rest on the transparency page).
    """
    if budget_settings_for(council).transparency == TransparencyLevel.NONE:
        return None
    year = timezone.localdate().year
    total = year_totals(council, year)
    if not (total.initial or total.revised or total.paid):
        return None
    return {"year": year, "total": total}


def register() -> None:
    register_council_home_section(
        CouncilHomeSection("budget", 40, "budget/council_home/budget.html", budget_summary)
    )
