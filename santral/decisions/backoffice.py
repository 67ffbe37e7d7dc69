"""Back office (Wagtail admin) for the secretariat: meetings, attendance, decisions,
recommendations and their md. 76 journey.

Objects of councils where the user may not manage meetings answer 404. Every change goes
through santral.decisions.services, so the rules and Turkish errors are the services'.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.admin import messages

from santral.councils.models import Body
from santral.councils.permissions import Capability, councils_with_capability

from . import forms as f
from .invitations import meeting_send_invitations
from .letters import render_referral_pdf
from .models import AgendaItem, Decision, JourneyEntry, Meeting, Recommendation
from .services import (
    attendance_record,
    decision_record,
    journey_correct,
    meeting_create,
    recommendation_add_implementation,
    recommendation_close,
    recommendation_create,
    recommendation_put_on_agenda,
    recommendation_record_outcome,
    recommendation_refer,
)

PAGE_SIZE = 20


def meeting_councils(user):
    return councils_with_capability(user, Capability.MANAGE_MEETINGS)


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_safe
def meetings_index_view(request):
    councils = meeting_councils(request.user)
    if not councils.exists():
        raise Http404
    meetings = Meeting.objects.filter(council__in=councils).select_related("body", "council")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("sayfa"))
    recommendations = (
        Recommendation.objects.filter(council__in=councils)
        .select_related("body")
        .order_by("-decided_on", "-pk")[:PAGE_SIZE]
    )
    overdue = Recommendation.objects.filter(
        council__in=councils, state="referred", due_on__lt=timezone.localdate()
    ).select_related("body")
    return TemplateResponse(
        request,
        "decisions/backoffice/index.html",
        {
            "page": page,
            "recommendations": recommendations,
            "overdue": overdue,
        },
    )


def meeting_new_view(request):
    councils = meeting_councils(request.user)
    if not councils.exists():
        raise Http404
    bodies = Body.objects.filter(council__in=councils, is_active=True).select_related("council")
    form = f.MeetingForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meeting_create(
                actor=request.user,
                body=data["body"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                online_url=data["online_url"],
                title=data["title"],
                is_public=data["is_public"],
                agenda=form.agenda_lines(),
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Toplantı kaydedildi."))
            return redirect("santral_meeting", pk=meeting.pk)
    return TemplateResponse(request, "decisions/backoffice/meeting_new.html", {"form": form})


def meeting_view(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.filter(council__in=meeting_councils(request.user)).select_related(
            "body", "council"
        ),
        pk=pk,
    )
    members = list(meeting.body.members.order_by("-is_chair", "sort_order", "pk"))
    current = dict(meeting.attendance.values_list("member_id", "status"))
    attendance_form = f.AttendanceForm(
        members=members, current=current, initial={"guest_count": meeting.guest_count}
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "attendance":
                attendance_form = f.AttendanceForm(request.POST, members=members)
                if not attendance_form.is_valid():
                    raise ValidationError(_("Katılım formunda hata var."))
                attendance_record(
                    actor=request.user,
                    meeting=meeting,
                    statuses=attendance_form.statuses(),
                    guest_count=attendance_form.cleaned_data["guest_count"],
                )
            elif action == "decision":
                item = get_object_or_404(AgendaItem, pk=request.POST.get("item"), meeting=meeting)
                form = f.DecisionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Karar formunda hata var."))
                decision_record(actor=request.user, agenda_item=item, **form.cleaned_data)
            elif action == "recommendation":
                decision = get_object_or_404(
                    Decision, pk=request.POST.get("decision"), agenda_item__meeting=meeting
                )
                form = f.RecommendationForm(request.POST, bodies=_other_bodies(meeting))
                if not form.is_valid():
                    raise ValidationError(_("Tavsiye formunda hata var."))
                recommendation = recommendation_create(
                    actor=request.user,
                    decision=decision,
                    **{
                        **form.cleaned_data,
                        "co_signing_bodies": list(form.cleaned_data["co_signing_bodies"]),
                    },
                )
                messages.success(request, _("Tavsiye kararı kaydedildi."))
                return redirect("santral_recommendation", pk=recommendation.pk)
            elif action == "invite":
                result = meeting_send_invitations(actor=request.user, meeting=meeting)
                messages.success(
                    request, _("%(count)s davet gönderildi.") % {"count": result["sent"]}
                )
                if result["without_address"]:
                    messages.warning(
                        request,
                        _("E-posta adresi olmayan üyeler: %(names)s")
                        % {"names": ", ".join(result["without_address"])},
                    )
            else:
                raise ValidationError(_("Bilinmeyen işlem."))
        except ValidationError as error:
            _report(request, error)
        else:
            if action != "invite":
                messages.success(request, _("Kaydedildi."))
            return redirect("santral_meeting", pk=meeting.pk)
    items = meeting.agenda_items.select_related("decision", "decision__recommendation")
    return TemplateResponse(
        request,
        "decisions/backoffice/meeting.html",
        {
            "meeting": meeting,
            "attendance_form": attendance_form,
            "items": items,
            "decision_form": f.DecisionForm(),
            "recommendation_form": f.RecommendationForm(bodies=_other_bodies(meeting)),
        },
    )


def _other_bodies(meeting: Meeting):
    return Body.objects.filter(council=meeting.council).exclude(pk=meeting.body_id)


STEP_FORMS = {
    "refer": f.ReferForm,
    "agenda": f.AgendaForm,
    "outcome": f.OutcomeForm,
    "implementation": f.ImplementationForm,
    "close": f.CloseForm,
    "correct": f.CorrectionForm,
}


def _apply_step(request, r: Recommendation, action: str, data: dict) -> None:
    actor = request.user
    if action == "refer":
        recommendation_refer(actor=actor, recommendation=r, on=data["on"])
    elif action == "agenda":
        recommendation_put_on_agenda(actor=actor, recommendation=r, **data)
    elif action == "outcome":
        recommendation_record_outcome(actor=actor, recommendation=r, **data)
    elif action == "implementation":
        recommendation_add_implementation(actor=actor, recommendation=r, **data)
    elif action == "close":
        recommendation_close(actor=actor, recommendation=r, **data)
    else:
        entry = get_object_or_404(JourneyEntry, pk=request.POST.get("entry"), recommendation=r)
        changes = {k: v for k, v in data.items() if k != "reason" and v not in ("", None)}
        journey_correct(actor=actor, entry=entry, reason=data["reason"], **changes)


def recommendation_view(request, pk: int):
    r = get_object_or_404(
        Recommendation.objects.filter(council__in=meeting_councils(request.user)).select_related(
            "body", "meeting", "council"
        ),
        pk=pk,
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        form_class = STEP_FORMS.get(action)
        try:
            if form_class is None:
                raise ValidationError(_("Bilinmeyen işlem."))
            form = form_class(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    [
                        f"{form.fields[k].label}: {' '.join(v)}"
                        if k in form.fields
                        else " ".join(v)
                        for k, v in form.errors.items()
                    ]
                )
            _apply_step(request, r, action, form.cleaned_data)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Kaydedildi."))
            return redirect("santral_recommendation", pk=r.pk)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "decisions/backoffice/recommendation.html",
        {
            "r": r,
            "entries": r.entries.select_related("recorded_by", "corrects"),
            "forms": {name: cls(initial={"on": today}) for name, cls in STEP_FORMS.items()},
        },
    )


@require_safe
def referral_letter_view(request, pk: int):
    """The referral letter as PDF (a draft says TASLAK until the recommendation is referred)."""
    r = get_object_or_404(
        Recommendation.objects.filter(council__in=meeting_councils(request.user)).select_related(
            "body", "council", "council__district", "council__province"
        ),
        pk=pk,
    )
    response = HttpResponse(render_referral_pdf(r), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tavsiye-{r.pk}.pdf"'
    return response
