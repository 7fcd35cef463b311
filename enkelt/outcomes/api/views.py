"""`/api/v1/assessments/` and `/api/v1/assessments/aggregates/`.

Scoped like the other resources (`MunicipalityScopedMixin`: `?municipality=`,
any other municipality answers 404). Individual assessments are for the staff
of the offer (`outcomes.view_course`): the list holds only the courses the
caller may see, another course is "not found", and POST needs
`outcomes.add_assessment` on the subject's course. The aggregates are for every
member (`outcomes.view_aggregates`), with cells of fewer than 5 courses sent as
`suppressed: true` and null figures to those who may not see the courses.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from enkelt.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.outcomes import selectors, services
from enkelt.outcomes.api.serializers import (
    AggregateFilter,
    AggregatesOutput,
    AssessmentInput,
    AssessmentListFilter,
    AssessmentOutput,
)
from enkelt.outcomes.models import Assessment, AssessmentScheme, Score
from enkelt.outcomes.views.common import open_unit_ids
from enkelt.submissions.api.serializers import ErrorOutput
from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Role, Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)

EXAMPLE_ASSESSMENT = {
    "id": "2f6a1c3e-8b7d-4e5f-9a0b-1c2d3e4f5a6b",
    "scheme": "resultatdokumentation-8",
    "subject": "K7M2QX4P",
    "unit": "bornehuset-solsikken",
    "kind": "follow_up",
    "date": "2026-09-14",
    "scores": [
        {"factor": 1, "label": "Udvikling og adfærd", "value": 2, "goal": None},
        {"factor": 2, "label": "Familieforhold", "value": 1, "goal": None},
    ],
}
EXAMPLE_INPUT = {
    "scheme": "resultatdokumentation-8",
    "subject": "K7M2QX4P",
    "kind": "intake",
    "date": "2026-03-10",
    "scores": [{"factor": 1, "value": 3, "goal": 2}, {"factor": 2, "value": 2, "goal": None}],
    "note": "Aftalt med forældrene.",
}
EXAMPLE_AGGREGATES = {
    "scheme": "resultatdokumentation-8",
    "scope": {
        "unit": "dagtilbud",
        "courses": 88,
        "follow_up_compliance": 81.3,
        "cells": [
            {"factor": 1, "suppressed": False, "n": 61, "share_improved": 47.5,
             "share_unchanged": 36.1, "share_worsened": 16.4, "mean_change": -0.41,
             "share_goals_met": 52.0},
        ],
    },
    "children": [
        {"unit": "vuggestuen-maelkebotten", "courses": None, "follow_up_compliance": None,
         "cells": [{"factor": 1, "suppressed": True, "n": None, "share_improved": None,
                    "share_unchanged": None, "share_worsened": None, "mean_change": None,
                    "share_goals_met": None}]},
    ],
}  # fmt: skip


class CanUseOutcomes(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user.has_perm("outcomes.view_aggregates", view.get_municipality()))


def _cells(aggregate: selectors.UnitAggregate, factors: list[Any]) -> dict[str, Any]:
    def figure(cell: selectors.Cell, value: Any) -> Any:
        return None if cell.suppressed else value

    compliance = aggregate.compliance
    return {
        "unit": aggregate.unit.slug if aggregate.unit is not None else None,
        "courses": None if aggregate.suppressed else aggregate.courses,
        "follow_up_compliance": None if compliance.suppressed else compliance.share,
        "cells": [
            {
                "factor": factor.order,
                "suppressed": cell.suppressed,
                "n": figure(cell, cell.n),
                "share_improved": figure(cell, cell.share_improved),
                "share_unchanged": figure(cell, cell.share_unchanged),
                "share_worsened": figure(cell, cell.share_worsened),
                "mean_change": figure(cell, cell.mean_change),
                "share_goals_met": figure(cell, cell.share_goals_met),
            }
            for factor, cell in aggregate.cell_list(factors)
        ],
    }


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Assessments of the courses in the caller's offer",
        parameters=[
            OpenApiParameter("subject", str, description="A course's pseudonym."),
            OpenApiParameter("kind", str, enum=["intake", "follow_up", "discharge"]),
            OpenApiParameter("scheme", str, description="Short name of the scheme."),
        ],
        responses={200: AssessmentOutput(many=True), 400: ErrorOutput},
        examples=[OpenApiExample("A follow-up", value=[EXAMPLE_ASSESSMENT], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One assessment by its id",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: AssessmentOutput, 404: ErrorOutput},
        examples=[OpenApiExample("A follow-up", value=EXAMPLE_ASSESSMENT, response_only=True)],
    ),
)
class AssessmentViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Outcome assessments (intake, follow-up, discharge) of pseudonymous courses."""

    queryset = Assessment.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = AssessmentOutput
    permission_classes = [IsAuthenticated, CanUseOutcomes]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> QuerySet[Assessment]:
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        municipality = self.get_municipality()
        assessments = self.scope(Assessment.objects.all())
        membership = membership_of(self.request.user)
        if membership is None:
            return Assessment.objects.none()
        if membership.role != Role.ADMINISTRATOR:
            if not self.request.user.has_perm("outcomes.view_course_list", municipality):
                return Assessment.objects.none()
            assessments = assessments.filter(course__unit_id=membership.unit_id)
        if self.action == "list":
            form = AssessmentListFilter(data=self.request.query_params)
            form.is_valid(raise_exception=True)
            data = form.validated_data
            if data.get("subject"):
                assessments = assessments.filter(course__pseudonym=data["subject"])
            if data.get("kind"):
                assessments = assessments.filter(kind=data["kind"])
            if data.get("scheme"):
                assessments = assessments.filter(course__scheme__slug=data["scheme"])
        return (
            assessments.select_related("course__scheme", "course__unit")
            .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("factor")))
            .order_by("-date", "-id")
        )

    @extend_schema(
        summary="Record an assessment of a course (intake with goals, follow-up, discharge)",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=AssessmentInput,
        responses={201: AssessmentOutput, 400: ErrorOutput, 404: ErrorOutput},
        examples=[
            OpenApiExample("An intake with goals", value=EXAMPLE_INPUT, request_only=True),
            OpenApiExample(
                "Recorded",
                response_only=True,
                status_codes=["201"],
                value={**EXAMPLE_ASSESSMENT, "kind": "intake", "date": "2026-03-10"},
            ),
        ],
    )
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        municipality = self.get_municipality()
        form = AssessmentInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        course = selectors.course_get(municipality=municipality, pseudonym=data["subject"])
        if course is None or not request.user.has_perm("outcomes.add_assessment", course):
            raise exceptions.ValidationError({"subject": [_("Unknown subject.")]})
        if course.scheme.slug != data["scheme"]:
            raise exceptions.ValidationError({"scheme": [_("The course uses another scheme.")]})
        factors = {f.order: f.pk for f in course.scheme.factors.all()}
        unknown = [s["factor"] for s in data["scores"] if s["factor"] not in factors]
        if unknown:
            raise exceptions.ValidationError({"scores": [_("Unknown factor.")]})
        try:
            assessment = services.assessment_record(
                actor=request.user,
                municipality=municipality,
                course=course,
                kind=data["kind"],
                date=data["date"],
                scores={factors[s["factor"]]: s["value"] for s in data["scores"]},
                goals={factors[s["factor"]]: s["goal"] for s in data["scores"]},
                note=data["note"],
            )
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
        fresh = self.get_queryset().get(pk=assessment.pk)
        return Response(AssessmentOutput(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Aggregates per unit (with sub-units) and factor; small groups suppressed",
        parameters=[AggregateFilter],
        responses={200: AggregatesOutput, 400: ErrorOutput},
        examples=[OpenApiExample("A unit", value=EXAMPLE_AGGREGATES, response_only=True)],
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def aggregates(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        municipality = self.get_municipality()
        form = AggregateFilter(data=request.query_params)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        schemes = AssessmentScheme.objects.filter(municipality=municipality)
        scheme = (
            schemes.filter(slug=data["scheme"]).first() if "scheme" in data else schemes.first()
        )
        if scheme is None:
            raise exceptions.ValidationError({"scheme": [_("Unknown scheme.")]})
        unit = None
        if data.get("unit"):
            unit = Unit.objects.filter(municipality=municipality, slug=data["unit"]).first()
            if unit is None:
                raise exceptions.ValidationError({"unit": [_("Unknown unit.")]})
        result = selectors.outcome_aggregates(
            municipality=municipality,
            scheme=scheme,
            unit=unit,
            period_from=data.get("date_from"),
            period_to=data.get("date_to"),
            open_unit_ids=open_unit_ids(request.user),
            today=timezone.localdate(),
        )
        body = {
            "scheme": scheme.slug,
            "scope": _cells(result.scope, result.factors),
            "children": [_cells(child, result.factors) for child in result.children],
        }
        return Response(AggregatesOutput(body).data)
