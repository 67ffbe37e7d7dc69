"""Budget back office inside Wagtail: one page per council and year, plus the code lists.

Councils are looked up among those whose money the user may see (another council answers
404). Every POST goes through a service, which checks `can_manage_money` and audits, so an
editor sees the figures but any change answers 403.
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from santral.core.spreadsheets import csv_flavour
from santral.councils.permissions import (
    Capability,
    can_manage_money,
    councils_with_capability,
    is_platform_admin,
)

from . import forms as f
from . import services as s
from .exports import fiscal_data_package_zip, ledger_csv, ledger_xlsx
from .imports import (
    FIELDS,
    ImportFailed,
    classification_import,
    import_commit,
    import_preview,
)
from .models import (
    ClassificationCode,
    Expenditure,
    InKindRate,
    LedgerEntry,
    PayingUnit,
    Transfer,
)
from .reports import report_charts, report_csv, report_pdf, report_tables, report_xlsx
from .selectors import (
    budget_report,
    code_tree,
    expenditures_for,
    in_kind_for,
    ledger_for,
    transfers_for,
)
from .staging import import_stage, import_staged_content, import_unstage

PAGE_SIZE = 50

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def _council(request, council_id: int):
    return get_object_or_404(
        councils_with_capability(request.user, Capability.VIEW_MONEY), pk=council_id
    )


def budget_index_view(request):
    councils = councils_with_capability(request.user, Capability.VIEW_MONEY)
    if not councils.exists():
        raise Http404
    year = timezone.localdate().year
    if councils.count() == 1:
        return redirect("santral_budget_year", council_id=councils.get().pk, year=year)
    return TemplateResponse(
        request, "budget/backoffice/index.html", {"councils": councils, "year": year}
    )


def _forms(council, year, data=None, files=None, action=None):
    units = PayingUnit.objects.filter(council=council, fiscal_year=year)
    lines = (
        s.BudgetLine.objects.filter(council=council, fiscal_year=year)
        .select_related("paying_unit")
        .order_by("paying_unit__kurumsal_code", "functional_code", "economic_code")
    )
    rates = InKindRate.objects.filter(council=council, fiscal_year=year)
    settings_obj = s.budget_settings_for(council)

    def bound(name):
        return (data, files) if action == name else (None, None)

    return {
        "unit": f.PayingUnitForm(*bound("unit"), prefix="unit"),
        "line": f.BudgetLineForm(*bound("line"), units=units, prefix="line"),
        "appropriation": f.AppropriationForm(*bound("appropriation"), lines=lines, prefix="ap"),
        "transfer": f.TransferForm(
            *bound("transfer"),
            lines=lines,
            prefix="tr",
            initial={"transfer_on": timezone.localdate()},
        ),
        "route": f.RouteForm(*bound("route"), lines=lines, prefix="ro"),
        "request": f.ExpenditureRequestForm(*bound("request"), lines=lines, prefix="rq"),
        "rate": f.InKindRateForm(*bound("rate"), prefix="rate"),
        "in_kind": f.InKindForm(*bound("in_kind"), rates=rates, prefix="ik"),
        "project_account": f.ProjectAccountForm(*bound("project_account"), prefix="pa"),
        "close": f.PeriodCloseForm(*bound("close"), prefix="close"),
        "settings": f.SettingsForm(
            *bound("settings"),
            prefix="st",
            initial={
                "second_approval_threshold": settings_obj.second_approval_threshold,
                "transparency": settings_obj.transparency,
                "publish_in_kind": settings_obj.publish_in_kind,
            },
        ),
        "import": f.ImportForm(*bound("import"), prefix="im"),
    }


def _expenditure(council, year, request):
    return get_object_or_404(
        Expenditure, council=council, fiscal_year=year, pk=request.POST.get("expenditure_id")
    )


def _handle(request, council, year, action, forms):
    """Run one POSTed action through its service. Returns a message or raises."""
    user = request.user
    data = {}
    if action in forms:
        form = forms[action]
        if not form.is_valid():
            raise ValidationError(_("Formda hatalar var."))
        data = form.cleaned_data
    if action == "unit":
        s.paying_unit_create(actor=user, council=council, fiscal_year=year, **data)
    elif action == "line":
        s.budget_line_create(actor=user, **data)
    elif action == "appropriation":
        s.appropriation_post(actor=user, **data)
    elif action == "reverse":
        form = f.ReverseForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Ters kayıt için gerekçe yazın."))
        entry = get_object_or_404(
            LedgerEntry, council=council, fiscal_year=year, pk=form.cleaned_data["entry_id"]
        )
        s.entry_reverse(
            actor=user,
            entry=entry,
            reason=form.cleaned_data["reason"],
            entry_on=form.cleaned_data["entry_on"],
        )
    elif action == "transfer":
        s.transfer_post(actor=user, **data)
    elif action == "transfer_reverse":
        form = f.TransferReverseForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Ters kayıt için gerekçe yazın."))
        transfer = get_object_or_404(
            Transfer, council=council, fiscal_year=year, pk=form.cleaned_data["transfer_id"]
        )
        s.transfer_reverse(
            actor=user,
            transfer=transfer,
            reason=form.cleaned_data["reason"],
            entry_on=form.cleaned_data["entry_on"],
        )
    elif action == "route":
        s.budget_line_route_set(actor=user, **data)
    elif action == "close":
        s.period_close(actor=user, council=council, fiscal_year=year, month=data.get("month"))
    elif action == "request":
        s.expenditure_request(actor=user, council=council, fiscal_year=year, **data)
    elif action == "approve":
        s.expenditure_approve(actor=user, expenditure=_expenditure(council, year, request))
    elif action == "decline":
        form = f.DeclineForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        s.expenditure_decline(
            actor=user, expenditure=_expenditure(council, year, request), reason=reason
        )
    elif action == "reverse_payment":
        form = f.PaymentReverseForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Ters kayıt için gerekçe yazın."))
        s.expenditure_payment_reverse(
            actor=user,
            expenditure=_expenditure(council, year, request),
            reason=form.cleaned_data["reason"],
            entry_on=form.cleaned_data["entry_on"],
        )
    elif action == "commit":
        form = f.CommitForm(request.POST)
        if not form.is_valid():
            raise ValidationError([str(e) for errs in form.errors.values() for e in errs])
        s.expenditure_commit(
            actor=user, expenditure=_expenditure(council, year, request), **form.cleaned_data
        )
    elif action == "pay":
        form = f.PayForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ValidationError([str(e) for errs in form.errors.values() for e in errs])
        s.expenditure_pay(
            actor=user, expenditure=_expenditure(council, year, request), **form.cleaned_data
        )
    elif action == "rate":
        s.in_kind_rate_save(actor=user, council=council, fiscal_year=year, **data)
    elif action == "in_kind":
        s.in_kind_record(actor=user, **data)
    elif action == "project_account":
        s.project_account_create(actor=user, council=council, year=year, **data)
    elif action == "settings":
        s.budget_settings_update(actor=user, council=council, **data)
    elif action == "import":
        upload = data["file"]
        content = upload.read()
        if not data["commit"]:
            if not can_manage_money(user, council):
                raise PermissionDenied
            preview = import_preview(
                council=council,
                year=year,
                content=content,
                filename=upload.name,
                mapping=data["mapping"],
            )
            if not preview.errors:
                # Kept so "İçe aktar" under the preview does not ask for the file again.
                preview.staged_token = import_stage(council=council, year=year, content=content)
                preview.filename = upload.name
                preview.mapping_text = request.POST.get("im-mapping", "")
            return preview
        return _import_done(
            import_commit(
                actor=user,
                council=council,
                year=year,
                content=content,
                filename=upload.name,
                mapping=data["mapping"],
            )
        )
    elif action == "import_remap":
        if not can_manage_money(user, council):
            raise PermissionDenied
        form = f.ImportRemapForm(request.POST)
        if not form.is_valid():
            raise ValidationError([str(e) for errs in form.errors.values() for e in errs])
        token = form.cleaned_data["token"]
        mapping = form.extended_mapping(request.POST)
        preview = import_preview(
            council=council,
            year=year,
            content=import_staged_content(council=council, year=year, token=token),
            filename=form.cleaned_data["filename"],
            mapping=mapping,
        )
        preview.staged_token = token if not preview.errors else ""
        preview.filename = form.cleaned_data["filename"]
        preview.mapping_text = json.dumps(mapping, ensure_ascii=False)
        return preview
    elif action == "import_staged":
        if not can_manage_money(user, council):
            raise PermissionDenied
        form = f.StagedImportForm(request.POST)
        if not form.is_valid():
            raise ValidationError([str(e) for errs in form.errors.values() for e in errs])
        token = form.cleaned_data["token"]
        result = import_commit(
            actor=user,
            council=council,
            year=year,
            content=import_staged_content(council=council, year=year, token=token),
            filename=form.cleaned_data["filename"],
            mapping=form.cleaned_data["mapping"],
        )
        import_unstage(council=council, year=year, token=token)
        return _import_done(result)
    else:
        raise Http404
    return _("Kaydedildi.")


def _import_done(result) -> str:
    message = _("%(created)s kayıt eklendi, %(skipped)s kayıt önceden aktarılmıştı.") % {
        "created": result.created,
        "skipped": result.skipped,
    }
    if result.previous is not None:
        message = f"{message} {result.previous}"
    return message


def budget_year_view(request, council_id: int, year: int):
    council = _council(request, council_id)
    may_manage = can_manage_money(request.user, council)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _forms(council, year, request.POST, request.FILES, action)
    preview = None
    import_errors = []
    if request.method == "POST":
        try:
            outcome = _handle(request, council, year, action, forms)
        except ImportFailed as failure:
            import_errors = failure.errors_list
            messages.error(request, _("Dosyada hata var; hiçbir kayıt yazılmadı."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if isinstance(outcome, str):
                messages.success(request, outcome)
                return redirect("santral_budget_year", council_id=council.pk, year=year)
            preview = outcome
            import_errors = outcome.errors
    report = budget_report(council, year)
    expenditures = Paginator(expenditures_for(council, year), PAGE_SIZE).get_page(
        request.GET.get("talep")
    )
    ledger = Paginator(ledger_for(council, year).order_by("-entry_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("defter")
    )
    in_kind = Paginator(in_kind_for(council, year), PAGE_SIZE).get_page(request.GET.get("ayni"))
    transfers = Paginator(transfers_for(council, year), PAGE_SIZE).get_page(
        request.GET.get("aktarma")
    )
    return TemplateResponse(
        request,
        "budget/backoffice/year.html",
        {
            "council": council,
            "year": year,
            "may_manage": may_manage,
            "report": report,
            "tables": report_tables(report),
            "charts": report_charts(report),
            "expenditures": expenditures,
            "ledger": ledger,
            "in_kind": in_kind,
            "transfers": transfers,
            "forms": forms,
            "preview": preview,
            "import_errors": import_errors,
            "import_fields": [(name, str(label)) for name, label in FIELDS.items()],
            "today": timezone.localdate().isoformat(),
            "tree": code_tree(kind="functional", year=year, council=council),
        },
    )


def budget_export_view(request, council_id: int, year: int, what: str):
    council = _council(request, council_id)
    flavour = csv_flavour(request)  # ?bicim=excel: `;`, BOM, decimal comma
    if what == "rapor.csv":
        body, kind = (
            report_csv(
                budget_report(council, year), table=request.GET.get("tablo", ""), flavour=flavour
            ),
            "csv",
        )
    elif what == "rapor.xlsx":
        body, kind = report_xlsx(budget_report(council, year)), "xlsx"
    elif what == "rapor.pdf":
        body, kind = report_pdf(budget_report(council, year), internal=True), "pdf"
    elif what == "defter.csv":
        body, kind = ledger_csv(council, year, flavour=flavour), "csv"
    elif what == "defter.xlsx":
        body, kind = ledger_xlsx(council, year), "xlsx"
    elif what == "fiscal-data-package.zip":
        body, kind = fiscal_data_package_zip(council, year), "zip"
    else:
        raise Http404
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    name = what.replace(".csv", "-excel.csv") if kind == "csv" and flavour == "excel" else what
    response["Content-Disposition"] = f'attachment; filename="{council.slug}-{year}-{name}"'
    return response


# ---------------------------------------------------------------- classification codes


def code_import_view(request):
    """Platform admins load an official list (the budget authority's Excel annex)."""
    if not is_platform_admin(request.user):
        raise PermissionDenied
    form = f.CodeImportForm(request.POST or None, request.FILES or None)
    result = None
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = classification_import(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                content=upload.read(),
                filename=upload.name,
                mapping=form.cleaned_data["mapping"],
                commit=form.cleaned_data["commit"],
            )
        except ImportFailed as failure:
            errors = failure.errors_list
            messages.error(request, _("Dosyada hata var; hiçbir kod yazılmadı."))
        else:
            if form.cleaned_data["commit"]:
                messages.success(
                    request,
                    _("%(added)s kod eklendi, %(updated)s kod güncellendi.")
                    % {"added": result.created, "updated": result.skipped},
                )
                return redirect("santral_budget_code_import")
    return TemplateResponse(
        request,
        "budget/backoffice/code_import.html",
        {"form": form, "result": result, "errors": errors},
    )


class CodePermissionPolicy(BasePermissionPolicy):
    """Platform-wide codes: platform admins only."""

    def user_has_permission(self, user, action):
        return is_platform_admin(user) and action != "delete"

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.council_id is None

    def instances_user_has_any_permission_for(self, user, actions):
        if not is_platform_admin(user):
            return ClassificationCode.objects.none()
        return ClassificationCode.objects.filter(council__isnull=True)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()


class CodeIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )


