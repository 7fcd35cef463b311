"""`/api/v1/rules/`: the rule registry with Standard Cost Model burden.

Reads need `regulations.view_rule`, creating `regulations.add_rule`, changing
`regulations.change_rule`, all on the municipality resolved by
`MunicipalityScopedMixin` (`?municipality=`; another one answers 404).
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from enkelt.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.regulations import selectors, services
from enkelt.regulations.api.serializers import RuleInput, RuleListFilter, RuleOutput
from enkelt.regulations.errors import RegulationError
from enkelt.regulations.models import Rule
from enkelt.submissions.api.errors import validation_error
from enkelt.submissions.api.serializers import ErrorOutput
from enkelt.tenants.models import Municipality, Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)
ERRORS: dict[int, Any] = {400: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput}

EXAMPLE_RULE = {
    "id": "7d2e8c1a-3b4f-4a6e-9c0d-1e2f3a4b5c6d",
    "title": "Kørselsgodtgørelse kræver to godkendelser",
    "kind": "approval_requirement",
    "origin": "administration",
    "legal_reference": "",
    "legal_reference_url": "",
    "owner_unit": "okonomi",
    "status": "active",
    "purpose": "Kontrol af udbetalinger.",
    "review_by": "2027-06-30",
    "activities": [
        {
            "name": "Leder godkender kørselsseddel",
            "population": 40,
            "frequency_per_year": 12,
            "minutes_per_occurrence": 5,
            "hourly_tariff": None,
            "external_cost_per_occurrence": 0,
            "business_as_usual_share": 0,
            "job_family": "Leder",
            "source": "estimate",
            "confidence": "medium",
        }
    ],
    "burden": {"hours_per_year": 40.0, "cost_per_year": 26000.0, "fte": 0.0208},
}
EXAMPLE_INPUT = {
    "title": "Kørselsgodtgørelse kræver to godkendelser",
    "kind": "approval_requirement",
    "origin": "administration",
    "owner_unit": "okonomi",
    "activities": [
        {
            "name": "Leder godkender kørselsseddel",
            "population": 40,
            "frequency_per_year": 12,
            "minutes_per_occurrence": 5,
            "business_as_usual_share": 0,
        },
        {
            "name": "Årlig revision (hvert andet år)",
            "population": 1,
            "frequency_per_year": 0.5,
            "minutes_per_occurrence": 240,
            "hourly_tariff": 520,
        },
    ],
}


class CanUseRules(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        municipality = view.get_municipality()
        if request.method in SAFE_METHODS:
            perm = "regulations.view_rule"
        elif view.action == "create":
            perm = "regulations.add_rule"
        else:
            perm = "regulations.change_rule"
        return bool(request.user.has_perm(perm, municipality))


def _unit(municipality: Municipality, slug: str | None, field: str) -> Unit | None:
    if not slug:
        return None
    unit = Unit.objects.filter(municipality=municipality, slug=slug).first()
    if unit is None:
        raise exceptions.ValidationError({field: [_("Unknown unit.")]})
    return unit


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Rules of the municipality, largest burden first",
        parameters=[RuleListFilter],
        responses={200: RuleOutput(many=True), **ERRORS},
        examples=[OpenApiExample("A rule", response_only=True, value=EXAMPLE_RULE)],
    ),
    retrieve=extend_schema(
        summary="One rule with its activities and burden",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: RuleOutput, **ERRORS},
        examples=[OpenApiExample("A rule", response_only=True, value=EXAMPLE_RULE)],
    ),
)
class RuleViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Rules, requirements and obligations with their activities and computed burden."""

    queryset = Rule.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = RuleOutput
    permission_classes = [IsAuthenticated, CanUseRules]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> QuerySet[Rule]:
        if getattr(self, "swagger_fake_view", False):
            return Rule.objects.none()
        municipality = self.get_municipality()
        filters = selectors.RegistryFilters()
        if self.action == "list":
            form = RuleListFilter(data=self.request.query_params)
            form.is_valid(raise_exception=True)
            data = form.validated_data
            filters = selectors.RegistryFilters(
                kind=data.get("kind"),
                origin=data.get("origin"),
                status=data.get("status"),
                unit=_unit(municipality, data.get("unit"), "unit"),
                q=data.get("q"),
                sort=data.get("sort", "-hours"),
            )
        rules = selectors.rule_list(municipality=municipality, filters=filters)
        return rules.defer("text").prefetch_related("activities__job_family")

    def _answer(self, rule: Rule, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.rule_get(municipality=self.get_municipality(), public_id=rule.public_id)
        return Response(RuleOutput(fresh or rule).data, status=code)

    def _activities(self, data: dict[str, Any]) -> list[services.ActivityData]:
        return [services.ActivityData(**a) for a in data.get("activities") or []]

    @extend_schema(
        summary="Register a rule (with its activities)",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=RuleInput,
        responses={201: RuleOutput, **ERRORS},
        examples=[
            OpenApiExample("A rule with two activities", request_only=True, value=EXAMPLE_INPUT),
            OpenApiExample("Created", response_only=True, status_codes=["201"], value=EXAMPLE_RULE),
        ],
    )
    @idempotent
    def create(self, request: Request) -> Response:
        municipality = self.get_municipality()
        form = RuleInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        activities = self._activities(data)
        data.pop("activities", None)
        data["owner_unit"] = _unit(municipality, data.get("owner_unit"), "owner_unit")
        try:
            rule = services.rule_create(
                actor=request.user, municipality=municipality, activities=activities, **data
            )
        except DjangoValidationError as error:
            raise validation_error(error) from error
        except RegulationError as error:
            raise exceptions.ValidationError({"non_field_errors": [str(error.message)]}) from error
        return self._answer(rule, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a rule; `activities`, when given, replace all activities",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        request=RuleInput(partial=True),
        responses={200: RuleOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "Mark as under review", request_only=True, value={"status": "under_review"}
            ),
            OpenApiExample("Changed", response_only=True, status_codes=["200"], value=EXAMPLE_RULE),
        ],
    )
    def partial_update(self, request: Request, id: str) -> Response:
        municipality = self.get_municipality()
        rule = self.get_object()
        form = RuleInput(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        activities = self._activities(data) if "activities" in data else None
        data.pop("activities", None)
        if "owner_unit" in request.data:
            data["owner_unit"] = _unit(municipality, data.get("owner_unit"), "owner_unit")
        else:
            data.pop("owner_unit", None)
        for key in [k for k in data if k not in request.data]:
            data.pop(key)  # defaults of a partial input are not changes
        try:
            if data:
                services.rule_update(
                    actor=request.user, municipality=municipality, rule=rule, **data
                )
            if activities is not None:
                services.activity_set(
                    actor=request.user, municipality=municipality, rule=rule, activities=activities
                )
        except DjangoValidationError as error:
            raise validation_error(error) from error
        return self._answer(rule)
