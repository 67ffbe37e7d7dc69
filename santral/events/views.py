"""Public event views: month calendar, iCalendar feeds and on-site registration."""

from calendar import Calendar as MonthGrid
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from santral.content.selectors import council_by_slug
from santral.core.spreadsheets import csv_flavour
from santral.privacy.selectors import notice_current

from .exports import EVENT_COLUMNS, event_records, events_csv
from .forms import PRIVACY_NOTICE, RegistrationForm
from .ical import calendar_bytes
from .models import Registration, RegistrationStatus
from .selectors import calendar_events, month_events, public_event
from .services import registration_cancel, registration_create


def _council_or_404(council_slug):
    if council_slug is None:
        return None
    council = council_by_slug(council_slug)
    if council is None:
        raise Http404
    return council


def ical_view(request, council_slug=None):
    council = _council_or_404(council_slug)
    name = council.name if council else _("Santral: kent konseyi etkinlikleri")
    body = calendar_bytes(
        name=str(name),
        events=calendar_events(council=council),
        absolute_url=lambda page: request.build_absolute_uri(page.url),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="etkinlikler.ics"'
    return response


@require_safe
def event_ical_view(request, event_slug: str, council_slug=None):
    """One public event as an .ics file: the event page's "add to calendar" link."""
    council = _council_or_404(council_slug)
    event = public_event(council=council, slug=event_slug)
    if event is None:
        raise Http404
    body = calendar_bytes(
        name=event.title,
        events=[event],
        absolute_url=lambda page: request.build_absolute_uri(page.url),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def month_view(request, council_slug=None):
    """A month of public events as a calendar table (works without JavaScript)."""
    council = _council_or_404(council_slug)
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("ay", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    events = month_events(council=council, year=first.year, month=first.month)
    by_day: dict[date, list] = {}
    for event in events:
        start = timezone.localtime(event.start_at).date()
        end = timezone.localtime(event.end_at).date()
        day = max(start, first)
        while day <= end and day.month == first.month:
            by_day.setdefault(day, []).append(event)
            day = date.fromordinal(day.toordinal() + 1)
    weeks = [
        [(day, by_day.get(day, []), day.month == first.month) for day in week]
        for week in MonthGrid(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = date.fromordinal(first.toordinal() - 1).replace(day=1)
    following = date.fromordinal(first.toordinal() + 32).replace(day=1)
    return render(
        request,
        "events/event_month.html",
        {
            "council_obj": council,
            "month": first,
            "weeks": weeks,
            "events": events,
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
        },
    )


def event_register_view(request, event):
    """POST: register for an on-site event; GET shows the event page with the form."""
    if request.method != "POST":
        return event.render(request)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = registration_create(
                event=event,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                notice_id=form.cleaned_data.get("notice"),
                photos=form.cleaned_data.get("photos", False),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("Kaydınız alındı. Etkinlikte görüşmek üzere!"))
            else:
                messages.warning(
                    request,
                    _("Kontenjan dolu; bekleme listesine alındınız. Yer açılırsa size yazacağız."),
                )
            return redirect(event.url)
    current = notice_current(event.council)
    if current is not None and str(form.data.get("notice")) != str(current.pk):
        # The text changed since the page was shown: the person reads and ticks it again.
        form.data = form.data.copy()
        form.data["notice"] = str(current.pk)
        form.data.pop("consent", None)
    return event.render(
        request,
        context_overrides={"registration_form": form, "privacy_notice": PRIVACY_NOTICE},
    )


@require_safe
def events_export_view(request, council_slug: str, fmt: str):
    """A council's public events as open data: CSV (`?bicim=excel` for Excel) or JSON."""
    council = _council_or_404(council_slug)

    def absolute_url(page):
        return request.build_absolute_uri(page.get_url(request))

    if fmt == "json":
        payload = {
            "council": council.slug,
            "fields": [{"name": n, "type": t, "title": title} for n, t, title in EVENT_COLUMNS],
            "rows": list(event_records(council, absolute_url=absolute_url)),
        }
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    if fmt != "csv":
        raise Http404
    body = events_csv(council, absolute_url=absolute_url, flavour=csv_flavour(request))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council.slug}-etkinlikler.csv"'
    return response


@login_required
@require_POST
def account_registration_cancel_view(request, pk: int):
    """The member area's "cancel my registration": only a registration under one's own e-mail."""
    registration = get_object_or_404(
        Registration.objects.exclude(status=RegistrationStatus.CANCELLED),
        pk=pk,
        email__iexact=request.user.email,
    )
    registration_cancel(actor=request.user, registration=registration)
    messages.success(
        request,
        _("“%(event)s” kaydınız iptal edildi.") % {"event": registration.event.title},
    )
    return redirect("core:account")
