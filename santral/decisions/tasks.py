"""Background work of decisions (docs/tasks.md): the overdue-recommendation reminder.

A recommendation is overdue when it was referred to the municipal assembly, the assembly's
first meeting after the referral (`due_on`) has passed, and no agenda entry is recorded. The
council's secretariat (council admins and editors) gets one e-mail per council listing the
newly overdue ones; each recommendation is reminded about once (`overdue_reminded_on`).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from santral.councils.models import Membership, Role

from .models import JourneyState, Recommendation


def overdue_recommendations(today):
    return (
        Recommendation.objects.filter(
            state=JourneyState.REFERRED, due_on__lt=today, overdue_reminded_on__isnull=True
        )
        .select_related("council", "body")
        .order_by("council_id", "due_on", "pk")
    )


def _secretariat_addresses(council) -> list[str]:
    emails = Membership.objects.filter(
        council=council, role__in=[Role.COUNCIL_ADMIN, Role.EDITOR], user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted({e for e in emails if e})


@task(queue_name="email")
def send_overdue_reminders() -> int:
    """Mail each council's secretariat about newly overdue recommendations; returns mails sent.
    A recommendation is claimed (marked) in the same transaction as its mail is sent."""
    today = timezone.localdate()
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    by_council: dict[int, list[Recommendation]] = {}
    for r in overdue_recommendations(today):
        by_council.setdefault(r.council_id, []).append(r)
    for items in by_council.values():
        council = items[0].council
        with transaction.atomic():
            claimed = Recommendation.objects.filter(
                pk__in=[r.pk for r in items], overdue_reminded_on__isnull=True
            ).update(overdue_reminded_on=today)
            addresses = _secretariat_addresses(council)
            if not claimed or not addresses:
                continue
            lines = [
                _(
                    "Aşağıdaki tavsiye kararları belediye meclisine gönderildi; meclisin ilk "
                    "toplantısı geçtiği hâlde gündeme alındıkları kaydedilmedi (5393 md. 76):"
                ),
                "",
            ]
            for r in items:
                lines.append(
                    _("- %(title)s (%(body)s), ilk toplantı: %(day)s, yazı: %(ref)s")
                    % {
                        "title": r.title,
                        "body": r.body.name,
                        "day": r.due_on.strftime("%d.%m.%Y"),
                        "ref": r.letter_reference,
                    }
                )
                lines.append("  " + base + reverse("santral_recommendation", args=[r.pk]))
            message = EmailMessage(
                subject=_("Meclis gündemine alınmayan tavsiye kararları: %(council)s")
                % {"council": council.name},
                body="\n".join(lines),
                bcc=addresses,
            )
            sent += message.send()
    return sent
