"""Public figures: the public budget page, its PDF, both CSVs and the API hold no internal
warning and no raw code key (docs/budget.md, "Public figures")."""

import datetime
import io
import json
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from santral.budget.factories import make_line, make_unit
from santral.budget.models import ContributorKind, PayingUnitKind
from santral.budget.selectors import budget_report
from santral.budget.services import (
    budget_settings_update,
    expenditure_request,
    in_kind_rate_save,
    in_kind_record,
)

# Every code a payment route or a contributor can have, plus the consolidated table's own key.
RAW_KEYS = sorted(
    {value for value, _label in PayingUnitKind.choices}
    | {value for value, _label in ContributorKind.choices}
    | {"in_kind"}
)
# `unit` and `other` are English words too; on Turkish output they may not appear at all.
RAW_KEY_RE = re.compile(r"(?<![\w-])(" + "|".join(RAW_KEYS) + r")(?![\w-])")
WARNING_TITLE = "Fazla büyük salon"


class _VisibleText(HTMLParser):
    """Text a reader sees (or hears): text nodes plus alt/aria-label/title attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "aria-label", "title") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def every_route_and_kind(cast, fixture_budget):
    """fixture_budget plus a line of every payment route, in-kind of every contributor kind,
    and a pending request that exceeds its line (which makes a warning)."""
    t = cast.treasurer_a
    other = make_unit(
        t, cast.council_a, name="Kent Konseyi Vakfı", code="46.01.01.99", kind="other"
    )
    make_line(t, cast.council_a, unit=other, economic="03.5.5.90", initial="500.00")
    rate = in_kind_rate_save(
        actor=t,
        council=cast.council_a,
        fiscal_year=2026,
        category="Salon günü",
        unit="day",
        rate=Decimal("1000.00"),
    )
    for kind in ContributorKind.values:
        in_kind_record(
            actor=t,
            rate=rate,
            contributor_name=f"Katkı veren {kind.upper()[:3]}",
            contributor_kind=kind,
            quantity=Decimal("1"),
            received_on=datetime.date(2026, 5, 1),
        )
    expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=fixture_budget["line2"],
        title=WARNING_TITLE,
        estimated_amount=Decimal("9000.00"),
    )
    budget_settings_update(
        actor=t, council=cast.council_a, transparency="lines", publish_in_kind=True
    )
    report = budget_report(cast.council_a, 2026)
    # The data does trigger the internal warning, so its absence below means something.
    assert any(WARNING_TITLE in warning for warning in report.warnings), report.warnings
    kinds = {row.key for row in report.in_kind_by_kind}
    assert kinds == set(ContributorKind.values)
    routes = {group.key for group in report.by_payment_route()}
    assert routes >= set(PayingUnitKind.values)
    return report


def _assert_public(text: str, where: str) -> None:
    assert WARNING_TITLE not in text, where
    assert "Uyarılar" not in text, where
    assert "aşıyor" not in text, where
    found = RAW_KEY_RE.findall(text)
    assert not found, f"{where}: raw code keys {sorted(set(found))}"


def _public_outputs(client) -> dict[str, str]:
    from pypdf import PdfReader

    args = ["seyhan", 2026]
    outputs = {
        "page": visible_text(client.get(reverse("budget:public", args=args)).content.decode())
    }
    pdf = client.get(reverse("budget:public-export", args=[*args, "pdf"])).content
    outputs["pdf"] = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    csv_url = reverse("budget:public-export", args=[*args, "csv"])
    for table in (
        "satirlar",
        "fonksiyonel",
        "ekonomik",
        "birim",
        "proje",
        "ay",
        "ayni",
        "konsolide",
    ):
        for flavour in ("", "excel"):
            response = client.get(csv_url, {"tablo": table, "bicim": flavour})
            assert response.status_code == 200
            outputs[f"csv {table} {flavour or 'plain'}"] = response.content.decode("utf-8-sig")
    return outputs


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_public_budget_outputs_hold_no_warning_and_no_raw_code(
    client, cast, every_route_and_kind, who
):
    if who == "editor":
        client.force_login(cast.editor_a)  # sees "internal" figures, still no warnings
    outputs = _public_outputs(client)
    for where, text in outputs.items():
        _assert_public(text, where)
    # The labels stand where the codes were.
    assert "Özel Kalem Müdürlüğü" in outputs["csv konsolide plain"]
    assert str(ContributorKind.NGO.label) in outputs["csv ayni plain"]
    assert str(ContributorKind.NGO.label) in outputs["page"]
    assert str(PayingUnitKind.OTHER.label) in outputs["pdf"]


def test_api_holds_codes_only_in_code_fields_with_a_label_beside(
    client, cast, every_route_and_kind
):
    data = client.get("/api/v1/councils/seyhan/budget/2026/").json()
    text = json.dumps(data, ensure_ascii=False)
    assert WARNING_TITLE not in text and "aşıyor" not in text
    kinds = data["in_kind"]["contributor_kinds"]
    assert {row["code"] for row in kinds} == set(ContributorKind.values)
    for row in kinds:
        assert row["label"] == str(ContributorKind(row["code"]).label)
        assert not RAW_KEY_RE.search(row["label"])

    # Field names are the schema's (`in_kind` is one); the codes themselves appear only as
    # `code` values and as the keys of the documented `by_contributor_kind` map.
    assert set(data["in_kind"]["by_contributor_kind"]) == set(ContributorKind.values)

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "code":
                    walk(value, [*path, key])
        elif isinstance(node, list):
            for item in node:
                walk(item, path)
        elif isinstance(node, str):
            assert not RAW_KEY_RE.search(node), (path, node)

    walk(data, [])


def test_back_office_still_shows_the_warnings(client, cast, every_route_and_kind):
    from pypdf import PdfReader

    client.force_login(cast.treasurer_a)
    page = client.get(reverse("santral_budget_year", args=[cast.council_a.pk, 2026]))
    assert WARNING_TITLE in page.content.decode()
    pdf = client.get(
        reverse("santral_budget_export", args=[cast.council_a.pk, 2026, "rapor.pdf"])
    ).content
    assert WARNING_TITLE in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_public_page_amounts_follow_the_language(client, cast, fixture_budget):
    from django.utils import translation

    pages = {}
    for language in ("tr", "en"):
        with translation.override(language):
            url = reverse("budget:public", args=["seyhan", 2026])
        pages[language] = client.get(url).content.decode()
    assert 'data-total="paid">1.234,56 TL<' in pages["tr"]
    assert 'data-total="paid">1,234.56 TL<' in pages["en"]
    assert 'data-total="revised">15,000.25 TL<' in pages["en"]
