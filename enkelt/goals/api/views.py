"""`/api/v1/agreements/` (read) and `/api/v1/indicators/` (read; POST a measurement).

Scoped like the other APIs (`MunicipalityScopedMixin`: `?municipality=`, any other
municipality answers 404). Reads need `goals.view_goals`; posting a measurement
needs `goals.enter_measurement` on the indicator.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
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

from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.goals import selectors, services
from enkelt.goals.api.serializers import (
    AgreementListFilter,
    AgreementOutput,
    IndicatorListFilter,
    IndicatorOutput,
    MeasurementSerializer,
)
from enkelt.goals.models import Goal, Indicator, Measurement
from enkelt.strategy.models import Agreement
from enkelt.submissions.api.serializers import ErrorOutput

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)
ID_PARAM = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)

EXAMPLE_INDICATOR = {
    "id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
    "title": "Andel elever der fuldfører en ungdomsuddannelse",
    "goal": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
    "definition": "Andel af 9.-klasseselever der har fuldført en ungdomsuddannelse 6 år efter.",
    "unit": "percent",
    "direction": "up",
    "source": "Danmarks Statistik",
    "frequency": "årligt",
    "baseline_value": 84.0,
    "baseline_date": "2024-01-01",
    "target_value": 87.0,
    "target_change": 3.0,
    "target_date": "2028-01-01",
    "tolerance": 0.05,
    "milestones": [],
    "measurements": [
        {
            "date": "2026-01-01",
            "value": 85.3,
            "numerator": None,
            "denominator": None,
            "source": "",
            "preliminary": False,
        }
    ],
    "progress": 0.4333,
    "expected_progress": 0.5003,
    "status": "amber",
    "status_override": "",
    "override_comment": "",
}
EXAMPLE_AGREEMENT = {
    "id": "9c8b7a6f-5e4d-4c3b-2a19-0f8e7d6c5b4a",
    "title": "Lederaftale 2025, Skolen ved Søen",
    "level": "leader",
    "parent": "8b7a6f5e-4d3c-4b2a-9f8e-7d6c5b4a3f2e",
    "unit": "skolen-ved-soeen",
    "state": "agreed",
    "period_start": "2025-01-01",
    "period_end": "2025-12-31",
    "goals": [
        {
            "id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
            "title": "Flere unge fuldfører en ungdomsuddannelse",
            "description": "",
            "link": {
                "kind": "parent_goal",
                "id": "3b4c5d6e-7f8a-4b9c-0d1e-2f3a4b5c6d7e",
                "title": "Alle unge i uddannelse",
            },
            "indicators": ["1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b"],
        }
    ],
}


class CanRead(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user.has_perm("goals.view_goals", view.get_municipality()))


class ScopedObjectMixin(MunicipalityScopedMixin):
    lookup_field: str = "public_id"
    lookup_url_kwarg: str | None = "id"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.lookup_url_kwarg in self.kwargs:  # type: ignore[attr-defined]
            self.get_object()  # another municipality's object: 404 for every method

    def get_object(self) -> Any:
        if not hasattr(self, "_object"):
            self._object = super().get_object()  # type: ignore[misc]
        return self._object


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Dialogue-based agreements with their goals",
        parameters=[OpenApiParameter("level", str, enum=["director", "chief", "leader"])],
        responses={200: AgreementOutput(many=True), 400: ErrorOutput},
        examples=[
            OpenApiExample("A leader agreement", value=[EXAMPLE_AGREEMENT], response_only=True)
        ],
    ),
    retrieve=extend_schema(
        summary="One agreement by its id",
        parameters=[ID_PARAM],
        responses={200: AgreementOutput, 404: ErrorOutput},
        examples=[
            OpenApiExample("A leader agreement", value=EXAMPLE_AGREEMENT, response_only=True)
        ],
    ),
)
class AgreementViewSet(
    ScopedObjectMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Director → chief → leader agreements; each goal shows its golden-thread link."""

    queryset = Agreement.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = AgreementOutput
    permission_classes = [IsAuthenticated, CanRead]

    def get_queryset(self) -> QuerySet[Agreement]:
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        queryset = (
            Agreement.objects.filter(municipality=self.get_municipality())
            .select_related("unit", "parent")
            .prefetch_related(
                Prefetch(
                    "goals",
                    queryset=Goal.objects.select_related(
                        "initiative", "programme", "area", "parent_goal"
                    ).prefetch_related("indicators"),
                )
            )
            .order_by("period_start", "level", "title")
        )
        if self.action == "list":
            form = AgreementListFilter(data=self.request.query_params)
            form.is_valid(raise_exception=True)
            if form.validated_data.get("level"):
                queryset = queryset.filter(level=form.validated_data["level"])
        return queryset


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Indicators with progress, expected progress and status",
        parameters=[OpenApiParameter("status", str, enum=["green", "amber", "red", "none"])],
        responses={200: IndicatorOutput(many=True), 400: ErrorOutput},
        examples=[
            OpenApiExample(
                "+3 percentage points, amber", value=[EXAMPLE_INDICATOR], response_only=True
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One indicator by its id",
        parameters=[ID_PARAM],
        responses={200: IndicatorOutput, 404: ErrorOutput},
        examples=[
            OpenApiExample(
                "+3 percentage points, amber", value=EXAMPLE_INDICATOR, response_only=True
            )
        ],
    ),
)
class IndicatorViewSet(
    ScopedObjectMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Indicators with their series; progress and status by the formula in domain.md."""

    queryset = Indicator.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = IndicatorOutput
    permission_classes = [IsAuthenticated, CanRead]

    def get_queryset(self) -> QuerySet[Indicator]:
        if getattr(self, "swagger_fake_view", False):
            return Indicator.objects.none()
        return selectors.indicator_queryset(municipality=self.get_municipality()).prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = IndicatorListFilter(data=request.query_params)
        form.is_valid(raise_exception=True)
        wanted = form.validated_data.get("status")
        indicators = selectors.with_status(self.get_queryset())
        if wanted:
            indicators = [
                i
                for i in indicators
                if (i.evaluation.status or "none") == wanted  # type: ignore[attr-defined]
            ]
        page: list[Any] | None = self.paginate_queryset(indicators)  # type: ignore[arg-type]
        if page is not None:
            return self.get_paginated_response(IndicatorOutput(page, many=True).data)
        return Response(IndicatorOutput(indicators, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = self.get_object()
        selectors.with_status([indicator])
        return Response(IndicatorOutput(indicator).data)

    @extend_schema(
        summary="Add a measurement (a value for a date that has one replaces it)",
        parameters=[ID_PARAM],
        request=MeasurementSerializer,
        responses={201: IndicatorOutput, 400: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput},
        examples=[
            OpenApiExample(
                "A yearly figure",
                request_only=True,
                value={"date": "2026-01-01", "value": 85.3, "source": "Danmarks Statistik"},
            ),
            OpenApiExample("The indicator after", response_only=True, value=EXAMPLE_INDICATOR),
        ],
    )
    @action(detail=True, methods=["post"])
    def measurements(self, request: Request, id: str) -> Response:
        indicator = self.get_object()
        if not request.user.has_perm("goals.enter_measurement", indicator):
            raise exceptions.PermissionDenied()
        form = MeasurementSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            services.measurement_add(
                actor=request.user,
                municipality=self.get_municipality(),
                indicator=indicator,
                **form.validated_data,
            )
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.messages) from error
        fresh = self.get_queryset().get(pk=indicator.pk)
        selectors.with_status([fresh])
        return Response(IndicatorOutput(fresh).data, status=status.HTTP_201_CREATED)
