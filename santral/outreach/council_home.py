"""The outreach app's sections of a council's home page: representation and newsletter."""

from django.db.models import Count, Sum

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .models import ParticipationRecord
from .selectors import public_topics


def representation_summary(council) -> dict | None:
    """How many activities and participants were recorded; None before the first record."""
    figures = ParticipationRecord.objects.filter(council=council).aggregate(
        activities=Count("pk"), participants=Sum("total_participants")
    )
    return figures if figures["activities"] else None


def newsletter_topics(council) -> list:
    """The topics one can subscribe to; no topic, no sign-up."""
    return list(public_topics(council=council))


def register() -> None:
    register_council_home_section(
        CouncilHomeSection(
            "representation",
            50,
            "outreach/council_home/representation.html",
            representation_summary,
        )
    )
    register_council_home_section(
        CouncilHomeSection(
            "newsletter", 70, "outreach/council_home/newsletter.html", newsletter_topics
        )
    )
