"""`/api/v1/cases/`, `/api/v1/exemptions/` and `/api/v1/funnel/`.

Scoped like the submissions API (`MunicipalityScopedMixin`: `?municipality=`,
any other municipality answers 404). Reads need `simplification.view_case`;
the actions `select` and `decide` need `simplification.decide_case`.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from enkelt.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.simplification import selectors, services
from enkelt.simplification.api.errors import service_errors
from enkelt.simplification.api.serializers import (
    CaseListFilter,
    CaseOutput,
    DecideInput,
    ExemptionListFilter,
    ExemptionOutput,
    FunnelFilter,
    FunnelOutput,
    SelectInput,
)
from enkelt.simplification.models import Case, ExemptionApplication
from enkelt.simplification.scenario import ScenarioChange
from enkelt.submissions.api.serializers import ErrorOutput
from enkelt.tenants.models import Municipality, Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)
ACTION_ERRORS: dict[int, Any] = {400: ErrorOutput, 404: ErrorOutput, 409: ErrorOutput}

EXAMPLE_CASE = {
    "id": "7b0e4c1e-2f7a-4a53-9a3e-1c2d3e4f5a6b",
    "rule": "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f",
    "rule_title": "Ugentlig tidsregistrering i hjemmeplejen",
    "stage": "decided",
    "outcome": "streamlined",
    "reason": "Registrering en gang om måneden giver samme overblik.",
    "decision_level": "chief",
    "decided_on": "2026-03-02",
    "implement_by": "2026-06-01",
    "flagged_on": "2026-01-12",
    "expected_freed_hours_per_year": 533.33,
    "realised_freed_hours_per_year": None,
    "freed_time_used_for": "",
    "submissions": ["3f1c9a52-5d4b-4f7e-9d7c-2a1b0c9d8e7f"],
}
EXAMPLE_EXEMPTION = {
    "id": "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170",
    "case": EXAMPLE_CASE["id"],
    "rule": EXAMPLE_CASE["rule"],
    "ministry": "Social- og Boligministeriet",
    "provision": "§ 83, stk. 5",
    "instrument": "challenge_right",
    "status": "approved_with_conditions",
    "answer": "Forsøg i tre år med årlig evaluering.",
    "submitted_on": "2026-03-10",
    "trial_start": "2026-08-01",
    "trial_end": "2029-07-31",
}
EXAMPLE_FUNNEL = {
    "flagged": 232,
    "selected": 103,
    "abolished": 9,
    "streamlined": 12,
    "kept": 35,
    "escalated": 19,
    "not_handled": 28,
    "awaiting_decision": 0,
    "freed_hours_per_year": {"expected": 14250.5, "realised": 6120.0},
}


def _unit(municipality: Municipality, slug: str | None) -> Unit | None:
    if not slug:
        return None
    unit = Unit.objects.filter(municipality=municipality, slug=slug).first()
    if unit is None:
        raise exceptions.ValidationError({"unit": [_("Unknown unit.")]})
    return unit


class CanReadOrDecide(BasePermission):
    """`view_case` to read, `decide_case` for the actions, in the resolved municipality."""

    def has_permission(self, request: Any, view: Any) -> bool:
        municipality = view.get_municipality()
        perm = (
            "simplification.view_case"
            if request.method in SAFE_METHODS
            else "simplification.decide_case"
        )
        return bool(request.user.has_perm(perm, municipality))


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Simplification cases, newest flag first",
        parameters=[
            OpenApiParameter("stage", str, enum=["flagged", "selected", "decided"]),
            OpenApiParameter(
                "outcome",
                str,
                enum=["abolished", "streamlined", "kept", "escalated", "not_handled"],
            ),
            OpenApiParameter("unit", str, description="Slug of the rule's owner unit."),
        ],
        responses={200: CaseOutput(many=True), 400: ErrorOutput},
        examples=[OpenApiExample("A decided case", value=[EXAMPLE_CASE], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One case by its id",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: CaseOutput, 404: ErrorOutput},
        examples=[OpenApiExample("A decided case", value=EXAMPLE_CASE, response_only=True)],
    ),
)
class CaseViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """One case per rule, gathering every flag; select and decide it with the actions."""

    queryset = Case.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = CaseOutput
    permission_classes = [IsAuthenticated, CanReadOrDecide]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.lookup_url_kwarg in self.kwargs:
            self.get_object()  # another municipality's case: 404 for every method

    def get_object(self) -> Case:
        if not hasattr(self, "_case"):
            self._case: Case = super().get_object()
        return self._case

    def get_queryset(self) -> QuerySet[Case]:
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        municipality = self.get_municipality()
        filters = selectors.CaseFilters()
        if self.action == "list":
            form = CaseListFilter(data=self.request.query_params)
            form.is_valid(raise_exception=True)
            data = form.validated_data
            filters = selectors.CaseFilters(
                stage=data.get("stage"),
                outcome=data.get("outcome"),
                unit=_unit(municipality, data.get("unit")),
            )
        cases = selectors.case_list(municipality=municipality, filters=filters)
        return selectors.with_submission_ids(cases)

    def _answer(self, case: Case) -> Response:
        fresh = self.get_queryset().filter(pk=case.pk).first() or case
        return Response(CaseOutput(fresh).data)

    @extend_schema(
        summary="Select the case for a decision",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=SelectInput,
        responses={200: CaseOutput, **ACTION_ERRORS},
        examples=[
            OpenApiExample("Without a campaign", request_only=True, value={}),
            OpenApiExample(
                "Selected",
                response_only=True,
                value={**EXAMPLE_CASE, "stage": "selected", "outcome": None, "reason": ""},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def select(self, request: Request, id: str) -> Response:
        form = SelectInput(data=request.data)
        form.is_valid(raise_exception=True)
        municipality = self.get_municipality()
        campaign = None
        if form.validated_data["campaign"]:
            campaign = selectors.campaign_get(
                municipality=municipality, public_id=form.validated_data["campaign"]
            )
            if campaign is None:
                raise exceptions.ValidationError({"campaign": [_("Unknown campaign.")]})
        with service_errors():
            case = services.case_select(
                actor=request.user,
                municipality=municipality,
                case=self.get_object(),
                campaign=campaign,
            )
        return self._answer(case)

    @extend_schema(
        summary="Decide the case; every linked submitter is told",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=DecideInput,
        responses={200: CaseOutput, **ACTION_ERRORS},
        examples=[
            OpenApiExample(
                "Streamlined with a scenario",
                request_only=True,
                value={
                    "outcome": "streamlined",
                    "reason": "Registrering en gang om måneden giver samme overblik.",
                    "decision_level": "chief",
                    "scenario": [
                        {
                            "activity": 17,
                            "population": 100,
                            "frequency_per_year": 4,
                            "minutes_per_occurrence": 10,
                            "business_as_usual_share": 0,
                        }
                    ],
                },
            ),
            OpenApiExample(
                "Kept, explained",
                request_only=True,
                value={"outcome": "kept", "reason": "Kravet følger af lov om tilsyn."},
            ),
            OpenApiExample("Decided", response_only=True, value=EXAMPLE_CASE),
            OpenApiExample(
                "reason_required",
                response_only=True,
                status_codes=["400"],
                value={
                    "code": "reason_required",
                    "message": "Write the reason: a rule that is kept must be explained.",
                },
            ),
            OpenApiExample(
                "transition_not_allowed",
                response_only=True,
                status_codes=["409"],
                value={
                    "code": "transition_not_allowed",
                    "message": (
                        "The case cannot move to that stage or outcome from where it is now."
                    ),
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def decide(self, request: Request, id: str) -> Response:
        form = DecideInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        scenario = None
        if data.get("scenario"):
            scenario = {
                line["activity"]: ScenarioChange(
                    population=line["population"],
                    frequency_per_year=line["frequency_per_year"],
                    minutes_per_occurrence=line["minutes_per_occurrence"],
                    business_as_usual_share=line["business_as_usual_share"],
                )
                for line in data["scenario"]
            }
        with service_errors():
            case = services.case_decide(
                actor=request.user,
                municipality=self.get_municipality(),
                case=self.get_object(),
                outcome=data["outcome"],
                reason=data["reason"],
                decision_level=data["decision_level"],
                decided_on=data["decided_on"],
                implement_by=data["implement_by"],
                scenario=scenario,
                exemption=data.get("exemption"),
            )
        return self._answer(case)


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Exemption applications to the state, newest first",
        parameters=[OpenApiParameter("status", str, enum=ExemptionApplication.Status.values)],
        responses={200: ExemptionOutput(many=True), 400: ErrorOutput},
        examples=[OpenApiExample("Approved", value=[EXAMPLE_EXEMPTION], response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One exemption application by its id",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: ExemptionOutput, 404: ErrorOutput},
        examples=[OpenApiExample("Approved", value=EXAMPLE_EXEMPTION, response_only=True)],
    ),
)
class ExemptionViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = ExemptionApplication.objects.none()
    serializer_class = ExemptionOutput
    permission_classes = [IsAuthenticated, CanReadOrDecide]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> QuerySet[ExemptionApplication]:
        if getattr(self, "swagger_fake_view", False):
            return ExemptionApplication.objects.none()
        status = None
        if self.action == "list":
            form = ExemptionListFilter(data=self.request.query_params)
            form.is_valid(raise_exception=True)
            status = form.validated_data.get("status")
        return selectors.exemption_list(municipality=self.get_municipality(), status=status)


class FunnelView(MunicipalityScopedMixin, APIView):
    """The funnel of the municipality: one aggregate, constant in data size."""

    permission_classes = [IsAuthenticated, CanReadOrDecide]

    @extend_schema(
        summary="The funnel for a period and unit",
        parameters=[
            MUNICIPALITY_PARAM,
            OpenApiParameter("from", OpenApiTypes.DATE, description="Cases flagged on or after."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Cases flagged on or before."),
            OpenApiParameter("unit", str, description="Slug of the rule's owner unit."),
        ],
        responses={200: FunnelOutput, 400: ErrorOutput, 404: ErrorOutput},
        examples=[OpenApiExample("Copenhagen's shape", value=EXAMPLE_FUNNEL, response_only=True)],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        form = FunnelFilter(
            data={
                key: value
                for key, value in (
                    ("date_from", params.get("from")),
                    ("date_to", params.get("to")),
                    ("unit", params.get("unit")),
                )
                if value
            }
        )
        if not form.is_valid():
            renamed = {"date_from": "from", "date_to": "to"}
            raise exceptions.ValidationError(
                {renamed.get(key, key): value for key, value in form.errors.items()}
            )
        municipality = self.get_municipality()
        data = form.validated_data
        funnel = selectors.funnel(
            municipality=municipality,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            unit=_unit(municipality, data.get("unit")),
        )
        return Response(
            FunnelOutput(
                {
                    **dict(funnel.steps()),
                    "awaiting_decision": funnel.awaiting_decision,
                    "freed_hours_per_year": {
                        "expected": funnel.expected_freed_hours_per_year,
                        "realised": funnel.realised_freed_hours_per_year,
                    },
                }
            ).data
        )
