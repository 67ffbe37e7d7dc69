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


def test_backoffice_code_import_preview_then_commit(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("santral_budget_code_import")
    client.force_login(cast.treasurer_a)
    assert client.get(url).status_code in (302, 403)
    client.force_login(cast.platform_admin)
    content = _xlsx([["03.6.1.01", "Temsil Giderleri (resmî)"]])

    def post(commit):
        data = {"kind": "economic", "year": 2026, "file": SimpleUploadedFile("ek.xlsx", content)}
        if commit:
            data["commit"] = "on"
        return client.post(url, data)

    preview = post(False)
    assert preview.status_code == 200 and "1 yeni kod" in preview.content.decode()
    assert not ClassificationCode.objects.filter(code="03.6.1.01").exists()
    assert post(True).status_code == 302
    assert ClassificationCode.objects.filter(code="03.6.1.01", year=2026).exists()
    bad = client.post(
        url,
        {
            "kind": "economic",
            "year": 2026,
            "file": SimpleUploadedFile("b.xlsx", _xlsx([["03.6.9.01", "x"]])),
        },
    )
    assert "üst kodu" in bad.content.decode()
