"""Public transparency page of a council's budget year, and its downloads."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from santral.core.spreadsheets import csv_flavour
from santral.councils.models import Council

from .api import visibility_for
from .exports import fiscal_data_package_zip, ledger_csv, ledger_json, ledger_xlsx
from .models import ZERO
from .reports import report_charts, report_csv, report_pdf, report_tables, report_xlsx
from .selectors import budget_report, expenditures_for

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _public_report(request, slug: str, year: int):
    council = get_object_or_404(Council, slug=slug)
    visibility, publish_in_kind = visibility_for(request.user, council)
    report = budget_report(council, year)
    # Public facts only: which request would exceed which line is for the back office
    # (its year page); no public page, PDF, CSV or XLSX shows it, whoever asks.
    report.warnings = []
    if not publish_in_kind and visibility != "internal":
        report.in_kind_total = ZERO
        report.in_kind_by_kind = []
        report.in_kind_by_category = []
    return council, visibility, report


def public_budget_view(request, slug: str, year: int):
    """What the council was allocated, by whom, what was spent on what, in-kind received.

    Payees who are individuals are never named; only what the council chose is shown.
    """
    council, visibility, report = _public_report(request, slug, year)
    public = visibility == "totals"
    spending = []
    if visibility in ("lines", "internal"):
        spending = list(
            expenditures_for(council, year).filter(status__in=["committed", "paid"])[:200]
        )
    return render(
        request,
        "budget/public_report.html",
        {
            "council": council,
            "report": report,
            "tables": report_tables(report, public=public),
            "charts": report_charts(report),
            "public": True,
            "spending": spending,
            "year": year,
        },
    )


def public_budget_export_view(request, slug: str, year: int, fmt: str):
    if fmt not in EXPORT_TYPES:
        raise Http404
    council, visibility, report = _public_report(request, slug, year)
    public = visibility == "totals"
    if fmt == "csv":
        body = report_csv(
            report,
            table=request.GET.get("tablo", "satirlar"),
            public=public,
            flavour=csv_flavour(request),  # ?bicim=excel: `;`, BOM, decimal comma
        )
    elif fmt == "xlsx":
        body = report_xlsx(report, public=public)
    else:
        body = report_pdf(report, public=public)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    suffix = "-excel" if fmt == "csv" and csv_flavour(request) == "excel" else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{council.slug}-butce-{year}{suffix}.{fmt}"'
    )
    return response


LEDGER_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "zip": "application/zip",  # the Fiscal Data Package: datapackage.json + ledger.csv
}


@require_safe
def public_ledger_export_view(request, slug: str, year: int, fmt: str):
    """The year's ledger for open data (santral/opendata): only where the council publishes
    its budget lines ("lines"); with totals only, the entries would say more than the
    council chose to show, so they answer 404."""
    if fmt not in LEDGER_TYPES:
        raise Http404
    council = get_object_or_404(Council, slug=slug)
    visibility, _publish_in_kind = visibility_for(request.user, council)
    if visibility == "totals":
        raise Http404
    if fmt == "json":
        return JsonResponse(ledger_json(council, year), json_dumps_params={"ensure_ascii": False})
    if fmt == "csv":
        body = ledger_csv(council, year, flavour=csv_flavour(request))
    elif fmt == "xlsx":
        body = ledger_xlsx(council, year)
    else:
        body = fiscal_data_package_zip(council, year)
    response = HttpResponse(body, content_type=LEDGER_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{council.slug}-butce-defteri-{year}.{fmt}"'
    )
    return response
