"""The outreach back office inside Wagtail's admin.

Every view finds the council among those where the user may manage outreach
(another council, or no right, answers 404) and writes only through services.
A GET never writes; exports are GETs that only read.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from santral.core.spreadsheets import SafeCSVWriter, phone_cell
from santral.councils.models import Council
from santral.councils.permissions import Capability, councils_with_capability
from santral.events.models import EventPage

from .forms import (
    AREA_ROWS,
    AreaPopulationForm,
    AudienceForm,
    GatewayMessageForm,
    NewsletterForm,
    ParticipationForm,
    PlanActionForm,
    PlanForm,
    PlanKpiForm,
    PlanMessageForm,
    TopicForm,
)
from .mailing import newsletter_sample_message
from .models import (
    AreaPopulation,
    Audience,
    CommunicationPlan,
    GatewayMessage,
    Newsletter,
    NewsletterStatus,
    NewsletterTopic,
    ParticipationRecord,
    PlanAction,
)
from .selectors import (
    RECENT_DAYS,
    delivery_log,
    gateway_recipients,
    last_sent_at,
    newsletters_of,
    past_events,
    plan_detail,
    plan_kpi_readings,
    plans_of,
    recent_items,
    representation_report,
    subscribers_for_export,
)
from .services import (
    area_population_set,
    audience_save,
    audiences_ensure_defaults,
    gateway_message_create,
    newsletter_add_items,
    newsletter_queue,
    newsletter_save,
    newsletter_send_test,
    participation_record_delete,
    participation_record_save,
    plan_action_save,
    plan_kpi_add,
    plan_message_add,
    plan_save,
    topic_save,
)

PAGE_SIZE = 25


def managed_councils(user):
    return councils_with_capability(user, Capability.MANAGE_OUTREACH)


def _council(request, council_id: int) -> Council:
    return get_object_or_404(managed_councils(request.user), pk=council_id)


def _home(council: Council):
    return redirect("santral_outreach_council", council_id=council.pk)


def _form_page(request, council: Council, form, title: str, *, intro: str = "", back=None):
    return TemplateResponse(
        request,
        "outreach/backoffice/form.html",
        {
            "council": council,
            "form": form,
            "title": title,
            "intro": intro,
            "back": back or reverse("santral_outreach_council", args=[council.pk]),
        },
    )


def _apply(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


def index_view(request):
    councils = managed_councils(request.user)
    if not councils.exists():
        raise Http404
    if councils.count() == 1:
        return _home(councils.get())
    return TemplateResponse(request, "outreach/backoffice/councils.html", {"councils": councils})


def council_view(request, council_id: int):
    council = _council(request, council_id)
    records = ParticipationRecord.objects.filter(council=council).select_related("body")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("sayfa"))
    return TemplateResponse(
        request,
        "outreach/backoffice/council.html",
        {
            "council": council,
            "area": AreaPopulation.objects.filter(council=council).first(),
            "report": representation_report(council=council),
            "page": page,
            "plans": plans_of(council=council),
            "topics": NewsletterTopic.objects.filter(council=council),
            "newsletters": newsletters_of(council=council)[:20],
        },
    )


def area_population_view(request, council_id: int):
    council = _council(request, council_id)
    current = AreaPopulation.objects.filter(council=council).first()
    initial = (
        {
            "total": current.total,
            "source": current.source,
            "year": current.year,
            "note": current.note,
        }
        if current
        else None
    )
    form = AreaPopulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            area_population_set(actor=request.user, council=council, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Bölge nüfusu kaydedildi."))
            return _home(council)
    return _form_page(request, council, form, _("Bölge nüfusu"))


@require_POST
def audience_defaults_view(request, council_id: int):
    council = _council(request, council_id)
    created = audiences_ensure_defaults(actor=request.user, council=council)
    messages.success(request, _("%(count)s hedef kitle eklendi.") % {"count": len(created)})
    return _home(council)


def audience_edit_view(request, council_id: int, audience_id: int | None = None):
    council = _council(request, council_id)
    audience = (
        get_object_or_404(Audience, council=council, pk=audience_id)
        if audience_id
        else Audience(council=council)
    )
    form = AudienceForm(request.POST or None, instance=audience)
    if request.method == "POST" and form.is_valid():
        try:
            audience_save(actor=request.user, audience=form.save(commit=False))
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Hedef kitle kaydedildi."))
            return _home(council)
    return _form_page(
        request,
        council,
        form,
        audience.name or _("Yeni hedef kitle"),
        intro=_(
            "Nüfustaki payı ya da kişi sayısını yalnızca yayımlanmış bir kaynaktan girin; "
            "kaynak ve yıl zorunludur. Kaynak yoksa boş bırakın: panoda «henüz kaynak yok» görünür."
        ),
    )


def record_edit_view(request, council_id: int, record_id: int | None = None):
    council = _council(request, council_id)
    record = (
        get_object_or_404(ParticipationRecord, council=council, pk=record_id) if record_id else None
    )
    return _record_page(request, council, record)


def event_list_view(request, council_id: int):
    """The council's events that have started, each with its participation record or a link."""
    council = _council(request, council_id)
    page = Paginator(past_events(council=council), PAGE_SIZE).get_page(request.GET.get("sayfa"))
    return TemplateResponse(
        request, "outreach/backoffice/events.html", {"council": council, "page": page}
    )