class CodeCreateView(CreateView):
    def save_instance(self):
        return s.classification_code_save(actor=self.request.user, code=self.form.instance)


class CodeEditView(EditView):
    def get_object(self, queryset=None):
        obj = get_object_or_404(
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            ),
            pk=self.kwargs[self.pk_url_kwarg],
        )
        return obj

    def save_instance(self):
        return s.classification_code_save(actor=self.request.user, code=self.form.instance)


class CodeForm(WagtailAdminModelForm):
    pass


class ClassificationCodeViewSet(ModelViewSet):
    model = ClassificationCode
    icon = "list-ol"
    menu_order = 240
    add_to_admin_menu = True
    menu_label = gettext_lazy("Bütçe kodları")
    list_display = ["code", "name", "kind", "year", "verification_status", "is_active"]
    list_filter = ["kind", "year", "verification_status"]
    search_fields = ["code", "name"]
    form_fields = ["kind", "year", "code", "name", "verification_status", "evidence", "is_active"]
    index_view_class = CodeIndexView
    add_view_class = CodeCreateView
    edit_view_class = CodeEditView
    copy_view_enabled = False
    inspect_view_enabled = False


# ---------------------------------------------------------------- one expenditure, step by step

STEPS = (
    ("request", gettext_lazy("Talep")),
    ("approve", gettext_lazy("Onay")),
    ("commit", gettext_lazy("Taahhüt")),
    ("pay", gettext_lazy("Ödeme")),
)
# How far each status has come: the steps before the index are done, the one at it is next.
_STEP_OF_STATUS = {
    Expenditure.Status.REQUESTED: 1,
    Expenditure.Status.APPROVED: 2,
    Expenditure.Status.COMMITTED: 3,
    Expenditure.Status.PAID: 4,
    Expenditure.Status.DECLINED: 1,
    Expenditure.Status.CANCELLED: 2,
}
# The step forms: what the next step of a status asks for (services decide and audit).
_NEXT_ACTIONS = {
    Expenditure.Status.REQUESTED: ("approve", "decline"),
    Expenditure.Status.APPROVED: ("commit", "decline"),
    Expenditure.Status.COMMITTED: ("pay", "cancel"),
    Expenditure.Status.PAID: ("reverse_payment",),
    Expenditure.Status.DECLINED: (),
    Expenditure.Status.CANCELLED: (),
}


