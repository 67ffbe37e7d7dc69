"""Two-step moderation where people work: who waits for whom.

- An editor of a council that moderates (CouncilContentSettings.moderation_required, switched
  by its admins under "İki aşamalı onay") sees a notice that publishing needs an admin's
  approval, on the dashboard and when opening the page editor, and a panel of their own
  pages awaiting approval.
- Whoever may approve (`can_approve_content`: the council admin, the platform admin) sees
  the pages of their councils awaiting approval.
"""

from django.db.models import F, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, WorkflowState

from santral.core.dashboard import PanelItem, TaskPanel, count_and_first
from santral.councils.models import CouncilHomePage
from santral.councils.permissions import Capability, councils_with_capability

from .models import CouncilContentSettings

IN_PROGRESS = WorkflowState.STATUS_IN_PROGRESS
HOME_PATH_LENGTH = 3 * Page.steplen  # root → hub → council home


def _pages_in_moderation(**state) -> QuerySet[Page]:
    """Pages with a workflow in progress; `state` narrows that same workflow state (one join)."""
    return (
        Page.objects.filter(_workflow_states__status=IN_PROGRESS, **state)
        .annotate(
            waiting_since=F("_workflow_states__created_at"),
            home_path=Substr("path", 1, HOME_PATH_LENGTH),
        )
        .order_by("waiting_since", "pk")
    )


def pages_awaiting_my_approval(user) -> QuerySet[Page]:
    """Pages of the councils where I may approve, submitted and not yet approved or rejected."""
    councils = councils_with_capability(user, Capability.APPROVE_CONTENT)
    homes = CouncilHomePage.objects.filter(council__in=councils).values("path")
    return _pages_in_moderation().filter(home_path__in=homes, depth__gt=3)


def my_pages_awaiting_approval(user) -> QuerySet[Page]:
    """The pages I submitted that still wait for approval."""
    return _pages_in_moderation(_workflow_states__requested_by=user)


def moderated_councils_for_editor(user):
    """Councils where I edit, publishing needs approval, and I may not approve myself."""
    editing = councils_with_capability(user, Capability.EDIT_CONTENT)
    approving = councils_with_capability(user, Capability.APPROVE_CONTENT)
    moderated = CouncilContentSettings.objects.filter(moderation_required=True).values("council")
    return editing.filter(pk__in=moderated).exclude(pk__in=approving.values("pk"))


def moderation_notice() -> str:
    return _(
        "Yayımlamak için yönetici onayı gerekir: gönderdiğiniz sayfalar konsey "
        "yöneticisinin onayını bekliyor."
    )


def _item(page: Page) -> PanelItem:
    return PanelItem(
        title=page.get_admin_display_title(),
        url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )


def content_panels(user) -> list[TaskPanel]:
    panels = []
    moderated = list(moderated_councils_for_editor(user).values_list("name", flat=True))
    if moderated:
        count, first = count_and_first(my_pages_awaiting_approval(user))
        panels.append(
            TaskPanel(
                name="santral-my-pages-in-moderation",
                heading=_("Onay bekleyen sayfalarım"),
                count=count,
                items=[_item(page) for page in first],
                summary=ngettext(
                    "Gönderdiğiniz %(count)s sayfa konsey yöneticisinin onayını bekliyor.",
                    "Gönderdiğiniz %(count)s sayfa konsey yöneticisinin onayını bekliyor.",
                    count,
                )
                % {"count": count},
                empty=_("Onay bekleyen sayfanız yok."),
                notice=moderation_notice() + " (" + ", ".join(moderated) + ")",
                order=90,
            )
        )
    approving = councils_with_capability(user, Capability.APPROVE_CONTENT)
    moderating = CouncilContentSettings.objects.filter(moderation_required=True)
    if approving.filter(pk__in=moderating.values("council")).exists():
        count, first = count_and_first(pages_awaiting_my_approval(user))
        panels.append(
            TaskPanel(
                name="santral-pages-to-approve",
                heading=_("Onayınızı bekleyen sayfalar"),
                count=count,
                items=[_item(page) for page in first],
                summary=ngettext(
                    "%(count)s sayfa yayımlanmak için onayınızı bekliyor.",
                    "%(count)s sayfa yayımlanmak için onayınızı bekliyor.",
                    count,
                )
                % {"count": count},
                empty=_("Onayınızı bekleyen sayfa yok."),
                order=100,
            )
        )
    return panels
