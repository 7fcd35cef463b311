"""`GET /api/v1/overview/`: the council one-pager's figures for one municipality."""

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.dashboards import selectors
from enkelt.submissions.api.serializers import ErrorOutput

PERMISSION = "dashboards.view_council"


class OverviewPeriodInput(serializers.Serializer):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class OverviewCategoryOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class OverviewSubmissionsOutput(serializers.Serializer):
    received = serializers.IntegerField(help_text="Received in the period.")
    answered = serializers.IntegerField(help_text="Of those, answered.")
    answered_on_time = serializers.IntegerField(
        help_text="Of those, answered no later than the due date (or without one)."
    )
    open = serializers.IntegerField()
    overdue = serializers.IntegerField(help_text="Still open and past the due date today.")
    top_categories = OverviewCategoryOutput(many=True)


class OverviewFreedHoursOutput(serializers.Serializer):
    expected = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    realised = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)


class OverviewFunnelOutput(serializers.Serializer):
    flagged = serializers.IntegerField()
    selected = serializers.IntegerField()
    abolished = serializers.IntegerField()
    streamlined = serializers.IntegerField()
    kept = serializers.IntegerField()
    escalated = serializers.IntegerField()
    not_handled = serializers.IntegerField()
    awaiting_decision = serializers.IntegerField()
    freed_hours_per_year = OverviewFreedHoursOutput()


class OverviewInitiativeOutput(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    owner_unit = serializers.CharField(allow_null=True)


class OverviewPortfolioOutput(serializers.Serializer):
    plan = serializers.CharField(allow_null=True)
    total = serializers.IntegerField()
    status = serializers.DictField(child=serializers.IntegerField())
    rag = serializers.DictField(child=serializers.IntegerField())
    red = OverviewInitiativeOutput(many=True)


class OverviewIndicatorsOutput(serializers.Serializer):
    green = serializers.IntegerField()
    amber = serializers.IntegerField()
    red = serializers.IntegerField()
    none = serializers.IntegerField(help_text="No measurement yet.")


class OverviewFactorOutput(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    n = serializers.IntegerField()
    share_improved = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False, allow_null=True
    )


class OverviewOutcomesOutput(serializers.Serializer):
    scheme = serializers.CharField(allow_null=True)
    courses = serializers.IntegerField(
        allow_null=True, help_text="Null when fewer than 5 (small groups are not shown)."
    )
    factors = OverviewFactorOutput(many=True)


class OverviewOutput(serializers.Serializer):
    municipality = serializers.CharField()
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    submissions = OverviewSubmissionsOutput()
    funnel = OverviewFunnelOutput()
    portfolio = OverviewPortfolioOutput()
    indicators = OverviewIndicatorsOutput()
    outcomes = OverviewOutcomesOutput()


EXAMPLE = {
    "municipality": "demo",
    "period_from": "2026-01-01",
    "period_to": "2026-11-30",
    "submissions": {
        "received": 1840, "answered": 1512, "answered_on_time": 1398, "open": 211, "overdue": 37,
        "top_categories": [{"code": "huller-i-vejen", "name": "Huller i vejen", "count": 412}],
    },
    "funnel": {
        "flagged": 64, "selected": 31, "abolished": 9, "streamlined": 12, "kept": 4,
        "escalated": 3, "not_handled": 0, "awaiting_decision": 3,
        "freed_hours_per_year": {"expected": 2310.5, "realised": 1480.0},
    },
    "portfolio": {
        "plan": "Strategiplan 2026-2029", "total": 24,
        "status": {"planned": 6, "active": 15, "done": 3, "stopped": 0},
        "rag": {"green": 14, "amber": 6, "red": 2, "not_set": 2},
        "red": [{"id": "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "title": "Ny visitation",
                 "owner_unit": "Ældre og Sundhed"}],
    },
    "indicators": {"green": 11, "amber": 4, "red": 2, "none": 3},
    "outcomes": {"scheme": "Voksenudredningsmetoden", "courses": 58,
                 "factors": [{"label": "Egenomsorg", "n": 41, "share_improved": 63.4}]},
}  # fmt: skip


def overview_payload(overview: selectors.Overview) -> dict[str, Any]:
    s, f, p, o = overview.submissions, overview.funnel, overview.portfolio, overview.outcomes
    return {
        "municipality": overview.municipality.slug,
        "period_from": overview.period.date_from,
        "period_to": overview.period.date_to,
        "submissions": {
            "received": s.received,
            "answered": s.answered,
            "answered_on_time": s.answered_on_time,
            "open": s.open,
            "overdue": s.overdue,
            "top_categories": [
                {"code": c.code, "name": c.name, "count": c.count} for c in s.top_categories
            ],
        },
        "funnel": {
            **dict(f.steps()),
            "awaiting_decision": f.awaiting_decision,
            "freed_hours_per_year": {
                "expected": f.expected_freed_hours_per_year,
                "realised": f.realised_freed_hours_per_year,
            },
        },
        "portfolio": {
            "plan": p.plan.title if p.plan else None,
            "total": p.total,
            "status": p.status_counts,
            "rag": p.rag_counts,
            "red": [
                {
                    "id": i.public_id,
                    "title": i.title,
                    "owner_unit": i.owner_unit.name if i.owner_unit else None,
                }
                for i in p.red
            ],
        },
        "indicators": {k: overview.goals.get(k, 0) for k in ("green", "amber", "red", "none")},
        "outcomes": {
            "scheme": o.scheme.name if o.scheme else None,
            "courses": o.courses,
            "factors": [
                {"label": x.label, "n": x.n, "share_improved": x.share_improved} for x in o.factors
            ],
        },
    }


class OverviewView(MunicipalityScopedMixin, APIView):
    """The one-pager's figures: a constant number of aggregate queries."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The council one-pager's figures for a period",
        parameters=[
            OpenApiParameter(
                "municipality", str, description="Slug of a municipality the caller may see."
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Default: 1 January."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Default: today."),
        ],
        responses={200: OverviewOutput, 400: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput},
        examples=[OpenApiExample("A year to date", value=EXAMPLE, response_only=True)],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        form = OverviewPeriodInput(
            data={
                key: value
                for key, value in (("date_from", params.get("from")), ("date_to", params.get("to")))
                if value
            }
        )
        if not form.is_valid():
            renamed = {"date_from": "from", "date_to": "to"}
            raise exceptions.ValidationError(
                {renamed.get(key, key): value for key, value in form.errors.items()}
            )
        municipality = self.get_municipality()
        if not request.user.has_perm(PERMISSION, municipality):
            raise exceptions.PermissionDenied()
        today = timezone.localdate()
        default = selectors.Period.year_to_date(today)
        start = form.validated_data.get("date_from") or default.date_from
        end = form.validated_data.get("date_to") or default.date_to
        if end < start:
            start, end = end, start
        overview = selectors.overview(
            municipality=municipality, period=selectors.Period(start, end), today=today
        )
        return Response(OverviewOutput(overview_payload(overview)).data)
