"""The budget line picker names each line by code and name, with what is left on it."""

from decimal import Decimal

from santral.budget import forms as f
from santral.budget.models import BudgetLine
from santral.budget.services import line_available


def test_request_form_offers_code_name_and_remaining(cast, fixture_budget):
    lines = BudgetLine.objects.filter(council=cast.council_a, fiscal_year=2026)
    form = f.ExpenditureRequestForm(lines=lines)
    labels = [label for value, label in form.fields["line"].choices if value]
    line1 = fixture_budget["line1"]
    assert line_available(line1) == Decimal("10765.69")
    expected = "46.01.01.12 - 08.2.0 - 5 - 03.2.1.01 — Kültür ve Sosyal İşler Dairesi Başkanlığı"
    assert f"{expected} (kalan 10.765,69 TL)" in labels
    # Line 2: 3 000,00 − open commitment 700,10.
    assert any(label.endswith("(kalan 2.299,90 TL)") for label in labels)


def test_remaining_amounts_are_read_once_per_form(
    cast, fixture_budget, django_assert_max_num_queries
):
    lines = BudgetLine.objects.filter(council=cast.council_a, fiscal_year=2026)
    form = f.AppropriationForm(lines=lines)
    # The lines, the two grouped sums, the options: the same for 2 lines or 200.
    with django_assert_max_num_queries(4):
        str(form["line"])


def test_line_with_a_title_is_named_by_it(cast, fixture_budget):
    line = fixture_budget["line1"]
    line.title = "Kültür etkinlikleri"
    assert f.line_label(line).endswith("— Kültür etkinlikleri")
