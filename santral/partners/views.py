"""Public pages (stakeholder profiles, joint projects) and the liaison's pages.

Public pages only read. The liaison pages need a signed-in user who is a
liaison; they show only requests addressed to the liaison's institution.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from santral.councils.models import Council

from .forms import AnswerForm, PledgeForm
from .letters import render_letter_pdf
from .selectors import (
    council_public_projects,
    is_liaison,
    liaison_request,
    liaison_requests,
    organisation_contribution_totals,
    organisation_public_projects,
    project_contribution_summary,
    public_organisation,
    public_organisations,
    public_project,
)
from .services import pledge_add, support_request_answer

PAGE_SIZE = 24


def _page(request, queryset):
    return Paginator(
        queryset, getattr(settings, "SANTRAL_DIRECTORY_PAGE_SIZE", PAGE_SIZE)
    ).get_page(request.GET.get("sayfa"))


def organisation_list_view(request):
    """Stakeholders with a public profile, in Turkish alphabetical order."""
    page = _page(request, public_organisations())
    return render(request, "partners/organisation_list.html", {"page": page, "organisations": page})


def organisation_detail_view(request, slug: str):
    organisation = public_organisation(slug=slug)
    if organisation is None:
        raise Http404
    context = {"organisation": organisation}
    if organisation.show_projects:
        context["partnerships"] = organisation_public_projects(organisation=organisation)
    if organisation.show_contributions:
        context["totals"] = organisation_contribution_totals(organisation=organisation)
    return render(request, "partners/organisation_detail.html", context)


def project_list_view(request, council_slug: str):
    council = get_object_or_404(Council.objects.listed(), slug=council_slug)
    page = _page(request, council_public_projects(council=council))
    return render(
        request,
        "partners/project_list.html",
        {"council_obj": council, "page": page, "projects": page},
    )


def project_detail_view(request, council_slug: str, slug: str):
    council = get_object_or_404(Council.objects.listed(), slug=council_slug)
    project = public_project(council=council, slug=slug)
    if project is None:
        raise Http404
    return render(
        request,
        "partners/project_detail.html",
        {
            "council_obj": council,
            "project": project,
            "contributions": project_contribution_summary(project),
        },
    )


# --- Liaison ---------------------------------------------------------------------------------


def _liaison_or_404(user) -> None:
    if not is_liaison(user):
        raise Http404


@login_required
def liaison_dashboard_view(request):
    """The requests addressed to the liaison's institution(s), newest first."""
    _liaison_or_404(request.user)
    page = _page(request, liaison_requests(user=request.user))
    return render(
        request,
        "partners/liaison_dashboard.html",
        {"page": page, "requests": page, "today": timezone.localdate()},
    )


@login_required
def liaison_request_view(request, pk: int):
    support_request = liaison_request(user=request.user, pk=pk)
    if support_request is None:
        raise Http404
    return render(
        request,
        "partners/liaison_request.html",
        {
            "support_request": support_request,
            "answer_form": AnswerForm(initial={"answer": support_request.answer or None}),
            "pledge_form": PledgeForm(),
        },
    )


def _render_with_errors(request, support_request, **forms):
    context = {
        "support_request": support_request,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "pledge_form": forms.get("pledge_form") or PledgeForm(),
    }
    return render(request, "partners/liaison_request.html", context, status=400)


@login_required
@require_POST
def liaison_answer_view(request, pk: int):
    support_request = liaison_request(user=request.user, pk=pk)
    if support_request is None:
        raise Http404
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = None
            if form.cleaned_data.get("document") is not None:
                document = _store_answer_document(support_request, form.cleaned_data["document"])
            support_request_answer(
                actor=request.user,
                support_request=support_request,
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"],
                document=document,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Yanıtınız kaydedildi."))
            return redirect("partners:liaison_request", pk=pk)
    return _render_with_errors(request, support_request, answer_form=form)


def _store_answer_document(support_request, upload):
    from wagtail.documents import get_document_model

    document = get_document_model()(
        title=_("Yanıt: %(ref)s") % {"ref": support_request.reference}, file=upload
    )
    document.save()
    return document


@login_required
@require_POST
def liaison_pledge_view(request, pk: int):
    support_request = liaison_request(user=request.user, pk=pk)
    if support_request is None:
        raise Http404
    form = PledgeForm(request.POST)
    if form.is_valid():
        try:
            pledge_add(
                actor=request.user,
                support_request=support_request,
                what=form.cleaned_data["what"],
                quantity=form.cleaned_data["quantity"],
                unit=form.cleaned_data["unit"],
                value=form.cleaned_data["value"] or "0",
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Taahhüt kaydedildi."))
            return redirect("partners:liaison_request", pk=pk)
    return _render_with_errors(request, support_request, pledge_form=form)


@login_required
def liaison_letter_view(request, pk: int):
    support_request = liaison_request(user=request.user, pk=pk)
    if support_request is None:
        raise Http404
    return pdf_response(support_request)


def pdf_response(support_request) -> HttpResponse:
    response = HttpResponse(render_letter_pdf(support_request), content_type="application/pdf")
    name = (support_request.reference or f"taslak-{support_request.pk}").replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
