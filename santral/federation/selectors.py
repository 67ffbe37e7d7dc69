"""Reads of federation for the back office: sources a user manages and their runs."""

from django.db.models import QuerySet

from santral.councils.models import Council
from santral.councils.permissions import Capability, councils_with_capability

from .models import HarvestRun, Source


def source_councils(user) -> QuerySet[Council]:
    """Councils whose sources the user manages (council admins; all for the platform admin)."""
    return councils_with_capability(user, Capability.EDIT_PROFILE)


def sources_of(council: Council | None) -> QuerySet[Source]:
    sources = (
        Source.objects.filter(council=council)
        if council
        else Source.objects.filter(council__isnull=True)
    )
    return sources.order_by("name", "pk")


def runs_of(source: Source) -> QuerySet[HarvestRun]:
    return HarvestRun.objects.filter(source=source).order_by("-started_at", "-pk")
