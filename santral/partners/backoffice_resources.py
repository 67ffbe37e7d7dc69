"""Back office (Wagtail admin) for event resource plans, scoped per council.

An event of a council where the user may not manage partners answers 404. Every
change goes through santral.partners.services.resources, so the rules and Turkish
errors are the same as in the tests and the API.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages

from santral.events.models import EventPage

from .backoffice import partner_councils
from .forms import RequestSupportForm, ResourceActualForm, ResourceLineForm, ResourcePlanCopyForm
from .models import ResourceLine
from .selectors.resources import event_resource_lines, events_readiness, plan_gap
from .services.resources import (
    resource_line_delete,
    resource_line_record_actual,
    resource_line_request_support,
    resource_line_save,
    resource_plan_copy,
)

PAGE_SIZE = 20


def _scoped_event(request, pk: int) -> EventPage:
    return get_object_or_404(
        EventPage.objects.filter(council__in=partner_councils(request.user)).select_related(
            "council"
        ),
        pk=pk,
    )


def _scoped_line(request, pk: int) -> ResourceLine:
    return get_object_or_404(
        ResourceLine.objects.filter(council__in=partner_councils(request.user)).select_related(
            "event", "council"
        ),
        pk=pk,
    )


def _report(request, error: ValidationError, form=None) -> None:
    """Show a service's errors on the form fields, or as messages."""
    if form is not None and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    for message in error.messages:
        messages.error(request, message)


def resource_plan_index_view(request):
    """Events of the user's councils (upcoming first), with readiness and the money gap."""
    councils = partner_councils(request.user)
    if not councils.exists():
        raise Http404
    now = timezone.now()
    events = (
        EventPage.objects.filter(council__in=councils, end_at__gte=now)
        .select_related("council")
        .order_by("start_at", "pk")
    )
    if request.GET.get("gecmis"):
        events = (
            EventPage.objects.filter(council__in=councils, end_at__lt=now)
            .select_related("council")
            .order_by("-start_at", "-pk")
        )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("sayfa"))
    return TemplateResponse(
        request,
        "partners/backoffice/resource_plan_index.html",
        {
            "page": page,
            "rows": events_readiness(page.object_list),
            "past": bool(request.GET.get("gecmis")),
        },
    )


ACTIONS = ("add", "delete", "request", "actual", "copy")


def resource_plan_view(request, pk: int):
    """One event's plan: lines with coverage, the gap, readiness, and every action on them."""
    event = _scoped_event(request, pk)
    council = event.council
    line_form = ResourceLineForm(council=council)
    copy_form = ResourcePlanCopyForm(
        events=EventPage.objects.filter(council=council, resource_lines__isnull=False)
        .exclude(pk=event.pk)
        .distinct()
        .order_by("-start_at")
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action not in ACTIONS:
                raise ValidationError(_("Bilinmeyen işlem."))
            if action == "add":
                line_form = ResourceLineForm(request.POST, council=council)
                if not line_form.is_valid():
                    raise ValidationError(_("Kalem formunda hata var."))
                resource_line_save(actor=request.user, event=event, **line_form.service_fields())
            elif action == "copy":
                copy_form = ResourcePlanCopyForm(
                    request.POST, events=copy_form.fields["source"].queryset
                )
                if not copy_form.is_valid():
                    raise ValidationError(_("Kopyalanacak etkinliği seçin."))
                resource_plan_copy(
                    actor=request.user, source=copy_form.cleaned_data["source"], target=event
                )
            else:
                line = get_object_or_404(ResourceLine, pk=request.POST.get("line"), event=event)
                if action == "delete":
                    resource_line_delete(actor=request.user, line=line)
                elif action == "actual":
                    form = ResourceActualForm(request.POST)
                    form.is_valid()
                    resource_line_record_actual(
                        actor=request.user,
                        line=line,
                        actual_cost=form.cleaned_data.get("actual_cost"),
                        delivered_quantity=form.cleaned_data.get("delivered_quantity"),
                    )
                else:
                    form = RequestSupportForm(request.POST, council=council)
                    if not form.is_valid():
                        raise ValidationError(form.errors["organisation"])
                    draft = resource_line_request_support(
                        actor=request.user,
                        line=line,
                        organisation=form.cleaned_data.get("organisation"),
                    )
                    messages.success(request, _("Destek yazısı taslağı hazırlandı."))
                    return redirect("santral_partner_request", pk=draft.pk)
        except ValidationError as error:
            _report(request, error, line_form if action == "add" else None)
        else:
            messages.success(request, _("Kaydedildi."))
            return redirect("santral_resource_plan", pk=event.pk)
    gap = plan_gap(event_resource_lines(event))
    return TemplateResponse(
        request,
        "partners/backoffice/resource_plan.html",
        {
            "event": event,
            "gap": gap,
            "line_form": line_form,
            "copy_form": copy_form,
            "request_form": RequestSupportForm(council=council),
            "has_started": event.start_at <= timezone.now(),
            "has_ended": event.end_at < timezone.now(),
        },
    )


def resource_line_edit_view(request, pk: int):
    line = _scoped_line(request, pk)
    initial = {
        "kind": line.kind,
        "description": line.description,
        "quantity": line.quantity.normalize(),
        "unit": line.unit,
        "unit_cost": line.unit_cost,
        "source": line.source,
        "budget_line": line.budget_line_id,
        "organisation": line.organisation_id,
    }
    form = ResourceLineForm(initial=initial, council=line.council)
    if request.method == "POST":
        form = ResourceLineForm(request.POST, council=line.council)
        if form.is_valid():
            try:
                resource_line_save(
                    actor=request.user, event=line.event, line=line, **form.service_fields()
                )
            except ValidationError as error:
                _report(request, error, form)
            else:
                messages.success(request, _("Kaydedildi."))
                return redirect("santral_resource_plan", pk=line.event_id)
    return TemplateResponse(
        request,
        "partners/backoffice/resource_line_edit.html",
        {"line": line, "form": form},
    )
