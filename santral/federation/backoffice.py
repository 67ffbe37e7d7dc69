"""The sources back office inside Wagtail: a council admin manages their council's sources,
the platform admin any council's and the hub's. Another council's source answers 404."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from santral.councils.models import Council
from santral.councils.permissions import is_platform_admin

from .forms import SourceForm
from .models import Source
from .selectors import runs_of, source_councils, sources_of
from .services import can_manage_sources, source_register, source_run_now, source_update


def _council_or_404(request, council_id: int | None) -> Council | None:
    if council_id is None:
        if not is_platform_admin(request.user):
            raise Http404
        return None
    return get_object_or_404(source_councils(request.user), pk=council_id)


def _list_url(council: Council | None) -> str:
    from django.urls import reverse

    if council is None:
        return reverse("santral_sources_hub")
    return reverse("santral_sources", kwargs={"council_id": council.pk})


def sources_index_view(request):
    councils = source_councils(request.user)
    hub = is_platform_admin(request.user)
    if not councils.exists() and not hub:
        raise Http404
    if councils.count() == 1 and not hub:
        return redirect("santral_sources", council_id=councils.get().pk)
    return TemplateResponse(
        request, "federation/backoffice/councils.html", {"councils": councils, "hub": hub}
    )


def sources_view(request, council_id: int | None = None):
    council = _council_or_404(request, council_id)
    return TemplateResponse(
        request,
        "federation/backoffice/sources.html",
        {"council": council, "sources": sources_of(council)},
    )


def source_add_view(request, council_id: int | None = None):
    council = _council_or_404(request, council_id)
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source_register(
                actor=request.user,
                council=council,
                topics=form.cleaned_data["default_topics"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Kaynak eklendi."))
            return redirect(_list_url(council))
    return TemplateResponse(
        request, "federation/backoffice/source_form.html", {"council": council, "form": form}
    )


def _source_or_404(request, pk: int) -> Source:
    source = get_object_or_404(Source.objects.select_related("council"), pk=pk)
    if not can_manage_sources(request.user, source.council):
        raise Http404
    return source


def source_edit_view(request, pk: int):
    """Edit (and deactivate) a source; below the form, its runs with counts and errors."""
    source = _source_or_404(request, pk)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            source_update(
                actor=request.user,
                source=Source.objects.get(pk=source.pk),
                topics=form.cleaned_data["default_topics"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Kaynak kaydedildi."))
            return redirect(_list_url(source.council))
    runs = Paginator(runs_of(source), 25).get_page(request.GET.get("sayfa"))
    return TemplateResponse(
        request,
        "federation/backoffice/source_form.html",
        {"council": source.council, "form": form, "source": source, "runs": runs},
    )


@require_POST
def source_run_view(request, pk: int):
    """ "Şimdi çalıştır": one run now; the result is shown as a message and in the runs list."""
    source = _source_or_404(request, pk)
    try:
        run = source_run_now(actor=request.user, source=source)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        text = _(
            "Çalıştırma bitti: %(fetched)s alındı, %(created)s yeni, %(updated)s güncellendi, "
            "%(withdrawn)s geri çekildi, %(errors)s hata."
        ) % {
            "fetched": run.fetched,
            "created": run.created,
            "updated": run.updated,
            "withdrawn": run.withdrawn,
            "errors": run.errors,
        }
        (messages.error if run.errors else messages.success)(request, text)
    return redirect("santral_source_edit", pk=source.pk)
