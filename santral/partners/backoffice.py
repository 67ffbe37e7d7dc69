"""The partners back office inside Wagtail, scoped per council.

Every list shows only the councils where the user may manage partners; another
council's object answers 404. Saving goes through services, so the back office
obeys the same rules as the API, the liaison pages and the tests.
"""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.permission_policies.base import BasePermissionPolicy

from santral.budget.models import InKindRate
from santral.councils.backoffice import ScopedModelViewSet
from santral.councils.models import Body, Council
from santral.councils.permissions import (
    Capability,
    can_manage_money,
    can_manage_partners,
    councils_with_capability,
    is_platform_admin,
)

from .forms import (
    AnswerForm,
    ContactForm,
    OrganisationForm,
    PledgeForm,
    SupportRequestForm,
)
from .models import (
    Affiliation,
    ConsentText,
    ContactPerson,
    CouncilLetterhead,
    Liaison,
    Organisation,
    Pledge,
    Project,
    SupportRequest,
)
from .selectors import council_contributions_by_partner, council_open_requests_by_institution
from .services import (
    affiliation_remove,
    affiliation_set,
    can_edit_organisation,
    consent_text_create,
    contact_delete,
    contact_save,
    letterhead_save,
    liaison_add,
    liaison_remove,
    organisation_create,
    organisation_update,
    pledge_add,
    pledge_book_in_kind,
    pledge_settle,
    project_delete,
    project_save,
    support_request_answer,
    support_request_create,
    support_request_delete,
    support_request_mark_delivered,
    support_request_mark_thanked,
    support_request_send,
    support_request_update,
)


def _nobody():
    return get_user_model().objects.none()


def partner_councils(user) -> QuerySet[Council]:
    return councils_with_capability(user, Capability.MANAGE_PARTNERS)


class CouncilScopedPolicy(BasePermissionPolicy):
    """Objects with a `council`: visible and editable where the user manages partners."""

    def user_has_permission(self, user, action):
        return partner_councils(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return can_manage_partners(user, instance.council)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.filter(council__in=partner_councils(user))

    def users_with_any_permission(self, actions):
        return _nobody()


class OrganisationPolicy(BasePermissionPolicy):
    """Organisations linked to (or kept by) the user's councils; the keeper edits them."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return is_platform_admin(user)
        return partner_councils(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete":
            return is_platform_admin(user)
        if action == "change":
            return can_edit_organisation(user, instance)
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        if is_platform_admin(user):
            return Organisation.objects.all()
        councils = partner_councils(user)
        return Organisation.objects.filter(
            pk__in=Affiliation.objects.filter(council__in=councils).values("organisation_id")
        ) | Organisation.objects.filter(owner_council__in=councils)

    def users_with_any_permission(self, actions):
        return _nobody()


class ScopedObjectMixin:
    """Look objects up inside the user's councils: another council's object is a 404."""

    def get_object(self, queryset=None):
        scoped = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )
        obj = get_object_or_404(scoped, pk=self.kwargs[self.pk_url_kwarg])
        action = "delete" if isinstance(self, DeleteView) else "change"
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, obj
        ):
            raise PermissionDenied
        return obj


class ServiceFormMixin:
    """Turn a service's ValidationError into form errors (nothing was written)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).distinct()


def service_views(*, save=None, delete=None) -> tuple[type, type, type]:
    """The create, edit and delete views of a model whose writes are services.

    `save(request, form, obj)` returns the saved object (`obj` is None when creating,
    the scoped object when editing); `delete(request, obj)` removes it. The views look
    objects up inside the user's councils (another council's object is a 404) and turn
    a service's ValidationError into form errors, so nothing is half-written.
    """

    class ServiceCreateView(ServiceFormMixin, CreateView):
        def save_instance(self):
            return save(self.request, self.form, None)

    class ServiceEditView(ServiceFormMixin, ScopedObjectMixin, EditView):
        def save_instance(self):
            return save(self.request, self.form, self.object)

    class ServiceDeleteView(ScopedObjectMixin, DeleteView):
        def delete_action(self):
            delete(self.request, self.object)

    return ServiceCreateView, ServiceEditView, ServiceDeleteView


# --- Organisations -------------------------------------------------------------------------


class OrganisationAdminForm(OrganisationForm):
    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and cleaned.get("council") is None:
            if not is_platform_admin(self.for_user):
                self.add_error("council", _("Kaydı tutan konseyi seçin."))
        return cleaned


def _organisation_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields}