def event_record_view(request, council_id: int, event_id: int):
    """Enter (or correct) the participation figures of one event of the council."""
    council = _council(request, council_id)
    event = get_object_or_404(EventPage, council=council, pk=event_id)
    record = ParticipationRecord.objects.filter(council=council, event=event).first()
    return _record_page(request, council, record, event=event)


def _record_initial(record: ParticipationRecord | None, event: EventPage | None) -> dict | None:
    if record is None:
        if event is None:
            return None
        body = event.organiser_bodies.filter(council=event.council_id).first()
        return {
            "activity_title": event.title,
            "held_on": timezone.localdate(event.start_at),
            "event": event.pk,
            "body": body.pk if body else None,
        }
    initial = {
        "activity_title": record.activity_title,
        "held_on": record.held_on,
        "body": record.body_id,
        "event": record.event_id,
        "source": record.source,
        "total_participants": record.total_participants,
        "notes": record.notes,
        **{f"audience_{row.audience_id}": row.count for row in record.audience_counts.all()},
    }
    for number, area in enumerate(record.area_counts.all()[:AREA_ROWS], start=1):
        initial[f"district_{number}"] = area.district_id
        initial[f"neighbourhood_{number}"] = area.neighbourhood
        initial[f"area_count_{number}"] = area.count
    return initial


