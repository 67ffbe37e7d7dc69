"""Dashboard panels of the partners app: events with a resource gap, requests awaiting answer.

Both are for people who manage partners (`can_manage_partners`: editors, council admins,
the platform admin) in the councils where they may.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from santral.core.dashboard import PANEL_ITEMS, PanelItem, TaskPanel, count_and_first
from santral.councils.permissions import Capability, councils_with_capability

from .models import RequestStatus, ResourceLine, SupportRequest
from .selectors.resources import EventReadiness, events_readiness


def events_with_resource_gap(user) -> list[EventReadiness]:
    """Coming events of my councils whose resource plan still misses something, soonest first.

    Only events with a plan are read (a constant number of queries, see `events_readiness`).
    """
    from santral.events.models import EventPage

    councils = councils_with_capability(user, Capability.MANAGE_PARTNERS)
    events = (
        EventPage.objects.filter(
            council__in=councils,
            end_at__gte=timezone.now(),
            pk__in=ResourceLine.objects.values("event_id"),
        )
        .select_related("council")
        .order_by("start_at", "pk")
    )
    return [row for row in events_readiness(events) if row.gap.items_uncovered]


def requests_awaiting_answer(user) -> QuerySet[SupportRequest]:
    """Support requests of my councils that were sent and have no answer yet, oldest first."""
    councils = councils_with_capability(user, Capability.MANAGE_PARTNERS)
    return (
        SupportRequest.objects.filter(council__in=councils, status=RequestStatus.SENT, answer="")
        .select_related("organisation", "council")
        .order_by("letter_date", "sent_at", "pk")
    )


def partner_panels(user) -> list[TaskPanel]:
    if not councils_with_capability(user, Capability.MANAGE_PARTNERS).exists():
        return []
    gaps = events_with_resource_gap(user)
    events = TaskPanel(
        name="santral-events-with-gap",
        heading=_("Kaynağı eksik etkinlikler"),
        count=len(gaps),
        items=[
            PanelItem(
                title=row.event.title,
                url=reverse("santral_resource_plan", args=[row.event.pk]),
                meta=_("%(date)s · %(count)s kalem karşılanmadı")
                % {
                    "date": date_format(timezone.localtime(row.event.start_at), "j F Y"),
                    "count": row.gap.items_uncovered,
                },
            )
            for row in gaps[:PANEL_ITEMS]
        ],
        summary=ngettext(
            "%(count)s yaklaşan etkinliğin kaynak planında eksik var.",
            "%(count)s yaklaşan etkinliğin kaynak planında eksik var.",
            len(gaps),
        )
        % {"count": len(gaps)},
        empty=_("Yaklaşan etkinliklerin kaynak planlarında eksik yok."),
        more_url=reverse("santral_resource_plans"),
        more_label=_("Kaynak planları"),
        order=130,
    )
    count, first = count_and_first(requests_awaiting_answer(user))
    requests = TaskPanel(
        name="santral-requests-awaiting-answer",
        heading=_("Yanıt bekleyen destek yazıları"),
        count=count,
        items=[
            PanelItem(
                title=row.subject,
                url=reverse("santral_partner_request", args=[row.pk]),
                meta=" · ".join(
                    part
                    for part in (
                        row.organisation.name,
                        row.reference,
                        date_format(row.letter_date, "j F Y") if row.letter_date else "",
                    )
                    if part
                ),
            )
            for row in first
        ],
        summary=ngettext(
            "%(count)s destek yazısı kurumun yanıtını bekliyor.",
            "%(count)s destek yazısı kurumun yanıtını bekliyor.",
            count,
        )
        % {"count": count},
        empty=_("Yanıt bekleyen destek yazısı yok."),
        more_url=reverse("santral_partner_dashboard_index"),
        more_label=_("Ortaklık panosu"),
        order=140,
    )
    return [events, requests]
