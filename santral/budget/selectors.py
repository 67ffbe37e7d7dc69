"""Reads for budget support: the budget-vs-actual report, its groupings, warnings and in-kind.

Every output format (HTML, CSV, XLSX, PDF, API, public page) renders a `BudgetReport`
built here, so they all show the same figures.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from santral.core.money import MoneySum, format_amount
from santral.councils.models import Council

from .models import (
    ZERO,
    BudgetLine,
    ClassificationCode,
    ContributorKind,
    EntryKind,
    Expenditure,
    InKindContribution,
    LedgerEntry,
    PayingUnitKind,
)

WARN_RATIO = Decimal("0.80")


@dataclass
class Figures:
    """Amounts of one row of the report. `committed` is open (not yet paid) commitments."""

    initial: Decimal = ZERO
    additions: Decimal = ZERO
    transfers: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    reserved: Decimal = ZERO

    @property
    def revised(self) -> Decimal:
        return self.initial + self.additions + self.transfers

    @property
    def remaining(self) -> Decimal:
        return self.revised - self.committed - self.paid

    @property
    def used_ratio(self) -> Decimal | None:
        if self.revised <= ZERO:
            return None
        return (self.committed + self.paid + self.reserved) / self.revised

    @property
    def used_percent(self) -> int | None:
        ratio = self.used_ratio
        return None if ratio is None else int((ratio * 100).to_integral_value())

    def add_kind(self, kind: str, amount: Decimal) -> None:
        attr = {
            EntryKind.INITIAL: "initial",
            EntryKind.ADDITION: "additions",
            EntryKind.TRANSFER: "transfers",
            EntryKind.COMMITMENT: "committed",
            EntryKind.PAYMENT: "paid",
        }[kind]
        setattr(self, attr, getattr(self, attr) + amount)

    def __iadd__(self, other: "Figures") -> "Figures":
        for name in ("initial", "additions", "transfers", "committed", "paid", "reserved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def as_dict(self) -> dict[str, Decimal]:
        return {
            "initial": self.initial,
            "additions": self.additions,
            "transfers": self.transfers,
            "revised": self.revised,
            "committed": self.committed,
            "paid": self.paid,
            "remaining": self.remaining,
        }


@dataclass
class LineRow:
    line: BudgetLine | None
    figures: Figures

    @property
    def kurumsal(self) -> str:
        return self.line.paying_unit.kurumsal_code if self.line else ""

    @property
    def unit_name(self) -> str:
        return self.line.paying_unit.name if self.line else _("Satırı belirtilmemiş")

    @property
    def tertip(self) -> str:
        return self.line.tertip if self.line else _("(bütçe satırı yok)")


@dataclass
class GroupRow:
    key: str
    label: str
    figures: Figures


@dataclass
class InKindRow:
    key: str
    label: str
    value: Decimal


@dataclass
class BudgetReport:
    council: Council
    year: int
    lines: list[LineRow]
    total: Figures
    in_kind_total: Decimal
    in_kind_by_kind: list[InKindRow]
    in_kind_by_category: list[InKindRow]
    warnings: list[str] = field(default_factory=list)
    code_names: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def cash_plus_in_kind(self) -> Decimal:
        return self.total.paid + self.in_kind_total

    def _group(self, key_of, label_of) -> list[GroupRow]:
        groups: dict[str, GroupRow] = {}
        for row in self.lines:
            key = key_of(row)
            group = groups.setdefault(key, GroupRow(key, label_of(row, key), Figures()))
            group.figures += row.figures
        return [groups[key] for key in sorted(groups)]

    def by_functional(self) -> list[GroupRow]:
        return self._group(
            lambda r: r.line.functional_code if r.line else "",
            lambda r, k: self.code_names.get(("functional", k), "") if k else _("Satırsız"),
        )

    def by_economic(self) -> list[GroupRow]:
        return self._group(
            lambda r: r.line.economic_code if r.line else "",
            lambda r, k: self.code_names.get(("economic", k), "") if k else _("Satırsız"),
        )

    def by_unit(self) -> list[GroupRow]:
        return self._group(lambda r: r.kurumsal, lambda r, k: r.unit_name)

    def by_payment_route(self) -> list[GroupRow]:
        labels = dict(PayingUnitKind.choices)
        return self._group(
            lambda r: r.line.paying_unit.kind if r.line else "",
            lambda r, k: str(labels.get(k, _("Satırsız"))),
        )

    by_project: list[GroupRow] = field(default_factory=list)
    by_month: list[GroupRow] = field(default_factory=list)


def month_name(year: int, month: int) -> str:
    """The month's name in the active language (Django's own catalogue: "Ocak", "January")."""
    return date_format(datetime.date(year, month, 1), "F")


def budget_report(council: Council, year: int) -> BudgetReport:
    """Budget vs actual of one council and year. A fixed number of queries, whatever the size."""
    lines = list(
        BudgetLine.objects.filter(council=council, fiscal_year=year)
        .select_related("paying_unit")
        .order_by(
            "paying_unit__kurumsal_code", "functional_code", "financing_code", "economic_code"
        )
    )
    figures: dict[int | None, Figures] = {line.pk: Figures() for line in lines}
    entries = LedgerEntry.objects.filter(council=council, fiscal_year=year)
    for row in entries.values("line_id", "kind").annotate(total=MoneySum("amount")).order_by():
        figures.setdefault(row["line_id"], Figures()).add_kind(row["kind"], row["total"] or ZERO)
    for row in (
        Expenditure.objects.filter(
            council=council, fiscal_year=year, status=Expenditure.Status.APPROVED
        )
        .values("line_id")
        .annotate(total=MoneySum("estimated_amount"))
        .order_by()
    ):
        figures.setdefault(row["line_id"], Figures()).reserved += row["total"] or ZERO
    rows = [LineRow(line, figures[line.pk]) for line in lines]
    if None in figures:
        rows.append(LineRow(None, figures[None]))
    total = Figures()
    for row in rows:
        total += row.figures

    by_project: dict[str, Figures] = defaultdict(Figures)
    for row in (
        entries.filter(kind__in=[EntryKind.COMMITMENT, EntryKind.PAYMENT])
        .values("project_label", "kind")
        .annotate(total=MoneySum("amount"))
        .order_by()
    ):
        by_project[row["project_label"]].add_kind(row["kind"], row["total"] or ZERO)
    by_month: dict[int, Figures] = defaultdict(Figures)
    for row in (
        entries.annotate(month=ExtractMonth("entry_on"))
        .values("month", "kind")
        .annotate(total=MoneySum("amount"))
        .order_by()
    ):
        by_month[row["month"]].add_kind(row["kind"], row["total"] or ZERO)

    in_kind = InKindContribution.objects.filter(council=council, fiscal_year=year)
    kind_labels = dict(ContributorKind.choices)
    in_kind_by_kind = [
        InKindRow(r["contributor_kind"], str(kind_labels[r["contributor_kind"]]), r["total"])
        for r in in_kind.values("contributor_kind")
        .annotate(total=MoneySum("value"))
        .order_by("contributor_kind")
    ]
    in_kind_by_category = [
        InKindRow(r["rate__category"], r["rate__category"], r["total"])
        for r in in_kind.values("rate__category")
        .annotate(total=MoneySum("value"))
        .order_by("rate__category")
    ]
    in_kind_total = sum((r.value for r in in_kind_by_kind), ZERO)

    used_codes = {("functional", line.functional_code) for line in lines} | {
        ("economic", line.economic_code) for line in lines
    }
    code_names: dict[tuple[str, str], str] = {}
    if used_codes:
        for kind, code, name in ClassificationCode.objects.filter(
            Q(council__isnull=True) | Q(council=council),
            year=year,
            code__in={code for _kind, code in used_codes},
        ).values_list("kind", "code", "name"):
            code_names[(kind, code)] = name

    report = BudgetReport(
        council=council,
        year=year,
        lines=rows,
        total=total,
        in_kind_total=in_kind_total,
        in_kind_by_kind=in_kind_by_kind,
        in_kind_by_category=in_kind_by_category,
        code_names=code_names,
    )
    report.by_project = [
        GroupRow(key, key or _("Etkinlik/proje belirtilmemiş"), by_project[key])
        for key in sorted(by_project)
    ]
    report.by_month = [
        GroupRow(f"{month:02d}", month_name(year, month), by_month[month])
        for month in sorted(by_month)
    ]
    report.warnings = report_warnings(report, council, year)
    return report


def report_warnings(report: BudgetReport, council: Council, year: int) -> list[str]:
    """Lines over 80 % used, pending requests that would exceed their line, money with no line."""
    warnings: list[str] = []
    for row in report.lines:
        if row.line is None:
            if row.figures.committed or row.figures.paid or row.figures.reserved:
                warnings.append(
                    _(
                        "Bütçe satırı olmadan taahhüt/ödeme var: açık taahhüt %(committed)s TL, "
                        "ödeme %(paid)s TL."
                    )
                    % {
                        "committed": format_amount(row.figures.committed),
                        "paid": format_amount(row.figures.paid),
                    }
                )
            continue
        ratio = row.figures.used_ratio
        if ratio is not None and ratio > WARN_RATIO:
            warnings.append(
                _("%(tertip)s satırının %%%(percent)s kadarı kullanıldı.")
                % {"tertip": row.tertip, "percent": row.figures.used_percent}
            )
    remaining = {
        row.line.pk: row.figures.remaining - row.figures.reserved
        for row in report.lines
        if row.line
    }
    for exp in Expenditure.objects.filter(
        council=council, fiscal_year=year, status=Expenditure.Status.REQUESTED, line__isnull=False
    ).only("title", "estimated_amount", "line_id"):
        left = remaining.get(exp.line_id, ZERO)
        if exp.estimated_amount > left:
            warnings.append(
                _("“%(title)s” talebi (%(amount)s TL) satırda kalanı (%(left)s TL) aşıyor.")
                % {
                    "title": exp.title,
                    "amount": format_amount(exp.estimated_amount),
                    "left": format_amount(left),
                }
            )
    return warnings


def year_totals(council: Council, year: int) -> Figures:
    """The ledger totals of one council and year by kind, in one query (the council home).

    The same sums as `budget_report(...).total` without the per-line detail.
    """
    figures = Figures()
    rows = (
        LedgerEntry.objects.filter(council=council, fiscal_year=year)
        .values("kind")
        .annotate(total=MoneySum("amount"))
        .order_by()
    )
    for row in rows:
        figures.add_kind(row["kind"], row["total"] or ZERO)
    return figures


def expenditures_for(council: Council, year: int):
    """A council's requests of a year, newest first, with what lists need pre-loaded."""
    return (
        Expenditure.objects.filter(council=council, fiscal_year=year)
        .select_related("line__paying_unit", "author")
        .annotate(approval_count=Count("approvals"))
        .order_by("-requested_at", "-id")
    )