def expenditure_steps(expenditure: Expenditure) -> list[dict]:
    """The four steps with their state: done, current (the next to take), declined or todo."""
    reached = _STEP_OF_STATUS[expenditure.status]
    declined = expenditure.status in (Expenditure.Status.DECLINED, Expenditure.Status.CANCELLED)
    steps = []
    for index, (key, label) in enumerate(STEPS):
        if index < reached:
            state = "done"
        elif index == reached:
            state = "declined" if declined else "current"
        else:
            state = "todo"
        steps.append({"key": key, "label": label, "state": state, "number": index + 1})
    return steps


def _step_forms(expenditure: Expenditure, action=None, data=None, files=None) -> dict:
    today = timezone.localdate()

    def bound(name):
        return (data, files) if action == name else (None, None)

    forms = {}
    for name in _NEXT_ACTIONS[expenditure.status]:
        if name == "approve":
            forms[name] = None  # a button: nothing to fill in
        elif name == "decline":
            forms[name] = f.DeclineForm(*bound(name), prefix="decline")
        elif name == "commit":
            forms[name] = f.CommitForm(
                *bound(name),
                prefix="commit",
                initial={"amount": expenditure.estimated_amount, "committed_on": today},
            )
        elif name == "pay":
            forms[name] = f.PayForm(
                *bound(name),
                prefix="pay",
                initial={"amount": expenditure.committed_amount, "paid_on": today},
            )
        elif name == "reverse_payment":
            forms[name] = f.PaymentReverseForm(*bound(name), prefix="reverse")
        elif name == "cancel":
            forms[name] = f.CancelForm(*bound(name), prefix="cancel")
    return forms