def _record_page(request, council: Council, record, *, event: EventPage | None = None):
    audiences = Audience.objects.filter(council=council, is_active=True)
    form = ParticipationForm(
        request.POST or None,
        initial=_record_initial(record, event),
        council=council,
        audiences=audiences,
    )
    if event is not None:
        # From an event's page the event is fixed; a future event is refused by the service.
        form.fields["event"].queryset = EventPage.objects.filter(pk=event.pk)
        form.fields["event"].empty_label = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participation_record_save(
                actor=request.user,
                council=council,
                record=record,
                activity_title=data["activity_title"],
                held_on=data["held_on"],
                total_participants=data["total_participants"],
                audience_counts=form.audience_counts(),
                area_counts=form.area_counts(),
                body=data.get("body"),
                event=data.get("event"),
                source=data["source"],
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Katılım kaydı kaydedildi."))
            return _home(council)
    if record is not None:
        title = record.activity_title
    elif event is not None:
        title = _("%(event)s: katılım") % {"event": event.title}
    else:
        title = _("Yeni katılım kaydı")
    return _form_page(
        request,
        council,
        form,
        title,
        intro=_(
            "Yalnızca toplam sayılar girilir; kişi adı ya da kişiye ait sağlık, engellilik, "
            "etnik köken, din bilgisi girilmez (KVKK md. 6). Bir kişi birden çok kitleye "
            "girebilir. Sayılmayan kitleyi boş bırakın."
        ),
    )


@require_POST
def record_delete_view(request, council_id: int, record_id: int):
    council = _council(request, council_id)
    record = get_object_or_404(ParticipationRecord, council=council, pk=record_id)
    participation_record_delete(actor=request.user, record=record)
    messages.success(request, _("Katılım kaydı silindi."))
    return _home(council)


def plan_new_view(request, council_id: int):
    council = _council(request, council_id)
    form = PlanForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_save(
                actor=request.user,
                plan=form.save(commit=False),
                audiences=form.cleaned_data["audiences"],
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("santral_outreach_plan", council_id=council.pk, plan_id=plan.pk)
    return _form_page(request, council, form, _("Yeni iletişim planı"))


def plan_view(request, council_id: int, plan_id: int):
    council = _council(request, council_id)
    try:
        plan = plan_detail(council=council, plan_id=plan_id)
    except CommunicationPlan.DoesNotExist:
        raise Http404 from None
    forms = {
        "message_form": PlanMessageForm(council=council),
        "action_form": PlanActionForm(council=council),
        "kpi_form": PlanKpiForm(council=council),
    }
    if request.method == "POST":
        kind = request.POST.get("part")
        try:
            if kind == "message":
                form = forms["message_form"] = PlanMessageForm(request.POST, council=council)
                if form.is_valid():
                    plan_message_add(actor=request.user, plan=plan, **form.cleaned_data)
                    return redirect(request.path)
            elif kind == "action":
                form = forms["action_form"] = PlanActionForm(
                    request.POST, council=council, instance=PlanAction(plan=plan)
                )
                if form.is_valid():
                    plan_action_save(actor=request.user, action=form.save(commit=False))
                    return redirect(request.path)
            elif kind == "kpi":
                form = forms["kpi_form"] = PlanKpiForm(request.POST, council=council)
                if form.is_valid():
                    plan_kpi_add(actor=request.user, plan=plan, **form.cleaned_data)
                    return redirect(request.path)
            else:
                raise Http404
        except ValidationError as error:
            _apply(form, error)
    total_cost = sum((action.cost for action in plan.actions.all()), start=0)
    return TemplateResponse(
        request,
        "outreach/backoffice/plan.html",
        {
            "council": council,
            "plan": plan,
            "readings": plan_kpi_readings(plan=plan),
            "total_cost": total_cost,
            **forms,
        },
    )


def plan_action_edit_view(request, council_id: int, plan_id: int, action_id: int):
    council = _council(request, council_id)
    action = get_object_or_404(PlanAction, plan__council=council, plan_id=plan_id, pk=action_id)
    form = PlanActionForm(request.POST or None, council=council, instance=action)
    back = reverse("santral_outreach_plan", args=[council.pk, plan_id])
    if request.method == "POST" and form.is_valid():
        try:
            plan_action_save(actor=request.user, action=form.save(commit=False))
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect(back)
    return _form_page(request, council, form, action.title, back=back)


def topic_new_view(request, council_id: int):
    council = _council(request, council_id)
    form = TopicForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            topic_save(actor=request.user, topic=form.save(commit=False))
        except ValidationError as error:
            _apply(form, error)
        else:
            return _home(council)
    return _form_page(request, council, form, _("Yeni abonelik konusu"))


def newsletter_new_view(request, council_id: int):
    council = _council(request, council_id)
    form = NewsletterForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            newsletter = newsletter_save(actor=request.user, newsletter=form.save(commit=False))
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect(
                "santral_outreach_newsletter", council_id=council.pk, newsletter_id=newsletter.pk
            )
    return _form_page(
        request,
        council,
        form,
        _("Yeni bülten"),
        intro=_("Bülten, seçilen konuya abone olup aboneliğini onaylamış kişilere gider."),
    )


def _recent_since(request, council: Council):
    """`?gun=N` (1–365) if given, else since the last sent newsletter, else RECENT_DAYS."""
    try:
        days = int(request.GET.get("gun", ""))
    except ValueError:
        days = None
    if days is not None and 1 <= days <= 365:
        return timezone.now() - timedelta(days=days), days
    last = last_sent_at(council=council)
    if last is not None:
        return last, None
    return timezone.now() - timedelta(days=RECENT_DAYS), RECENT_DAYS


def newsletter_view(request, council_id: int, newsletter_id: int):
    council = _council(request, council_id)
    newsletter = get_object_or_404(
        Newsletter.objects.select_related("topic"), council=council, pk=newsletter_id
    )
    page = Paginator(delivery_log(newsletter=newsletter), PAGE_SIZE).get_page(
        request.GET.get("sayfa")
    )
    preview = newsletter_sample_message(newsletter, request.user.email or "abone@ornek.test")
    context = {
        "council": council,
        "newsletter": newsletter,
        "page": page,
        "preview": preview,
        "preview_from": preview.from_email or settings.DEFAULT_FROM_EMAIL,
    }
    if newsletter.status == NewsletterStatus.DRAFT:
        since, days = _recent_since(request, council)
        context.update(recent=recent_items(council=council, since=since), since=since, days=days)
    return TemplateResponse(request, "outreach/backoffice/newsletter.html", context)


def newsletter_edit_view(request, council_id: int, newsletter_id: int):
    """Edit a newsletter until it is sent; afterwards it is read-only (the service refuses)."""
    council = _council(request, council_id)
    newsletter = get_object_or_404(Newsletter, council=council, pk=newsletter_id)
    back = reverse("santral_outreach_newsletter", args=[council.pk, newsletter.pk])
    if newsletter.status != NewsletterStatus.DRAFT:
        messages.error(request, _("Gönderilmiş ya da gönderilmekte olan bülten değiştirilemez."))
        return redirect(back)
    form = NewsletterForm(request.POST or None, instance=newsletter, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            newsletter_save(actor=request.user, newsletter=form.save(commit=False))
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Bülten kaydedildi."))
            return redirect(back)
    return _form_page(request, council, form, _("Bülteni düzenle"), back=back)


@require_POST
def newsletter_test_view(request, council_id: int, newsletter_id: int):
    """Send a test copy to the signed-in person's own e-mail address."""
    council = _council(request, council_id)
    newsletter = get_object_or_404(Newsletter, council=council, pk=newsletter_id)
    try:
        email = newsletter_send_test(actor=request.user, newsletter=newsletter)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Deneme e-postası %(email)s adresine gönderiliyor.") % {"email": email}
        )
    return redirect(
        "santral_outreach_newsletter", council_id=council.pk, newsletter_id=newsletter.pk
    )


@require_POST
def newsletter_items_view(request, council_id: int, newsletter_id: int):
    """Add the ticked recent items to a draft newsletter's body."""
    council = _council(request, council_id)
    newsletter = get_object_or_404(Newsletter, council=council, pk=newsletter_id)
    try:
        page_ids = [int(value) for value in request.POST.getlist("items")]
        newsletter_add_items(actor=request.user, newsletter=newsletter, page_ids=page_ids)
    except ValueError:
        messages.error(request, _("Seçilen içerikler anlaşılamadı."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(count)s içerik bültene eklendi.") % {"count": len(page_ids)})
    return redirect(
        "santral_outreach_newsletter", council_id=council.pk, newsletter_id=newsletter.pk
    )


@require_POST
def newsletter_send_view(request, council_id: int, newsletter_id: int):
    council = _council(request, council_id)
    newsletter = get_object_or_404(Newsletter, council=council, pk=newsletter_id)
    try:
        count = newsletter_queue(actor=request.user, newsletter=newsletter)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Bülten %(count)s aboneye gönderilmek üzere sıraya alındı.") % {"count": count},
        )
    return redirect(
        "santral_outreach_newsletter", council_id=council.pk, newsletter_id=newsletter.pk
    )


def _csv_response(filename: str):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    # Every text cell neutralised against formula injection (santral/core/spreadsheets.py);
    # comma-separated with a BOM as before (SMS gateways read this file).
    response.write("\ufeff")
    return response, SafeCSVWriter(response)


def subscribers_csv_view(request, council_id: int):
    """This council's confirmed subscribers, for the council only (personal data)."""
    council = _council(request, council_id)
    response, writer = _csv_response(f"aboneler-{council.slug}.csv")
    writer.writerow(
        [
            _("E-posta"),
            _("Konular"),
            _("Onay metni sürümü"),
            _("Onay zamanı"),
            _("Telefon"),
            _("SMS/WhatsApp"),
        ]
    )
    for subscriber in subscribers_for_export(council=council):
        writer.writerow(
            [
                subscriber.email,
                "; ".join(topic.name for topic in subscriber.topics.all()),
                subscriber.consent_text_version,
                subscriber.consent_at.isoformat() if subscriber.consent_at else "",
                phone_cell(subscriber.phone),
                _("evet") if subscriber.wants_sms else _("hayır"),
            ]
        )
    return response


def gateway_new_view(request, council_id: int):
    council = _council(request, council_id)
    form = GatewayMessageForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            message = gateway_message_create(
                actor=request.user, council=council, **form.cleaned_data
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect(
                "santral_outreach_gateway_csv", council_id=council.pk, message_id=message.pk
            )
    return _form_page(
        request,
        council,
        form,
        _("SMS / WhatsApp dışa aktarımı"),
        intro=_(
            "Santral SMS ya da WhatsApp göndermez. Mesaj ve alıcı listesi, konseyin kendi "
            "gönderim servisine yüklenmek üzere CSV olarak indirilir."
        ),
    )


def gateway_csv_view(request, council_id: int, message_id: int):
    council = _council(request, council_id)
    message = get_object_or_404(
        GatewayMessage.objects.select_related("topic"), council=council, pk=message_id
    )
    response, writer = _csv_response(f"{message.channel}-{council.slug}-{message.pk}.csv")
    writer.writerow([_("Telefon"), _("Mesaj")])
    for subscriber in gateway_recipients(council=council, topic=message.topic):
        writer.writerow([phone_cell(subscriber.phone), message.text])
    return response