def ledger_for(council: Council, year: int):
    return (
        LedgerEntry.objects.filter(council=council, fiscal_year=year)
        .select_related("line__paying_unit")
        .order_by("entry_on", "id")
    )


def in_kind_for(council: Council, year: int):
    return (
        InKindContribution.objects.filter(council=council, fiscal_year=year)
        .select_related("rate")
        .order_by("received_on", "id")
    )


def code_tree(*, kind: str, year: int, council: Council | None = None) -> list[dict]:
    """The classification as nested dicts; a council's project accounts sit under their parent."""
    rows = ClassificationCode.objects.filter(kind=kind, year=year)
    rows = (
        rows.filter(Q(council__isnull=True) | Q(council=council))
        if council
        else rows.filter(council__isnull=True)
    )
    nodes = {row.code: {"code": row, "children": []} for row in rows.order_by("code", "council_id")}
    roots: list[dict] = []
    for node in nodes.values():
        parent = nodes.get(node["code"].parent_code)
        (parent["children"] if parent else roots).append(node)
    return roots


def lines_available(lines) -> dict[int, Decimal]:
    """What is left on each of `lines` (as `services.line_available`), in two grouped queries.

    Revised appropriation − commitments − payments − estimates of approved, uncommitted
    requests. Used by the line pickers, which show it beside each line's name.
    """
    ids = [line.pk for line in lines]
    left: dict[int, Decimal] = {pk: ZERO for pk in ids}
    for row in (
        LedgerEntry.objects.filter(line_id__in=ids)
        .values("line_id", "kind")
        .annotate(total=MoneySum("amount"))
    ):
        total = row["total"] or ZERO
        if row["kind"] in (EntryKind.COMMITMENT, EntryKind.PAYMENT):
            total = -total
        left[row["line_id"]] += total
    for row in (
        Expenditure.objects.filter(line_id__in=ids, status=Expenditure.Status.APPROVED)
        .values("line_id")
        .annotate(total=MoneySum("estimated_amount"))
    ):
        left[row["line_id"]] -= row["total"] or ZERO
    return left
