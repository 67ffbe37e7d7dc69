"""The council back office inside Wagtail: profile, bodies with members, members and roles.

Every view lists only the councils the user may see and saves through services,
so the back office obeys the same rules as the API and the tests.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from santral.core.i18n import user_content_html
from santral.core.spreadsheets import CSV_EXCEL, CSV_PLAIN, safe_csv

from .audit_trail import (
    AUDIT_CSV_HEADER,
    AuditFilterForm,
    audit_councils,
    audit_csv_rows,
    audit_records_for,
    may_read_audit,
)
from .forms import CouncilForm, MembershipRolesForm
from .models import Body, Council, Membership
from .permissions import (
    Capability,
    can_access_backoffice,
    can_create_council,
    can_delete_council,
    can_edit_council_profile,
    can_manage_bodies,
    can_manage_memberships,
    councils_with_capability,
    has_capability,
    is_platform_admin,
)
from .services import (
    body_delete,
    body_save,
    council_create,
    council_delete,
    council_update,
    membership_set_roles,
)


def _nobody():
    return get_user_model().objects.none()


class CouncilPermissionPolicy(BasePermissionPolicy):
    """Wagtail's view of the council rules in permissions.py."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return can_create_council(user)
        return can_access_backoffice(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change":
            return can_edit_council_profile(user, instance)
        if action == "delete":
            return can_delete_council(user)
        return has_capability(user, instance, Capability.ACCESS_BACKOFFICE)

    def instances_user_has_any_permission_for(self, user, actions):
        return councils_with_capability(user, Capability.ACCESS_BACKOFFICE)

    def users_with_any_permission(self, actions):
        return _nobody()


class BodyPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "view":
            return can_access_backoffice(user)
        return councils_with_capability(user, Capability.MANAGE_BODIES).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return has_capability(user, instance.council, Capability.ACCESS_BACKOFFICE)
        return can_manage_bodies(user, instance.council)

    def instances_user_has_any_permission_for(self, user, actions):
        return Body.objects.filter(
            council__in=councils_with_capability(user, Capability.ACCESS_BACKOFFICE)
        )

    def users_with_any_permission(self, actions):
        return _nobody()


class ScopedObjectMixin:
    """Look objects up inside the user's councils: another council's object is a 404."""

    def scoped_queryset(self) -> QuerySet:
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )

    def get_object(self, queryset=None):
        obj = get_object_or_404(self.scoped_queryset(), pk=self.kwargs[self.pk_url_kwarg])
        action = "delete" if isinstance(self, DeleteView) else "change"
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, obj
        ):
            raise PermissionDenied
        return obj


class RecordTitleColumn(TitleColumn):
    """A record's own name (a council's, a body's: written in Turkish by its council) as the
    list's title: user content, marked `lang="tr"` on a back office in English or Arabic
    (a body named "Genel Kurul" is not interface text to translate)."""

    def get_value(self, instance):
        return user_content_html(super().get_value(instance))


class ScopedIndexView(IndexView):
    def _get_title_column(self, field_name, column_class=RecordTitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )


class ScopedLookupMixin:
    """History and usage pages look their object up inside the user's councils (else 404)."""

    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )


class ScopedHistoryView(ScopedLookupMixin, HistoryView):
    pass


