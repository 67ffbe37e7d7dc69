"""Public transparency page of a council's budget year, and its downloads."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from santral.core.spreadsheets import csv_flavour
from santral.councils.models import Council

from .api import visibility_for
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
