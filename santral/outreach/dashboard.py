"""Dashboard panel of outreach: newsletters not yet sent (drafts to send, issues being sent).

For people who manage outreach (`can_manage_outreach`: editors, council admins, the platform
admin) in the councils where they may.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from santral.core.dashboard import PanelItem, TaskPanel, count_and_first
from santral.councils.permissions import Capability, councils_with_capability

from .models import Newsletter, NewsletterStatus

WAITING = (NewsletterStatus.DRAFT, NewsletterStatus.SENDING)


def newsletters_waiting(user) -> QuerySet[Newsletter]:
    councils = councils_with_capability(user, Capability.MANAGE_OUTREACH)
    return (
        Newsletter.objects.filter(council__in=councils, status__in=WAITING)
        .select_related("council", "topic")
        .order_by("-created_at", "-pk")
    )


def outreach_panels(user) -> list[TaskPanel]:
    if not councils_with_capability(user, Capability.MANAGE_OUTREACH).exists():
        return []
    count, first = count_and_first(newsletters_waiting(user))
    return [
        TaskPanel(
            name="santral-newsletters-waiting",
            heading=_("Gönderilmeyi bekleyen bültenler"),
            count=count,
            items=[
                PanelItem(
                    title=row.subject,
                    url=reverse("santral_outreach_newsletter", args=[row.council_id, row.pk]),
                    meta=f"{row.council.name} · {row.topic.name} · {row.get_status_display()}",
                )
                for row in first
            ],
            summary=ngettext(
                "%(count)s bülten henüz gönderilmedi.",
                "%(count)s bülten henüz gönderilmedi.",
                count,
            )
            % {"count": count},
            empty=_("Gönderilmeyi bekleyen bülten yok."),
            more_url=reverse("santral_outreach_index"),
            more_label=_("İletişim ve temsil"),
            order=150,
        )
    ]