def _run_step(actor, expenditure: Expenditure, action: str, form) -> None:
    """One step through its service; raises ValidationError / PermissionDenied as they do."""
    data = {} if form is None else form.cleaned_data
    if action == "approve":
        s.expenditure_approve(actor=actor, expenditure=expenditure)
    elif action == "decline":
        s.expenditure_decline(actor=actor, expenditure=expenditure, reason=data["reason"])
    elif action == "commit":
        s.expenditure_commit(actor=actor, expenditure=expenditure, **data)
    elif action == "pay":
        s.expenditure_pay(actor=actor, expenditure=expenditure, **data)
    elif action == "reverse_payment":
        s.expenditure_payment_reverse(
            actor=actor, expenditure=expenditure, reason=data["reason"], entry_on=data["entry_on"]
        )
    elif action == "cancel":
        s.expenditure_cancel(
            actor=actor, expenditure=expenditure, reason=data["reason"], entry_on=data["entry_on"]
        )


def _add_service_errors(form, error: ValidationError) -> None:
    if form is not None and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif form is not None:
        form.add_error(None, error.messages)


_AUDIT_LABELS = {
    "budget.expenditure.request": (gettext_lazy("Talep edildi"), "estimated_amount"),
    "budget.expenditure.approve": (gettext_lazy("Onay verildi"), None),
    "budget.expenditure.decline": (gettext_lazy("Reddedildi"), None),
    "budget.expenditure.commit": (gettext_lazy("Taahhüt edildi"), "committed_amount"),
    "budget.expenditure.pay": (gettext_lazy("Ödendi"), "paid_amount"),
    "budget.expenditure.payment_reverse": (gettext_lazy("Ödeme ters çevrildi"), None),
    "budget.expenditure.cancel": (gettext_lazy("Taahhüt iptal edildi"), None),
}


