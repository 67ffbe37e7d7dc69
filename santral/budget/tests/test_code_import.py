import io

import pytest
from django.core.exceptions import PermissionDenied

from santral.budget.imports import ImportFailed, classification_import
from santral.budget.models import ClassificationCode
from santral.core.models import AuditRecord


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in [["Kod", "Ad"], *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_official_list_adds_and_corrects_codes(cast):
    content = _xlsx([["03.6.1", "Temsil Giderleri"], ["03.6.1.01", "Temsil Giderleri (resmî)"]])
    result = classification_import(
        actor=cast.platform_admin, kind="economic", year=2026, content=content, filename="ek-a.xlsx"
    )
    assert (result.created, result.skipped) == (1, 1)
    new = ClassificationCode.objects.get(kind="economic", year=2026, code="03.6.1.01")
    assert new.level == 4 and new.parent_code == "03.6.1"
    assert new.verification_status == "official_import"
    assert (
        ClassificationCode.objects.get(
            kind="economic", year=2026, code="03.6.1"
        ).verification_status
        == "official_import"
    )
    assert AuditRecord.objects.filter(action="budget.codes.import").exists()


def test_official_list_errors_write_nothing(cast):
    before = ClassificationCode.objects.count()
    content = _xlsx([["03.6.9.01", "Yetim kod"], [3.61, "Sayı olmuş kod"], ["03.6.2", ""]])
    with pytest.raises(ImportFailed) as failure:
        classification_import(
            actor=cast.platform_admin, kind="economic", year=2026, content=content
        )
    rows = {(e.row, e.column) for e in failure.value.errors_list}
    assert rows == {(2, "Kod"), (3, "Kod"), (4, "Ad")}
    assert ClassificationCode.objects.count() == before


def test_only_platform_admins(cast):
    with pytest.raises(PermissionDenied):
        classification_import(
            actor=cast.treasurer_a, kind="economic", year=2026, content=_xlsx([["03.6.1", "x"]])
        )