def _save_organisation(request, form, organisation):
    fields = {"actor": request.user, "topics": form.topic_list(), **_organisation_fields(form)}
    if organisation is None:
        return organisation_create(council=form.cleaned_data.get("council"), **fields)
    return organisation_update(organisation=organisation, **fields)


OrganisationCreateView, OrganisationEditView, _unused = service_views(save=_save_organisation)


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "site"
    menu_order = 300
    add_to_admin_menu = True
    menu_label = gettext_lazy("Paydaş kurumlar")
    list_display = ["name", "kind", "owner_council", "is_public"]
    list_filter = ["kind"]
    search_fields = ["name", "registry_number"]
    index_view_class = ScopedIndexView
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return OrganisationAdminForm


# --- Affiliations, contacts, liaisons ------------------------------------------------------


class AffiliationForm(WagtailAdminModelForm):
    class Meta:
        model = Affiliation
        fields = ["council", "organisation", "bodies", "since_on", "note"]
        error_messages = {
            "organisation": {"invalid_choice": gettext_lazy("Bilinmeyen kurum seçildi.")},
            "council": {"invalid_choice": gettext_lazy("Bu konsey için yetkiniz yok.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = partner_councils(self.for_user)
        self.fields["council"].queryset = councils
        self.fields["bodies"].queryset = Body.objects.filter(council__in=councils)
        # Any public or platform-wide record can be linked; private ones only by their keeper.
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(
                Q(is_public=True)
                | Q(owner_council__isnull=True)
                | Q(owner_council__in=councils)
                | Q(affiliations__council__in=councils)
            )
            .distinct()
            .order_by("sort_key")
        )
        if self.instance.pk:
            self.fields["council"].disabled = True
            self.fields["organisation"].disabled = True


def _save_affiliation(request, form, affiliation):
    data = form.cleaned_data
    return affiliation_set(
        actor=request.user,
        council=affiliation.council if affiliation else data["council"],
        organisation=affiliation.organisation if affiliation else data["organisation"],
        bodies=list(data["bodies"]),
        since_on=data["since_on"],
        note=data["note"],
    )


AffiliationCreateView, AffiliationEditView, AffiliationDeleteView = service_views(
    save=_save_affiliation,
    delete=lambda request, affiliation: affiliation_remove(
        actor=request.user, affiliation=affiliation
    ),
)


class AffiliationViewSet(ScopedModelViewSet):
    model = Affiliation
    icon = "link"
    menu_order = 301
    add_to_admin_menu = True
    menu_label = gettext_lazy("Paydaşlıklar")
    list_display = ["organisation", "council", "since_on"]
    index_view_class = ScopedIndexView
    add_view_class = AffiliationCreateView
    edit_view_class = AffiliationEditView
    delete_view_class = AffiliationDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return AffiliationForm


ContactCreateView, ContactEditView, ContactDeleteView = service_views(
    save=lambda request, form, _contact: contact_save(
        actor=request.user,
        contact=form.save(commit=False),
        consent_given=form.cleaned_data.get("consent_given", False),
    ),
    delete=lambda request, contact: contact_delete(actor=request.user, contact=contact),
)


class ContactViewSet(ScopedModelViewSet):
    model = ContactPerson
    icon = "user"
    menu_order = 302
    add_to_admin_menu = True
    menu_label = gettext_lazy("İletişim kişileri")
    list_display = ["full_name", "organisation", "council", "consent_version"]
    search_fields = ["full_name"]
    index_view_class = ScopedIndexView
    add_view_class = ContactCreateView
    edit_view_class = ContactEditView
    delete_view_class = ContactDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ContactForm


class LiaisonForm(WagtailAdminModelForm):
    email = forms.EmailField(
        label=gettext_lazy("Kullanıcının e-postası"),
        error_messages={
            "required": gettext_lazy("E-posta boş olamaz."),
            "invalid": gettext_lazy("Geçerli bir e-posta adresi girin."),
        },
    )

    class Meta:
        model = Liaison
        fields = ["council", "organisation"]
        error_messages = {
            "organisation": {"invalid_choice": gettext_lazy("Bilinmeyen kurum seçildi.")},
            "council": {"invalid_choice": gettext_lazy("Bu konsey için yetkiniz yok.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = partner_councils(self.for_user)
        self.fields["council"].queryset = councils
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__council__in=councils
        ).distinct()

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(
                _("Bu e-posta ile kayıtlı bir kullanıcı yok. Önce kişinin hesap açması gerekir.")
            )
        self.cleaned_data["user"] = user
        return email


LiaisonCreateView, _unused, LiaisonDeleteView = service_views(
    save=lambda request, form, _liaison: liaison_add(
        actor=request.user,
        council=form.cleaned_data["council"],
        organisation=form.cleaned_data["organisation"],
        user=form.cleaned_data["user"],
    ),
    delete=lambda request, liaison: liaison_remove(actor=request.user, liaison=liaison),
)


class LiaisonViewSet(ScopedModelViewSet):
    model = Liaison
    icon = "mail"
    menu_order = 303
    add_to_admin_menu = True
    menu_label = gettext_lazy("Kurum irtibat kişileri")
    list_display = ["user", "organisation", "council"]
    index_view_class = ScopedIndexView
    add_view_class = LiaisonCreateView
    delete_view_class = LiaisonDeleteView
    edit_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return LiaisonForm


# --- Projects ------------------------------------------------------------------------------


class ProjectForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = partner_councils(self.for_user)
        if "council" in self.fields:
            self.fields["council"].queryset = councils
            self.fields["council"].error_messages["invalid_choice"] = _(
                "Bu konsey için yetkiniz yok."
            )
            if self.instance.pk:
                self.fields["council"].disabled = True
        if "bodies" in self.fields:
            self.fields["bodies"].queryset = Body.objects.filter(council__in=councils)


ProjectCreateView, ProjectEditView, ProjectDeleteView = service_views(
    save=lambda request, form, _project: project_save(
        actor=request.user, project=form.save(commit=False)
    ),
    delete=lambda request, project: project_delete(actor=request.user, project=project),
)


class ProjectViewSet(ScopedModelViewSet):
    model = Project
    icon = "clipboard-list"
    menu_order = 304
    add_to_admin_menu = True
    menu_label = gettext_lazy("Ortak projeler")
    list_display = ["title", "council", "status", "starts_on"]
    list_filter = ["status"]
    search_fields = ["title"]
    index_view_class = ScopedIndexView
    add_view_class = ProjectCreateView
    edit_view_class = ProjectEditView
    delete_view_class = ProjectDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("council"),
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("aim"),
            FieldPanel("description"),
            FieldPanel("bodies"),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("starts_on"), FieldPanel("ends_on")],
                heading=gettext_lazy("Durum ve takvim"),
            ),
            FieldPanel("is_public"),
            InlinePanel("partners", heading=gettext_lazy("Ortaklar"), label=gettext_lazy("Ortak")),
            InlinePanel(
                "milestones", heading=gettext_lazy("Aşamalar"), label=gettext_lazy("Aşama")
            ),
            InlinePanel(
                "contributions",
                heading=gettext_lazy("Nakdi ve ayni katkılar"),
                label=gettext_lazy("Katkı"),
            ),
            InlinePanel("documents", heading=gettext_lazy("Belgeler"), label=gettext_lazy("Belge")),
        ],
        base_form_class=ProjectForm,
    )