def expenditure_history(expenditure: Expenditure) -> dict:
    """Who did what when to one expenditure: its audit rows and its ledger entries."""
    from santral.core.audit import audit_history

    rows = []
    for record in audit_history(expenditure).order_by("at", "id"):
        label, amount_key = _AUDIT_LABELS.get(record.action, (record.action, None))
        after = record.after or {}
        note = ""
        if record.action == "budget.expenditure.approve" and "needed" in after:
            note = _("%(count)s / %(needed)s onay") % {
                "count": after.get("approvals"),
                "needed": after["needed"],
            }
        elif "reason" in after:
            note = after["reason"]
        elif "contract_no" in after:
            note = after["contract_no"]
        elif "payment_order_no" in after:
            note = after["payment_order_no"]
        rows.append(
            {
                "at": record.at,
                "actor": record.actor,
                "label": label,
                "amount": after.get(amount_key) if amount_key else None,
                "note": note,
            }
        )
    return {
        "audit": rows,
        "entries": list(
            expenditure.entries.select_related("created_by").order_by("entry_on", "id")
        ),
        "approvals": list(expenditure.approvals.select_related("approver")),
    }


def expenditure_view(request, council_id: int, year: int, pk: int):
    """One expenditure as steps (Talep → Onay → Taahhüt → Ödeme), the next step's form and
    its history. Only a treasurer sees the forms; every POST goes through a service."""
    council = _council(request, council_id)
    expenditure = get_object_or_404(
        Expenditure.objects.select_related("line__paying_unit", "author"),
        council=council,
        fiscal_year=year,
        pk=pk,
    )
    may_manage = can_manage_money(request.user, council)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _step_forms(expenditure, action, request.POST, request.FILES)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied  # the services refuse too; this refuses before any form
        if action not in forms:
            messages.error(request, _("Bu adım şu an atılamaz; sayfa yenilendi."))
            return redirect("santral_budget_expenditure", council.pk, year, expenditure.pk)
        form = forms[action]
        if form is None or form.is_valid():
            try:
                _run_step(request.user, expenditure, action, form)
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect("santral_budget_expenditure", council.pk, year, expenditure.pk)
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Kaydedildi."))
                return redirect("santral_budget_expenditure", council.pk, year, expenditure.pk)
        messages.error(request, _("Formda hatalar var."))
    approvals_needed = (
        2
        if expenditure.estimated_amount > s.budget_settings_for(council).second_approval_threshold
        else 1
    )
    history = expenditure_history(expenditure)
    return TemplateResponse(
        request,
        "budget/backoffice/expenditure.html",
        {
            "council": council,
            "year": year,
            "item": expenditure,
            "may_manage": may_manage,
            "steps": expenditure_steps(expenditure),
            "forms": forms if may_manage else {},
            "approvals_needed": approvals_needed,
            "approved_by_me": any(a.approver_id == request.user.pk for a in history["approvals"]),
            "is_author": expenditure.author_id == request.user.pk,
            "line_left": s.line_available(expenditure.line) if expenditure.line_id else None,
            **history,
        },
    )
