"""`/api/v1/surveys/` (definitions) and `/api/v1/survey-rounds/` with `results` (aggregates).

Scoped like the other resources (`?municipality=`; another municipality is
404). Only definitions and suppressed aggregates leave the API, never a response.
"""

import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.submissions.api.serializers import ErrorOutput
from enkelt.surveys import selectors
from enkelt.surveys.api.serializers import SurveyOutput, SurveyRoundOutput, SurveyRoundResultsOutput
from enkelt.surveys.models import Option, Question, Survey, SurveyRound

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)
ID_PARAM = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)

EXAMPLE_SURVEY = {
    "id": "0b7c9a52-61f4-4c1e-9d7a-2f1e8c3b5a90",
    "title_da": "Trivselsmåling",
    "title_en": "Wellbeing survey",
    "purpose": "wellbeing",
    "audience": "employees",
    "service_unit": None,
    "questions": [
        {"id": "5d1e2f3a-4b5c-4d6e-8f70-112233445566", "kind": "scale", "section": "Trivsel",
         "text_da": "Hvor tilfreds er du med dit arbejde alt i alt?",
         "text_en": "Overall, how satisfied are you with your job?", "scale_min": 1,
         "scale_max": 5, "min_label_da": "Meget utilfreds", "min_label_en": "Very dissatisfied",
         "max_label_da": "Meget tilfreds", "max_label_en": "Very satisfied", "required": True,
         "options": []},
    ],
}  # fmt: skip
EXAMPLE_ROUND = {
    "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
    "survey": "0b7c9a52-61f4-4c1e-9d7a-2f1e8c3b5a90",
    "title": "Trivselsmåling forår 2026",
    "opens_on": "2026-03-02",
    "closes_on": "2026-03-20",
    "state": "closed",
    "units": ["veje-og-parker", "materielgaarden"],
}
EMPTY_CELL: dict[str, Any] = {
    "suppressed": True,
    "n": None,
    "mean": None,
    "distribution": [],
    "options": [],
}
EXAMPLE_RESULTS = {
    "round": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
    "previous_round": None,
    "threshold": 5,
    "total": {"unit": None, "suppressed": False, "respondents": 15},
    "groups": [
        {"unit": "veje-og-parker", "suppressed": False, "respondents": 12},
        {"unit": "materielgaarden", "suppressed": True, "respondents": None},
    ],
    "questions": [
        {"question": "5d1e2f3a-4b5c-4d6e-8f70-112233445566", "kind": "scale",
         "total": {"suppressed": False, "n": 15, "mean": "3.87",
                   "distribution": [{"value": 1, "count": 0}, {"value": 2, "count": 1},
                                    {"value": 3, "count": 3}, {"value": 4, "count": 8},
                                    {"value": 5, "count": 3}], "options": []},
         "previous_total": None,
         "groups": [{"unit": "veje-og-parker", "cell": {**EMPTY_CELL, "suppressed": True}},
                    {"unit": "materielgaarden", "cell": EMPTY_CELL}]},
    ],
}  # fmt: skip


class CanSeeSurveys(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user.has_perm("surveys.view_surveys", view.get_municipality()))


def _cell(cell: selectors.Cell) -> dict[str, Any]:
    hidden = cell.suppressed
    return {
        "suppressed": hidden,
        "n": None if hidden else cell.n,
        "mean": None if hidden else cell.mean,
        "distribution": [] if hidden else [{"value": v, "count": c} for v, c in cell.distribution],
        "options": (
            []
            if hidden
            else [{"option": s.option.pk, "count": s.count, "share": s.share} for s in cell.options]
        ),
    }


def _group(group: selectors.Group) -> dict[str, Any]:
    return {
        "unit": group.unit.slug if group.unit is not None else None,
        "suppressed": group.suppressed,
        "respondents": None if group.suppressed else group.respondents,
    }


def results_payload(results: selectors.RoundResults) -> dict[str, Any]:
    previous = results.previous_round
    return {
        "round": results.survey_round.public_id,
        "previous_round": previous.public_id if previous is not None else None,
        "threshold": selectors.SUPPRESSION_THRESHOLD,
        "total": _group(results.total),
        "groups": [_group(g) for g in results.groups],
        "questions": [
            {
                "question": row.question.public_id,
                "kind": row.question.kind,
                "total": _cell(row.total),
                "previous_total": _cell(row.previous) if row.previous is not None else None,
                "groups": [
                    {"unit": g.unit.slug if g.unit is not None else None, "cell": _cell(c)}
                    for g, c in row.groups
                ],
            }
            for row in results.rows
        ],
    }


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Surveys with their questions",
        responses={200: SurveyOutput(many=True)},
        examples=[OpenApiExample("A wellbeing survey", value=[EXAMPLE_SURVEY], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One survey by its id",
        parameters=[ID_PARAM],
        responses={200: SurveyOutput, 404: ErrorOutput},
        examples=[OpenApiExample("A wellbeing survey", value=EXAMPLE_SURVEY, response_only=True)],
    ),
)
class SurveyViewSet(
    MunicipalityScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Survey definitions: sections, questions and options in Danish and English."""

    queryset = Survey.objects.none()
    serializer_class = SurveyOutput
    permission_classes = [IsAuthenticated, CanSeeSurveys]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> QuerySet[Survey]:
        if getattr(self, "swagger_fake_view", False):
            return Survey.objects.none()
        questions = Question.objects.select_related("section").prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("order", "id"))
        )
        return (
            self.scope(Survey.objects.all())
            .select_related("service_unit")
            .prefetch_related(Prefetch("questions", queryset=questions.order_by("order", "id")))
        )


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Survey rounds",
        parameters=[OpenApiParameter("survey", OpenApiTypes.UUID, description="A survey's id.")],
        responses={200: SurveyRoundOutput(many=True)},
        examples=[OpenApiExample("A closed round", value=[EXAMPLE_ROUND], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One round by its id",
        parameters=[ID_PARAM],
        responses={200: SurveyRoundOutput, 404: ErrorOutput},
        examples=[OpenApiExample("A closed round", value=EXAMPLE_ROUND, response_only=True)],
    ),
)
class SurveyRoundViewSet(
    MunicipalityScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Rounds of surveys; `results` gives the aggregates with groups under 5 suppressed."""

    queryset = SurveyRound.objects.none()
    serializer_class = SurveyRoundOutput
    permission_classes = [IsAuthenticated, CanSeeSurveys]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> QuerySet[SurveyRound]:
        if getattr(self, "swagger_fake_view", False):
            return SurveyRound.objects.none()
        rounds = self.scope(SurveyRound.objects.all())
        survey = self.request.query_params.get("survey")
        if survey and self.action == "list":
            try:
                rounds = rounds.filter(survey__public_id=uuid.UUID(survey))
            except ValueError:  # a malformed id matches nothing
                return SurveyRound.objects.none()
        return rounds.select_related("survey").prefetch_related("units")

    @extend_schema(
        summary="Aggregated results of a round (groups and cells under 5 suppressed)",
        parameters=[ID_PARAM],
        responses={200: SurveyRoundResultsOutput, 404: ErrorOutput},
        examples=[OpenApiExample("Results", value=EXAMPLE_RESULTS, response_only=True)],
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey_round = self.get_object()
        outcome = selectors.round_results(
            municipality=self.get_municipality(), survey_round=survey_round
        )
        return Response(SurveyRoundResultsOutput(results_payload(outcome)).data)
