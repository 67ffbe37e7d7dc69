"""Budget import files by token: upload and stage a file, read the staged preview.

The token never posts to the ledger: confirming a staged import stays in the back office
with a person (the treasurer, with TOTP), as docs/api-tokens.md explains. The preview is
budget/imports.py's own; staging is budget/staging.py's, as in the back office.
"""

import re
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from santral.budget.imports import file_size_error, import_preview
from santral.budget.staging import import_stage, import_staged_content

from . import serializers as s
from .base import TokenApiView
from .content import ERRORS, WITH_404

SAMPLE_ROWS = 50
MAX_ERRORS = 100
_STAGED = re.compile(r"^[0-9a-f]{64}$")
CONFIRM_NOTE = _(
    "Dosya hazırlandı ama deftere işlenmedi: içe aktarmayı arka ofiste mali sorumlu onaylar."
)


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _preview_data(result, *, staged: str, year: int) -> dict:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in result.rows:
        totals[row.kind] += row.amount
    return {
        "staged": staged,
        "year": year,
        "rows": len(result.rows),
        "new": len(result.rows) - result.skipped,
        "skipped": result.skipped,
        "totals": {kind: str(amount) for kind, amount in sorted(totals.items())},
        "previous": str(result.previous) if result.previous else None,
        "sample": [
            {
                "row": row.row,
                "entry_on": row.entry_on.isoformat(),
                "kurumsal": row.kurumsal,
                "functional": row.functional,
                "financing": row.financing,
                "economic": row.economic,
                "kind": row.kind,
                "amount": str(row.amount),
                "description": row.description,
                "already_imported": row.source_key in result.existing,
            }
            for row in result.rows[:SAMPLE_ROWS]
        ],
        "confirm": str(CONFIRM_NOTE),
    }


def _errors_response(errors) -> Response:
    return Response(
        {
            "detail": _("Dosyada hata var; hiçbir şey hazırlanmadı."),
            "errors": [
                {"row": error.row, "column": str(error.column), "message": str(error.message)}
                for error in errors[:MAX_ERRORS]
            ],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


@extend_schema(
    summary="Upload a budget import file (CSV/XLSX): checked and staged, never posted",
    request={"multipart/form-data": s.BudgetImportUpload},
    responses={201: s.BudgetImportPreview, **ERRORS},
    tags=["write"],
)
class BudgetImportStageApi(TokenApiView):
    area = "finance"
    parser_classes = [MultiPartParser]

    def post(self, request, council_slug: str, year: int):
        year = _year(year)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        too_big = file_size_error(max(length - 64 * 1024, 0))
        if too_big:
            raise exceptions.ValidationError({"file": [too_big]})
        unknown = sorted(set(request.data) - {"file"})
        if unknown:
            raise exceptions.ValidationError(
                {name[:64]: [_("Bilinmeyen alan.")] for name in unknown[:20]}
            )
        uploads = request.FILES.getlist("file")
        if len(uploads) != 1:
            raise exceptions.ValidationError(
                {"file": [_("Tek bir CSV ya da XLSX dosyası gönderin.")]}
            )
        upload = uploads[0]
        message = file_size_error(upload.size or 0)
        if message:
            raise exceptions.ValidationError({"file": [message]})
        content = upload.read()
        result = import_preview(
            council=self.council, year=year, content=content, filename=upload.name
        )
        if result.errors:
            return _errors_response(result.errors)
        filename = upload.name.rsplit("/", 1)[-1][:200]

        def work():
            staged = import_stage(council=self.council, year=year, content=content)
            self.staged = staged
            return self.token

        self.run_write(
            "budget.import_stage",
            work,
            details={"year": year, "file": filename, "rows": len(result.rows)},
        )
        return Response(
            _preview_data(result, staged=self.staged, year=year), status=status.HTTP_201_CREATED
        )


@extend_schema(
    summary="Read the preview of a staged budget import file (writes nothing)",
    parameters=[OpenApiParameter("staged", str, OpenApiParameter.PATH, description="SHA-256")],
    responses={200: s.BudgetImportPreview, **WITH_404},
    tags=["write"],
)
class BudgetImportPreviewApi(TokenApiView):
    area = "finance"

    def get(self, request, council_slug: str, year: int, staged: str):
        year = _year(year)
        if not _STAGED.match(staged):
            raise Http404
        try:
            content = import_staged_content(council=self.council, year=year, token=staged)
        except DjangoValidationError:
            raise exceptions.NotFound(
                _("Hazırlanan dosya bulunamadı (bir gün sonra silinir); yeniden yükleyin.")
            ) from None
        result = import_preview(council=self.council, year=year, content=content)
        if result.errors:
            return _errors_response(result.errors)
        return Response(_preview_data(result, staged=staged, year=year))


@extend_schema(
    summary="The token itself: its council, scope and expiry",
    responses={200: s.ApiTokenInfo, 401: s.WriteError},
    tags=["write"],
)
class TokenInfoApi(TokenApiView):
    def initial(self, request, *args, **kwargs):
        # Any scope may read this; the area check of TokenApiView does not apply.
        self.area = "finance" if request.auth and "finance" in request.auth.scope else "content"
        super().initial(request, *args, **kwargs)

    def get(self, request):
        return Response(s.ApiTokenInfo(self.token).data)
