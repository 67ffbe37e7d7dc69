"""Public API: GET /api/v1/councils/<slug>/budget/<year>/ — budget vs actual as JSON.

What the caller sees follows the council's transparency setting; people who may see the
council's money (its editors, admins, treasurers) always get the per-line view. Amounts are
decimal strings (`"1234.56"`), never floats.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from santral.core.api import PublicApiMixin
from santral.councils.models import Council
from santral.councils.permissions import can_view_money

from .models import ContributorKind, PaymentRoute, TransparencyLevel
from .selectors import budget_report
from .services import budget_settings_for


def _money(value) -> str:
    return f"{value:.2f}"


class FiguresSerializer(serializers.Serializer):
    """Every figure of docs/budget.md ("Figures"), as decimal strings."""

    initial = serializers.CharField(help_text="başlangıç ödeneği")
    additions = serializers.CharField(help_text="ek ödenek")
    reductions = serializers.CharField(help_text="düşülen ödenek (positive)")
    transfers_in = serializers.CharField(help_text="aktarmayla eklenen")
    transfers_out = serializers.CharField(help_text="aktarmayla düşülen (positive)")
    transfers = serializers.CharField(help_text="aktarma, net (in − out)")
    revised = serializers.CharField(help_text="revize ödenek")
    reserved = serializers.CharField(help_text="approved requests not yet committed")
    committed = serializers.CharField(help_text="açık taahhüt")
    paid = serializers.CharField(help_text="ödenen")
    remaining = serializers.CharField(help_text="revised − committed − paid")
    available = serializers.CharField(help_text="remaining − reserved")


class RouteSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=PaymentRoute.choices, help_text="documented code (docs/budget.md)"
    )
    label = serializers.CharField(help_text="the route's name in the request's language")


class LineSerializer(FiguresSerializer):
    kurumsal = serializers.CharField()
    fonksiyonel = serializers.CharField()
    finansman = serializers.CharField()
    ekonomik = serializers.CharField()
    paying_unit = serializers.CharField()
    route = RouteSerializer(allow_null=True)


class GroupSerializer(FiguresSerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class RouteGroupSerializer(FiguresSerializer):
    code = serializers.ChoiceField(choices=PaymentRoute.choices)
    label = serializers.CharField()


class ContributorKindSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=ContributorKind.choices, help_text="documented code (docs/budget.md)"
    )
    label = serializers.CharField(help_text="the code's name in the request's language")
    value = serializers.CharField()


class InKindSerializer(serializers.Serializer):
    total = serializers.CharField()
    contributor_kinds = ContributorKindSerializer(many=True)
    by_contributor_kind = serializers.DictField(
        child=serializers.CharField(),
        help_text="the same values keyed by code; kept for existing clients, "
        "prefer contributor_kinds (code and label)",
    )
    by_category = serializers.DictField(child=serializers.CharField())


class BudgetOutputSerializer(serializers.Serializer):
    council = serializers.CharField()
    year = serializers.IntegerField()
    visibility = serializers.ChoiceField(choices=["internal", "lines", "totals"])
    lines = LineSerializer(many=True, required=False)
    by_route = RouteGroupSerializer(many=True, help_text="(a) unit, (b) Özel Kalem, (c) project")
    by_unit = GroupSerializer(many=True, help_text="code: kurumsal; name: the paying unit")
    by_financing = GroupSerializer(many=True, help_text="code: financing type (8: grants)")
    by_functional = GroupSerializer(many=True)
    by_project = GroupSerializer(many=True)
    totals = FiguresSerializer()
    in_kind = InKindSerializer(required=False)


def _figures(figures) -> dict[str, str]:
    values = {key: _money(value) for key, value in figures.as_dict().items()}
    values["transfers"] = _money(figures.transfers)
    return values


def _groups(groups) -> list[dict]:
    return [{"code": g.key, "name": g.label, **_figures(g.figures)} for g in groups]


def budget_payload(report, *, visibility: str, publish_in_kind: bool) -> dict:
    payload: dict = {
        "council": report.council.slug,
        "year": report.year,
        "visibility": visibility,
        "totals": _figures(report.total),
        "by_route": [
            {"code": g.key, "label": g.label, **_figures(g.figures)}
            for g in report.by_route()
            if g.key
        ],
        "by_unit": _groups(report.by_unit()),
        "by_financing": _groups(report.by_financing()),
        "by_functional": _groups(report.by_functional()),
        "by_project": _groups(report.by_project),
    }
    if visibility in ("internal", "lines"):
        payload["lines"] = [
            {
                "kurumsal": row.kurumsal,
                "fonksiyonel": row.line.functional_code if row.line else "",
                "finansman": row.line.financing_code if row.line else "",
                "ekonomik": row.line.economic_code if row.line else "",
                "paying_unit": row.unit_name,
                "route": {"code": row.route, "label": row.route_label} if row.route else None,
                **_figures(row.figures),
            }
            for row in report.lines
        ]
    if visibility == "internal" or publish_in_kind:
        payload["in_kind"] = {
            "total": _money(report.in_kind_total),
            "contributor_kinds": [
                {"code": r.key, "label": r.label, "value": _money(r.value)}
                for r in report.in_kind_by_kind
            ],
            "by_contributor_kind": {r.key: _money(r.value) for r in report.in_kind_by_kind},
            "by_category": {r.key: _money(r.value) for r in report.in_kind_by_category},
        }
    return payload


def visibility_for(user, council: Council) -> tuple[str, bool]:
    """('internal'|'lines'|'totals', publish_in_kind); raises Http404 when nothing is public."""
    settings_obj = budget_settings_for(council)
    if can_view_money(user, council):
        return "internal", True
    if settings_obj.transparency == TransparencyLevel.NONE:
        raise Http404
    level = "lines" if settings_obj.transparency == TransparencyLevel.LINES else "totals"
    return level, settings_obj.publish_in_kind


# Years a budget can have; anything else is no budget (404), never a database overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class CouncilBudgetApi(PublicApiMixin, APIView):
    """Budget vs actual of one council and year: per-line codes, totals and in-kind totals."""

    @extend_schema(responses=BudgetOutputSerializer, operation_id="council_budget_year")
    def get(self, request, slug: str, year: int):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404
        council = get_object_or_404(Council, slug=slug)
        visibility, publish_in_kind = visibility_for(request.user, council)
        report = budget_report(council, year)
        return Response(
            budget_payload(report, visibility=visibility, publish_in_kind=publish_in_kind)
        )
