"""Dashboard panels of the budget: requests awaiting my approval, expenditures to pay.

Both are for people who may manage money (`can_manage_money`: treasurers, the platform
admin) in the councils where they may; an editor who only sees the figures gets neither.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from santral.core.dashboard import PanelItem, TaskPanel, count_and_first
from santral.councils.permissions import Capability, councils_with_capability

from .models import Expenditure, ExpenditureApproval
from .templatetags.budget_tags import tl

TO_PAY = (Expenditure.Status.APPROVED, Expenditure.Status.COMMITTED)


def expenditures_awaiting_my_approval(user) -> QuerySet[Expenditure]:
    """Requests in my money councils that I may still approve (not mine, not yet by me)."""
    councils = councils_with_capability(user, Capability.MANAGE_MONEY)
    approved_by_me = ExpenditureApproval.objects.filter(expenditure=OuterRef("pk"), approver=user)
    return (
        Expenditure.objects.filter(council__in=councils, status=Expenditure.Status.REQUESTED)
        .exclude(author=user)
        .exclude(Exists(approved_by_me))
        .select_related("council")
        .order_by("requested_at", "pk")
    )


def expenditures_to_pay(user) -> QuerySet[Expenditure]:
    """Approved (to commit) and committed (to pay) expenditures in my money councils."""
    councils = councils_with_capability(user, Capability.MANAGE_MONEY)
    return (
        Expenditure.objects.filter(council__in=councils, status__in=TO_PAY)
        .select_related("council")
        .order_by("requested_at", "pk")
    )


def _item(expenditure: Expenditure) -> PanelItem:
    # Straight to the expense's step page, where the next step's form is.
    url = reverse(
        "santral_budget_expenditure",
        args=[expenditure.council_id, expenditure.fiscal_year, expenditure.pk],
    )
    amount = expenditure.committed_amount or expenditure.estimated_amount
    meta = f"{expenditure.council.name} · {tl(amount)} TL · {expenditure.get_status_display()}"
    return PanelItem(title=expenditure.title, url=url, meta=meta)


def budget_panels(user) -> list[TaskPanel]:
    if not councils_with_capability(user, Capability.MANAGE_MONEY).exists():
        return []
    index = reverse("santral_budget_index")
    count, first = count_and_first(expenditures_awaiting_my_approval(user))
    approvals = TaskPanel(
        name="santral-expenditures-to-approve",
        heading=_("Onayınızı bekleyen harcamalar"),
        count=count,
        items=[_item(row) for row in first],
        summary=ngettext(
            "%(count)s harcama talebi onayınızı bekliyor.",
            "%(count)s harcama talebi onayınızı bekliyor.",
            count,
        )
        % {"count": count},
        empty=_("Onayınızı bekleyen harcama talebi yok."),
        more_url=index,
        more_label=_("Bütçe ve kaynaklar"),
        order=110,
    )
    count, first = count_and_first(expenditures_to_pay(user))
    to_pay = TaskPanel(
        name="santral-expenditures-to-pay",
        heading=_("Ödenecek harcamalar"),
        count=count,
        items=[_item(row) for row in first],
        summary=ngettext(
            "%(count)s onaylı harcama taahhüt ya da ödeme bekliyor.",
            "%(count)s onaylı harcama taahhüt ya da ödeme bekliyor.",
            count,
        )
        % {"count": count},
        empty=_("Ödeme bekleyen harcama yok."),
        more_url=index,
        more_label=_("Bütçe ve kaynaklar"),
        order=120,
    )
    return [approvals, to_pay]