class ScopedUsageView(ScopedLookupMixin, UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every object page stays inside the user's councils.

    Wagtail's own history and usage views look objects up unscoped, and Wagtail serves
    edit/ and delete/ (with its own, unscoped views) whatever the viewset says: here
    `edit_view_enabled = False` / `delete_view_enabled = False` make those pages answer 404.
    """

    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    edit_view_enabled = True
    delete_view_enabled = True

    def _disabled(self) -> set[str]:
        return {
            name
            for name, enabled in (
                ("edit", self.edit_view_enabled),
                ("delete", self.delete_view_enabled),
            )
            if not enabled
        }

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        if not self.edit_view_enabled:
            # The list's titles link nowhere rather than to an edit page that answers 404
            # (the every-page sweep followed one: /admin/irtibat-kisileri/edit/1/).
            view_kwargs["edit_url_name"] = None
        return view_kwargs

    def get_common_view_kwargs(self, **kwargs):
        # No delete button for a disabled delete view; the edit URL name stays (the create
        # view needs it) and its page answers 404 when disabled.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        if not self.delete_view_enabled:
            view_kwargs["delete_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        # The names stay (Wagtail's admin URL finder reverses them); the pages answer 404.
        disabled = self._disabled()
        return [
            path(str(pattern.pattern), _not_found, name=pattern.name)
            if pattern.name in disabled
            else pattern
            for pattern in super().get_urlpatterns()
        ]


def _not_found(request, *args, **kwargs):
    raise Http404


class CouncilCreateView(CreateView):
    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in self.form.Meta.fields}
        return council_create(actor=self.request.user, **data)


class CouncilEditView(ScopedObjectMixin, EditView):
    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in self.form.Meta.fields}
        return council_update(actor=self.request.user, council=self.object, **data)


class CouncilDeleteView(ScopedObjectMixin, DeleteView):
    def delete_action(self):
        council_delete(actor=self.request.user, council=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())


class CouncilViewSet(ScopedModelViewSet):
    model = Council
    icon = "group"
    menu_order = 200
    add_to_admin_menu = True
    menu_label = gettext_lazy("Kent konseyleri")
    list_display = ["name", "kind", "province", "district", "status"]
    search_fields = ["name", "slug"]
    index_view_class = ScopedIndexView
    add_view_class = CouncilCreateView
    edit_view_class = CouncilEditView
    delete_view_class = CouncilDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return CouncilForm


class BodyForm(WagtailAdminModelForm):
    """Limits the council choice to councils whose bodies the user may manage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "council" in self.fields and self.for_user is not None:
            self.fields["council"].queryset = councils_with_capability(
                self.for_user, Capability.MANAGE_BODIES
            )
            if self.instance.pk:
                self.fields["council"].disabled = True


class BodyCreateView(CreateView):
    def save_instance(self):
        body = self.form.save(commit=False)
        return body_save(actor=self.request.user, body=body)


class BodyEditView(ScopedObjectMixin, EditView):
    def save_instance(self):
        body = self.form.save(commit=False)
        return body_save(actor=self.request.user, body=body)


class BodyDeleteView(ScopedObjectMixin, DeleteView):
    def delete_action(self):
        body_delete(actor=self.request.user, body=self.object)


class BodyViewSet(ScopedModelViewSet):
    model = Body
    icon = "list-ul"
    menu_order = 210
    add_to_admin_menu = True
    menu_label = gettext_lazy("Kurullar")
    list_display = ["name", "kind", "council"]
    list_filter = ["kind"]
    search_fields = ["name"]
    index_view_class = ScopedIndexView
    add_view_class = BodyCreateView
    edit_view_class = BodyEditView
    delete_view_class = BodyDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("council"),
            MultiFieldPanel(
                [FieldPanel("kind"), FieldPanel("assembly_type")],
                heading=gettext_lazy("Tür"),
            ),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("purpose"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
            InlinePanel("members", heading=gettext_lazy("Üyeler"), label=gettext_lazy("Üye")),
        ],
        base_form_class=BodyForm,
    )


def membership_list_view(request, council_id: int):
    """Members and roles of one council; council admins change them here."""
    council = get_object_or_404(
        councils_with_capability(request.user, Capability.ACCESS_BACKOFFICE), pk=council_id
    )
    may_manage = can_manage_memberships(request.user, council)
    form = MembershipRolesForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                membership_set_roles(
                    actor=request.user,
                    council=council,
                    user=form.cleaned_data["user"],
                    roles=form.cleaned_data["roles"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Roller kaydedildi."))
                return redirect("santral_council_members", council_id=council.pk)
    memberships = (
        Membership.objects.filter(council=council).select_related("user").order_by("user__email")
    )
    people: dict[int, dict] = {}
    for membership in memberships:
        entry = people.setdefault(membership.user_id, {"user": membership.user, "roles": []})
        entry["roles"].append(membership.get_role_display())
    return TemplateResponse(
        request,
        "councils/backoffice/members.html",
        {"council": council, "people": people.values(), "form": form, "may_manage": may_manage},
    )


def membership_index_view(request):
    councils = councils_with_capability(request.user, Capability.ACCESS_BACKOFFICE)
    if not councils.exists():
        raise Http404
    if councils.count() == 1:
        return redirect("santral_council_members", council_id=councils.get().pk)
    return TemplateResponse(
        request, "councils/backoffice/member_councils.html", {"councils": councils}
    )


AUDIT_PAGE_SIZE = 50
# A download holds at most this many rows (newest first); narrow the filters for older ones.
AUDIT_CSV_MAX_ROWS = 100_000


@require_GET
def audit_view(request):
    """The audit trail with filters; `?bicim=csv` (or `excel`) downloads what is filtered."""
    if not may_read_audit(request.user):
        raise PermissionDenied
    if is_platform_admin(request.user):
        councils = Council.objects.all()
    else:
        councils = audit_councils(request.user)
    form = AuditFilterForm(request.GET or None, councils=councils)
    records = audit_records_for(request.user, form.filters())
    wanted = request.GET.get("bicim")
    if wanted in ("csv", CSV_EXCEL):
        rows = [[str(title) for title in AUDIT_CSV_HEADER]]
        rows.extend(audit_csv_rows(records[:AUDIT_CSV_MAX_ROWS]))
        flavour = CSV_EXCEL if wanted == CSV_EXCEL else CSV_PLAIN
        response = HttpResponse(safe_csv(rows, flavour=flavour), content_type="text/csv")
        response["Content-Type"] = "text/csv; charset=utf-8"
        response["Content-Disposition"] = 'attachment; filename="denetim-kayitlari.csv"'
        return response
    page = Paginator(records, AUDIT_PAGE_SIZE).get_page(request.GET.get("sayfa"))
    query = request.GET.copy()
    query.pop("sayfa", None)
    councils_by_id = Council.objects.in_bulk({r.council_id for r in page if r.council_id})
    rows = [(record, councils_by_id.get(record.council_id)) for record in page]
    return TemplateResponse(
        request,
        "councils/backoffice/audit.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )
