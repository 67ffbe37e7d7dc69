"""Reads for budget support: the budget-vs-actual report, its groupings, warnings and in-kind.

Every output format (HTML, CSV, XLSX, PDF, API, public page) renders a `BudgetReport`
built here, so they all show the same figures.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import ExtractMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from santral.core.money import MoneySum, format_amount
from santral.councils.models import Council

from .models import (
    ZERO,
    BudgetLine,
    ClassificationCode,
    ClassificationKind,
    ContributorKind,
    EntryKind,
    Expenditure,
    InKindContribution,
    LedgerEntry,
    PayingUnitKind,
    PaymentRoute,
    Transfer,
)

WARN_RATIO = Decimal("0.80")


# Every figure a finance officer reads, defined once (docs/budget.md, "Figures"). Each
# output (HTML, CSV, XLSX, PDF, API, Fiscal Data Package, line pickers, services' checks)
# reads these names from a `Figures` built by `line_figures` / `budget_report`.
FIGURE_KEYS = (
    "initial",
    "additions",
    "reductions",
    "transfers_in",
    "transfers_out",
    "revised",
    "reserved",
    "committed",
    "paid",
    "remaining",
    "available",
)


@dataclass
class Figures:
    """The figures of one line, or of a group of lines added together.

    Stored: initial (başlangıç ödeneği), additions (eklenen/ek ödenek), reductions
    (düşülen ödenek, kept positive), transfers in / out (aktarma ile eklenen / düşülen, both
    positive), reserved (onaylanmış, taahhüde bağlanmamış talepler), committed (open
    commitments: taahhüt not yet paid), paid (ödeme). Derived:
    revised = initial + additions − reductions + transfers in − transfers out;
    remaining = revised − committed − paid; available = remaining − reserved.
    """

    initial: Decimal = ZERO
    additions: Decimal = ZERO
    reductions: Decimal = ZERO
    transfers_in: Decimal = ZERO
    transfers_out: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    reserved: Decimal = ZERO

    @property
    def transfers(self) -> Decimal:
        """Net transfers (in − out), as the ledger's signed transfer entries add up."""
        return self.transfers_in - self.transfers_out

    @property
    def revised(self) -> Decimal:
        return (
            self.initial + self.additions - self.reductions + self.transfers_in - self.transfers_out
        )

    @property
    def remaining(self) -> Decimal:
        return self.revised - self.committed - self.paid

    @property
    def available(self) -> Decimal:
        return self.remaining - self.reserved

    @property
    def used_ratio(self) -> Decimal | None:
        if self.revised <= ZERO:
            return None
        return (self.committed + self.paid + self.reserved) / self.revised

    @property
    def used_percent(self) -> int | None:
        ratio = self.used_ratio
        return None if ratio is None else int((ratio * 100).to_integral_value())

    def add_kind(self, kind: str, amount: Decimal, direction: str = "") -> None:
        """Add a ledger sum of one kind (signed as stored; see LedgerEntry)."""
        if kind == EntryKind.TRANSFER:
            if direction == "out":
                self.transfers_out -= amount
            else:
                self.transfers_in += amount
            return
        if kind == EntryKind.REDUCTION:
            self.reductions -= amount
            return
        attr = {
            EntryKind.INITIAL: "initial",
            EntryKind.ADDITION: "additions",
            EntryKind.COMMITMENT: "committed",
            EntryKind.PAYMENT: "paid",
        }[kind]
        setattr(self, attr, getattr(self, attr) + amount)

    def __iadd__(self, other: "Figures") -> "Figures":
        for name in STORED_FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def as_dict(self) -> dict[str, Decimal]:
        return {key: getattr(self, key) for key in FIGURE_KEYS}


STORED_FIGURES = (
    "initial",
    "additions",
    "reductions",
    "transfers_in",
    "transfers_out",
    "committed",
    "paid",
    "reserved",
)

# A transfer entry's side: "in" when it moves money into its line. A reversal keeps the side
# of the leg it reverses (a reversed outgoing leg is positive but lowers "transfers out").
_TRANSFER_SIDE = Case(
    When(
        Q(kind=EntryKind.TRANSFER)
        & (
            (Q(amount__gt=0) & Q(reverses__isnull=True))
            | (Q(amount__lt=0) & Q(reverses__isnull=False))
        ),
        then=Value("in"),
    ),
    When(kind=EntryKind.TRANSFER, then=Value("out")),
    default=Value(""),
    output_field=CharField(),
)


def _figures_by_line(entries, approved) -> dict[int | None, Figures]:
    """Figures per line id from a ledger queryset and a queryset of approved requests."""
    figures: dict[int | None, Figures] = {}
    for row in (
        entries.annotate(side=_TRANSFER_SIDE)
        .values("line_id", "kind", "side")
        .annotate(total=MoneySum("amount"))
        .order_by()
    ):
        figures.setdefault(row["line_id"], Figures()).add_kind(
            row["kind"], row["total"] or ZERO, row["side"]
        )
    for row in approved.values("line_id").annotate(total=MoneySum("estimated_amount")).order_by():
        figures.setdefault(row["line_id"], Figures()).reserved += row["total"] or ZERO
    return figures


def line_figures(
    *, council: Council | None = None, year: int | None = None, line_ids=None, exclude=None
) -> dict[int | None, Figures]:
    """THE selector of every figure: per line id (None: money with no line), two queries.

    Scope by `council` and `year`, or by `line_ids`. `exclude` (an expenditure) leaves its
    own reservation out, for the checks made while that expenditure moves on.
    """
    entries = LedgerEntry.objects.all()
    approved = Expenditure.objects.filter(status=Expenditure.Status.APPROVED)
    if council is not None:
        entries = entries.filter(council=council)
        approved = approved.filter(council=council)
    if year is not None:
        entries = entries.filter(fiscal_year=year)
        approved = approved.filter(fiscal_year=year)
    if line_ids is not None:
        entries = entries.filter(line_id__in=line_ids)
        approved = approved.filter(line_id__in=line_ids)
    if exclude is not None:
        approved = approved.exclude(pk=exclude.pk)
    return _figures_by_line(entries, approved)


def line_route(line: BudgetLine, project_codes: set[str]) -> str:
    """The line's payment route: its override, else derived from its codes.

    A functional code that is the council's own project account (a 4th-level code the
    council registered) makes it (c); the Private Office's kurumsal code (its paying unit
    is of that kind) makes it (b); otherwise the unit's own kind, i.e. (a).
    """
    if line.route_override:
        return line.route_override
    if line.functional_code in project_codes:
        return PaymentRoute.PROJECT_ACCOUNT
    if line.paying_unit.kind == PayingUnitKind.PRIVATE_OFFICE:
        return PaymentRoute.PRIVATE_OFFICE
    if line.paying_unit.kind == PayingUnitKind.OTHER:
        return PaymentRoute.OTHER
    return PaymentRoute.UNIT


def project_account_codes(council: Council, year: int) -> set[str]:
    return set(
        ClassificationCode.objects.filter(
            council=council, year=year, kind=ClassificationKind.FUNCTIONAL
        ).values_list("code", flat=True)
    )


@dataclass
class LineRow:
    line: BudgetLine | None
    figures: Figures
    route: str = ""

    @property
    def route_label(self) -> str:
        return str(PaymentRoute(self.route).label) if self.route else _("Satırsız")

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

    def by_route(self) -> list[GroupRow]:
        """Way (a) unit, (b) Özel Kalem, (c) the council's project account, in that order."""
        order = {value: index for index, value in enumerate(PaymentRoute.values)}
        groups = self._group(lambda r: r.route, lambda r, k: r.route_label)
        return sorted(groups, key=lambda g: order.get(g.key, len(order)))

    by_payment_route = by_route

    def by_financing(self) -> list[GroupRow]:
        """Own resources (5), external project credits (7), grants and donations (8)."""
        return self._group(
            lambda r: r.line.financing_code if r.line else "",
            lambda r, k: self.code_names.get(("financing", k), "") if k else _("Satırsız"),
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
    figures = line_figures(council=council, year=year)
    entries = LedgerEntry.objects.filter(council=council, fiscal_year=year)
    used_codes = (
        {("functional", line.functional_code) for line in lines}
        | {("economic", line.economic_code) for line in lines}
        | {("financing", line.financing_code) for line in lines}
    )
    code_names: dict[tuple[str, str], str] = {}
    project_codes: set[str] = set()
    if used_codes:
        for kind, code, name, owner in ClassificationCode.objects.filter(
            Q(council__isnull=True) | Q(council=council),
            year=year,
            code__in={code for _kind, code in used_codes},
        ).values_list("kind", "code", "name", "council_id"):
            code_names[(kind, code)] = name
            if owner is not None and kind == ClassificationKind.FUNCTIONAL:
                project_codes.add(code)
    rows = [
        LineRow(line, figures.get(line.pk, Figures()), line_route(line, project_codes))
        for line in lines
    ]
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
        entries.annotate(month=ExtractMonth("entry_on"), side=_TRANSFER_SIDE)
        .values("month", "kind", "side")
        .annotate(total=MoneySum("amount"))
        .order_by()
    ):
        by_month[row["month"]].add_kind(row["kind"], row["total"] or ZERO, row["side"])

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
    remaining = {row.line.pk: row.figures.available for row in report.lines if row.line}
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
    """The figures of one council and year added over its lines (the council home).

    The same sums as `budget_report(...).total` without the per-line detail.
    """
    total = Figures()
    for figures in line_figures(council=council, year=year).values():
        total += figures
    return total


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


def transfers_for(council: Council, year: int):
    """A year's aktarmalar, newest first, each with `is_reversed` (one query per page)."""
    from django.db.models import Exists, OuterRef

    return (
        Transfer.objects.filter(council=council, fiscal_year=year)
        .select_related("from_line__paying_unit", "to_line__paying_unit")
        .annotate(
            is_reversed=Exists(
                LedgerEntry.objects.filter(transfer=OuterRef("pk"), reverses__isnull=False)
            )
        )
        .order_by("-transfer_on", "-id")
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
    """What is available on each of `lines` (`Figures.available`), in two grouped queries.

    Used by the line pickers, which show it beside each line's name.
    """
    ids = [line.pk for line in lines]
    figures = line_figures(line_ids=ids)
    return {pk: figures.get(pk, Figures()).available for pk in ids}