# --- Letterheads ---------------------------------------------------------------------------


class LetterheadForm(WagtailAdminModelForm):
    class Meta:
        model = CouncilLetterhead
        fields = ["council", "heading", "number_prefix", "signatory_name", "signatory_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = partner_councils(self.for_user)
        self.fields["council"].error_messages["invalid_choice"] = _("Bu konsey için yetkiniz yok.")
        if self.instance.pk:
            self.fields["council"].disabled = True


LetterheadCreateView, LetterheadEditView, _unused = service_views(
    save=lambda request, form, _letterhead: letterhead_save(
        actor=request.user, letterhead=form.save(commit=False)
    ),
)


class LetterheadViewSet(ScopedModelViewSet):
    model = CouncilLetterhead
    icon = "doc-full"
    menu_order = 306
    add_to_admin_menu = True
    menu_label = gettext_lazy("Yazı antetleri")
    list_display = ["council", "number_prefix", "signatory_name"]
    index_view_class = ScopedIndexView
    add_view_class = LetterheadCreateView
    edit_view_class = LetterheadEditView
    delete_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return LetterheadForm


# --- Support requests ----------------------------------------------------------------------


def _request_fields(form) -> dict:
    fields = {
        name: form.cleaned_data[name]
        for name in SupportRequestForm.Meta.fields
        if name != "council" and name in form.cleaned_data
    }
    return fields


class SupportRequestIndexView(ScopedIndexView):
    def get_edit_url(self, instance):
        return reverse("santral_partner_request", args=[instance.pk])


def _save_request(request, form, support_request):
    if support_request is None:
        return support_request_create(
            actor=request.user, council=form.cleaned_data["council"], **_request_fields(form)
        )
    return support_request_update(
        actor=request.user, support_request=support_request, **_request_fields(form)
    )


_RequestCreate, _RequestEdit, SupportRequestDeleteView = service_views(
    save=_save_request,
    delete=lambda request, support_request: support_request_delete(
        actor=request.user, support_request=support_request
    ),
)


class SupportRequestCreateView(_RequestCreate):
    def get_success_url(self):
        return reverse("santral_partner_request", args=[self.object.pk])


class SupportRequestEditView(_RequestEdit):
    def get_success_url(self):
        return reverse("santral_partner_request", args=[self.object.pk])


class SupportRequestViewSet(ScopedModelViewSet):
    model = SupportRequest
    icon = "mail"
    menu_order = 305
    add_to_admin_menu = True
    menu_label = gettext_lazy("Destek yazıları")
    list_display = ["subject", "reference", "organisation", "council", "status"]
    list_filter = ["status"]
    search_fields = ["subject", "reference"]
    index_view_class = SupportRequestIndexView
    add_view_class = SupportRequestCreateView
    edit_view_class = SupportRequestEditView
    delete_view_class = SupportRequestDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return SupportRequestForm


def _scoped_request(request, pk: int) -> SupportRequest:
    return get_object_or_404(
        SupportRequest.objects.filter(council__in=partner_councils(request.user)).select_related(
            "council", "organisation", "answer_document", "resource_line"
        ),
        pk=pk,
    )


ACTIONS = {
    "send": support_request_send,
    "delivered": support_request_mark_delivered,
    "thanked": support_request_mark_thanked,
}


def support_request_detail_view(request, pk: int):
    """One request: its letter, its state and the next steps (send, answer, pledges …)."""
    support_request = _scoped_request(request, pk)
    answer_form = AnswerForm(initial={"answer": support_request.answer or None})
    pledge_form = PledgeForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ACTIONS:
                ACTIONS[action](actor=request.user, support_request=support_request)
            elif action == "answer":
                answer_form = AnswerForm(request.POST)
                if not answer_form.is_valid():
                    raise ValidationError(_("Yanıt formunda hata var."))
                support_request_answer(
                    actor=request.user,
                    support_request=support_request,
                    answer=answer_form.cleaned_data["answer"],
                    note=answer_form.cleaned_data["note"],
                )
            elif action == "pledge":
                pledge_form = PledgeForm(request.POST)
                if not pledge_form.is_valid():
                    raise ValidationError(_("Taahhüt formunda hata var."))
                data = pledge_form.cleaned_data
                pledge_add(
                    actor=request.user,
                    support_request=support_request,
                    what=data["what"],
                    quantity=data["quantity"],
                    unit=data["unit"],
                    value=data["value"] or "0",
                    due_on=data["due_on"],
                )
            elif action in ("fulfilled", "not_fulfilled"):
                pledge = get_object_or_404(
                    Pledge, pk=request.POST.get("pledge"), support_request=support_request
                )
                pledge_settle(
                    actor=request.user,
                    pledge=pledge,
                    fulfilled=action == "fulfilled",
                    delivered_value=request.POST.get("delivered_value") or None,
                )
            elif action == "book_in_kind":
                pledge = get_object_or_404(
                    Pledge, pk=request.POST.get("pledge"), support_request=support_request
                )
                rate = get_object_or_404(
                    InKindRate, pk=request.POST.get("rate"), council=support_request.council
                )
                pledge_book_in_kind(actor=request.user, pledge=pledge, rate=rate)
            else:
                raise ValidationError(_("Bilinmeyen işlem."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kaydedildi."))
            return redirect("santral_partner_request", pk=support_request.pk)
    return TemplateResponse(
        request,
        "partners/backoffice/request_detail.html",
        {
            "support_request": support_request,
            "pledges": support_request.pledges.all(),
            # Fulfilled pledges go to the in-kind ledger only by someone who manages money.
            "in_kind_rates": (
                InKindRate.objects.filter(council=support_request.council).order_by(
                    "-fiscal_year", "category"
                )
                if can_manage_money(request.user, support_request.council)
                else []
            ),
            "answer_form": answer_form,
            "pledge_form": pledge_form,
            "edit_url": reverse("destek-yazilari:edit", args=[support_request.pk]),
        },
    )


def support_request_pdf_view(request, pk: int):
    from .views import pdf_response

    return pdf_response(_scoped_request(request, pk))


# --- Dashboard -----------------------------------------------------------------------------


def dashboard_index_view(request):
    councils = partner_councils(request.user)
    if not councils.exists():
        raise Http404
    if councils.count() == 1:
        return redirect("santral_partner_dashboard", council_id=councils.get().pk)
    return TemplateResponse(
        request, "partners/backoffice/dashboard_councils.html", {"councils": councils}
    )


def dashboard_view(request, council_id: int):
    """Upcoming events' readiness (warning for gaps within the reminder window), open
    requests by institution and age, partners' contributions this year."""
    council = get_object_or_404(partner_councils(request.user), pk=council_id)
    year = timezone.localdate().year
    contributions = council_contributions_by_partner(council=council, year=year)
    recent = Paginator(
        SupportRequest.objects.for_council(council).select_related("organisation"), 20
    ).get_page(request.GET.get("sayfa"))
    from .selectors.resources import council_upcoming_events, events_readiness, reminder_days_for

    upcoming = Paginator(council_upcoming_events(council=council), 10).get_page(
        request.GET.get("etkinlik-sayfa")
    )
    readiness = events_readiness(upcoming.object_list)
    reminder_days = reminder_days_for(council)
    soon = timezone.now() + timedelta(days=reminder_days + 1)
    return TemplateResponse(
        request,
        "partners/backoffice/dashboard.html",
        {
            "upcoming": upcoming,
            "readiness": readiness,
            "warnings": [
                row for row in readiness if row.gap.uncovered_lines and row.event.start_at < soon
            ],
            "reminder_days": reminder_days,
            "council": council,
            "year": year,
            "open_rows": council_open_requests_by_institution(council=council),
            "contributions": contributions,
            "total_cash": sum((row.cash for row in contributions), 0),
            "total_in_kind": sum((row.in_kind for row in contributions), 0),
            "recent": recent,
        },
    )


# --- An institution's history with the user's councils -------------------------------------


def organisation_history_view(request, pk: int):
    """Projects, contributions and pledges of one institution with the user's councils."""
    from .selectors import organisation_contribution_totals, organisation_pledge_history

    councils = partner_councils(request.user)
    organisation = get_object_or_404(
        OrganisationPolicy(Organisation).instances_user_has_any_permission_for(
            request.user, ["view"]
        ),
        pk=pk,
    )
    sections = []
    for council in councils.filter(affiliations__organisation=organisation).distinct():
        sections.append(
            {
                "council": council,
                "totals": organisation_contribution_totals(
                    organisation=organisation, council=council
                ),
                "partnerships": organisation.project_partnerships.filter(
                    project__council=council
                ).select_related("project"),
                "pledges": organisation_pledge_history(organisation=organisation, council=council),
                "requests": SupportRequest.objects.filter(
                    council=council, organisation=organisation
                ).order_by("-created_at"),
            }
        )
    return TemplateResponse(
        request,
        "partners/backoffice/organisation_history.html",
        {"organisation": organisation, "sections": sections},
    )


# --- KVKK consent texts (platform admins) --------------------------------------------------


class ConsentTextPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return is_platform_admin(user) and action in ("add", "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return is_platform_admin(user) and action == "view"

    def instances_user_has_any_permission_for(self, user, actions):
        if is_platform_admin(user):
            return ConsentText.objects.all()
        return ConsentText.objects.none()

    def users_with_any_permission(self, actions):
        return _nobody()


class ConsentTextForm(WagtailAdminModelForm):
    class Meta:
        model = ConsentText
        fields = ["version", "text"]
        error_messages = {
            "version": {
                "required": gettext_lazy("Sürüm boş olamaz."),
                "unique": gettext_lazy("Bu sürüm zaten var; yeni bir sürüm adı verin."),
            },
            "text": {"required": gettext_lazy("Metin boş olamaz.")},
        }


class ConsentTextCreateView(ServiceFormMixin, CreateView):
    def save_instance(self):
        return consent_text_create(
            actor=self.request.user,
            version=self.form.cleaned_data["version"],
            text=self.form.cleaned_data["text"],
        )


class ConsentTextViewSet(ScopedModelViewSet):
    model = ConsentText
    icon = "doc-full-inverse"
    menu_order = 307
    add_to_admin_menu = True
    menu_label = gettext_lazy("KVKK açık rıza metinleri")
    list_display = ["version", "created_at"]
    add_view_class = ConsentTextCreateView
    index_view_class = ScopedIndexView
    edit_view_enabled = False
    delete_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ConsentTextForm
