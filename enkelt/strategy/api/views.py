"""`/api/v1/plans/`, `areas/`, `programmes/`, `initiatives/` and `reviews/`: the portfolio.

Scoped by `MunicipalityScopedMixin` (`?municipality=`; another one answers 404).
Reads need `strategy.view_portfolio`; creating initiatives
`strategy.manage_portfolio`; changing an initiative's status/RAG
`strategy.change_initiative` on it; opening rounds `strategy.manage_rounds`;
an owner's update `strategy.update_review_item` on the item; decisions
`strategy.decide`.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
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
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.strategy import selectors, services
from enkelt.strategy.api.serializers import (
    AreaOutput,
    DecisionInput,
    InitiativeInput,
    InitiativeListFilter,
    InitiativeOutput,
    InitiativeStatusInput,
    PlanOutput,
    ProgrammeOutput,
    ReviewItemOutput,
    ReviewItemUpdateInput,
    ReviewRoundInput,
    ReviewRoundOutput,
)
from enkelt.strategy.models import (
    DevelopmentArea,
    Initiative,
    Programme,
    ReviewItem,
    ReviewRound,
    StrategyPlan,
)
from enkelt.submissions.api.errors import validation_error
from enkelt.submissions.api.serializers import ErrorOutput
from enkelt.tenants.models import Municipality, Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)
UUID_ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)
INT_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
ERRORS: dict[int, Any] = {400: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput}

EXAMPLE_PLAN = {
    "id": "0b9d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4",
    "title": "Direktionens strategiplan 2013+",
    "period_start": "2013-01-01",
    "period_end": None,
    "adopted_by": "Direktionen",
    "adopted_on": "2012-12-01",
    "areas": [1, 2, 3, 4],
}
EXAMPLE_AREA = {
    "id": 4,
    "plan": "0b9d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4",
    "title": "Ny faglighed og effektiv drift",
    "description": "Opgaverne løses effektivt, med nye løsninger og nye fagligheder.",
    "order": 4,
}
EXAMPLE_PROGRAMME = {
    "id": 12,
    "area": 4,
    "title": "Effektivisering og digitalisering",
    "description": "",
    "order": 2,
}
EXAMPLE_INITIATIVE = {
    "id": "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
    "programme": 12,
    "area": 4,
    "title": "Ruteplanlægning af vejvedligehold med GPS-data",
    "description": "",
    "owner_unit": "veje-og-parker",
    "owner": "leder",
    "start": "2025-01-01",
    "end": "2027-12-31",
    "status": "active",
    "rag": "amber",
    "rag_comment": "Leverandøren er forsinket med dataudtrækket.",
}
EXAMPLE_ITEM = {
    "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
    "initiative": "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
    "initiative_title": "Ruteplanlægning af vejvedligehold med GPS-data",
    "status": "active",
    "rag": "amber",
    "progress": "Pilot i to distrikter er i gang.",
    "comment": "",
    "proposed_decision": "continue",
    "submitted_at": "2027-05-03T09:12:00+02:00",
    "decision": "",
    "decision_reason": "",
    "decided_at": None,
}
EXAMPLE_ROUND = {
    "id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    "plan": "0b9d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4",
    "title": "Maj 2027",
    "deadline": "2027-05-07",
    "meeting_on": "2027-05-19",
    "state": "open",
    "items": [EXAMPLE_ITEM],
}


class CanReadPortfolio(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        municipality = view.get_municipality()
        if request.method in SAFE_METHODS:
            return bool(request.user.has_perm("strategy.view_portfolio", municipality))
        perm = getattr(view, "write_permission", None)
        if perm is None:
            return bool(request.user.has_perm("strategy.view_portfolio", municipality))
        return bool(request.user.has_perm(perm, municipality))


def _unit(municipality: Municipality, slug: str | None) -> Unit | None:
    if not slug:
        return None
    unit = Unit.objects.filter(municipality=municipality, slug=slug).first()
    if unit is None:
        raise exceptions.ValidationError({"owner_unit": [_("Unknown unit.")]})
    return unit


def _owner(municipality: Municipality, username: str | None) -> Any:
    if not username:
        return None
    user = (
        get_user_model()
        .objects.filter(username=username, membership__municipality=municipality)
        .first()
    )
    if user is None:
        raise exceptions.ValidationError({"owner": [_("Unknown staff member.")]})
    return user


def _call(func: Any, **kwargs: Any) -> Any:
    try:
        return func(**kwargs)
    except DjangoValidationError as error:
        raise validation_error(error) from error


class _ReadOnly(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    permission_classes = [IsAuthenticated, CanReadPortfolio]


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Strategy plans of the municipality",
        responses={200: PlanOutput(many=True), **ERRORS},
        examples=[OpenApiExample("A plan", response_only=True, value=EXAMPLE_PLAN)],
    ),
    retrieve=extend_schema(
        summary="One strategy plan",
        parameters=[UUID_ID],
        responses={200: PlanOutput, **ERRORS},
        examples=[OpenApiExample("A plan", response_only=True, value=EXAMPLE_PLAN)],
    ),
)
class PlanViewSet(_ReadOnly):
    """Strategy plans (period, adopted by and when) with their development areas."""

    queryset = StrategyPlan.objects.none()
    serializer_class = PlanOutput
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> QuerySet[StrategyPlan]:
        if getattr(self, "swagger_fake_view", False):
            return StrategyPlan.objects.none()
        plans = selectors.plan_list(municipality=self.get_municipality())
        return plans.prefetch_related("areas")


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Development areas of the municipality's plans",
        responses={200: AreaOutput(many=True), **ERRORS},
        examples=[OpenApiExample("An area", response_only=True, value=EXAMPLE_AREA)],
    ),
    retrieve=extend_schema(
        summary="One development area",
        parameters=[INT_ID],
        responses={200: AreaOutput, **ERRORS},
        examples=[OpenApiExample("An area", response_only=True, value=EXAMPLE_AREA)],
    ),
)
class AreaViewSet(_ReadOnly):
    queryset = DevelopmentArea.objects.none()
    serializer_class = AreaOutput

    def get_queryset(self) -> QuerySet[DevelopmentArea]:
        if getattr(self, "swagger_fake_view", False):
            return DevelopmentArea.objects.none()
        return DevelopmentArea.objects.filter(
            plan__municipality=self.get_municipality()
        ).select_related("plan")


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Programmes of the municipality's development areas",
        responses={200: ProgrammeOutput(many=True), **ERRORS},
        examples=[OpenApiExample("A programme", response_only=True, value=EXAMPLE_PROGRAMME)],
    ),
    retrieve=extend_schema(
        summary="One programme",
        parameters=[INT_ID],
        responses={200: ProgrammeOutput, **ERRORS},
        examples=[OpenApiExample("A programme", response_only=True, value=EXAMPLE_PROGRAMME)],
    ),
)
class ProgrammeViewSet(_ReadOnly):
    queryset = Programme.objects.none()
    serializer_class = ProgrammeOutput

    def get_queryset(self) -> QuerySet[Programme]:
        if getattr(self, "swagger_fake_view", False):
            return Programme.objects.none()
        return Programme.objects.filter(area__plan__municipality=self.get_municipality()).order_by(
            "area__plan", "area__order", "order", "title"
        )


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Initiatives of the portfolio, filterable by plan, unit, status and RAG",
        parameters=[InitiativeListFilter],
        responses={200: InitiativeOutput(many=True), **ERRORS},
        examples=[OpenApiExample("An initiative", response_only=True, value=EXAMPLE_INITIATIVE)],
    ),
    retrieve=extend_schema(
        summary="One initiative",
        parameters=[UUID_ID],
        responses={200: InitiativeOutput, **ERRORS},
        examples=[OpenApiExample("An initiative", response_only=True, value=EXAMPLE_INITIATIVE)],
    ),
)
class InitiativeViewSet(_ReadOnly):
    """Initiatives with owner, period, `status` and red/amber/green (`rag`)."""

    queryset = Initiative.objects.none()
    serializer_class = InitiativeOutput
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    @property
    def write_permission(self) -> str | None:
        # Changing one initiative is checked on the object in `partial_update`.
        return "strategy.manage_portfolio" if self.action == "create" else None

    def get_queryset(self) -> QuerySet[Initiative]:
        if getattr(self, "swagger_fake_view", False):
            return Initiative.objects.none()
        municipality = self.get_municipality()
        qs = selectors.initiative_list(municipality=municipality)
        if self.action == "list":
            form = InitiativeListFilter(data=self.request.query_params)
            form.is_valid(raise_exception=True)
            data = form.validated_data
            if data.get("plan"):
                qs = qs.filter(programme__area__plan__public_id=data["plan"])
            if data.get("unit"):
                qs = qs.filter(owner_unit__slug=data["unit"])
            if data.get("status"):
                qs = qs.filter(status=data["status"])
            if data.get("rag"):
                qs = qs.filter(rag=data["rag"])
        return qs

    @extend_schema(
        summary="Create an initiative",
        request=InitiativeInput,
        responses={201: InitiativeOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "A new initiative",
                request_only=True,
                value={
                    "programme": 12,
                    "title": "Digital selvbetjening af affaldsordninger",
                    "owner_unit": "affald-og-genbrug",
                    "status": "planned",
                },
            ),
            OpenApiExample(
                "Created", response_only=True, status_codes=["201"], value=EXAMPLE_INITIATIVE
            ),
        ],
    )
    def create(self, request: Request) -> Response:
        municipality = self.get_municipality()
        form = InitiativeInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        programme = Programme.objects.filter(
            pk=data.pop("programme"), area__plan__municipality=municipality
        ).first()
        if programme is None:
            raise exceptions.ValidationError({"programme": [_("Unknown programme.")]})
        data["owner_unit"] = _unit(municipality, data.get("owner_unit"))
        data["owner"] = _owner(municipality, data.get("owner"))
        initiative = _call(
            services.initiative_create,
            actor=request.user,
            municipality=municipality,
            programme=programme,
            **data,
        )
        fresh = selectors.initiative_get(municipality=municipality, public_id=initiative.public_id)
        return Response(InitiativeOutput(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an initiative's status and red/amber/green",
        parameters=[UUID_ID],
        request=InitiativeStatusInput,
        responses={200: InitiativeOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "Amber with a comment",
                request_only=True,
                value={"rag": "amber", "rag_comment": "Leverandøren er forsinket."},
            ),
            OpenApiExample("Changed", response_only=True, value=EXAMPLE_INITIATIVE),
        ],
    )
    def partial_update(self, request: Request, id: str) -> Response:
        municipality = self.get_municipality()
        initiative = self.get_object()
        if not request.user.has_perm("strategy.change_initiative", initiative):
            raise exceptions.PermissionDenied
        form = InitiativeStatusInput(data=request.data)
        form.is_valid(raise_exception=True)
        _call(
            services.initiative_update,
            actor=request.user,
            municipality=municipality,
            initiative=initiative,
            **form.validated_data,
        )
        fresh = selectors.initiative_get(municipality=municipality, public_id=initiative.public_id)
        return Response(InitiativeOutput(fresh).data)


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Review rounds with their items, newest first",
        responses={200: ReviewRoundOutput(many=True), **ERRORS},
        examples=[OpenApiExample("A round", response_only=True, value=EXAMPLE_ROUND)],
    ),
    retrieve=extend_schema(
        summary="One review round with its items",
        parameters=[UUID_ID],
        responses={200: ReviewRoundOutput, **ERRORS},
        examples=[OpenApiExample("A round", response_only=True, value=EXAMPLE_ROUND)],
    ),
)
class ReviewRoundViewSet(_ReadOnly):
    """Review rounds: open one, post owners' updates and the directors' decisions."""

    queryset = ReviewRound.objects.none()
    serializer_class = ReviewRoundOutput
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    @property
    def write_permission(self) -> str | None:
        return {"create": "strategy.manage_rounds", "decide": "strategy.decide"}.get(
            self.action or ""
        )

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.lookup_url_kwarg and self.lookup_url_kwarg in self.kwargs:
            self.get_object()  # another municipality's round: 404 for every method

    def get_queryset(self) -> QuerySet[ReviewRound]:
        if getattr(self, "swagger_fake_view", False):
            return ReviewRound.objects.none()
        items = ReviewItem.objects.select_related("initiative").order_by("initiative__title")
        return (
            ReviewRound.objects.filter(municipality=self.get_municipality())
            .select_related("plan")
            .prefetch_related(Prefetch("items", queryset=items))
        )

    def _answer(self, review_round: ReviewRound, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=review_round.pk)
        return Response(ReviewRoundOutput(fresh).data, status=code)

    def _item(self, review_round: ReviewRound, public_id: Any) -> ReviewItem:
        item = selectors.review_item_get(
            municipality=self.get_municipality(), review_round=review_round, public_id=public_id
        )
        if item is None:
            raise exceptions.ValidationError({"item": [_("Unknown item.")]})
        return item

    @extend_schema(
        summary="Open a review round: one item per active initiative; owners are asked",
        request=ReviewRoundInput,
        responses={201: ReviewRoundOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "May 2027",
                request_only=True,
                value={
                    "plan": "0b9d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4",
                    "title": "Maj 2027",
                    "deadline": "2027-05-07",
                    "meeting_on": "2027-05-19",
                },
            ),
            OpenApiExample("Opened", response_only=True, status_codes=["201"], value=EXAMPLE_ROUND),
        ],
    )
    def create(self, request: Request) -> Response:
        municipality = self.get_municipality()
        form = ReviewRoundInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        plan = selectors.plan_get(municipality=municipality, public_id=data.pop("plan"))
        if plan is None:
            raise exceptions.ValidationError({"plan": [_("Unknown plan.")]})
        review_round = _call(
            services.review_round_open,
            actor=request.user,
            municipality=municipality,
            plan=plan,
            **data,
        )
        return self._answer(review_round, status.HTTP_201_CREATED)

    @extend_schema(
        summary="The owner's update of one item",
        parameters=[UUID_ID],
        request=ReviewItemUpdateInput,
        responses={200: ReviewItemOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "An update",
                request_only=True,
                value={
                    "item": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
                    "status": "active",
                    "rag": "amber",
                    "progress": "Pilot i to distrikter er i gang.",
                    "proposed_decision": "continue",
                },
            ),
            OpenApiExample("Updated", response_only=True, value=EXAMPLE_ITEM),
        ],
    )
    @action(detail=True, methods=["post"], url_path="update")
    def update_item(self, request: Request, id: str) -> Response:
        review_round = self.get_object()
        form = ReviewItemUpdateInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        item = self._item(review_round, data.pop("item"))
        if not request.user.has_perm("strategy.update_review_item", item):
            raise exceptions.PermissionDenied
        item = _call(
            services.review_item_update,
            actor=request.user,
            municipality=self.get_municipality(),
            item=item,
            **data,
        )
        return Response(ReviewItemOutput(self._item(review_round, item.public_id)).data)

    @extend_schema(
        summary="The directors' decision on one item (`stop` needs a reason)",
        parameters=[UUID_ID],
        request=DecisionInput,
        responses={200: ReviewItemOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "Stop with a reason",
                request_only=True,
                value={
                    "item": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
                    "decision": "stop",
                    "reason": "Effekten kan ikke dokumenteres.",
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, id: str) -> Response:
        review_round = self.get_object()
        form = DecisionInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        item = _call(
            services.review_item_decide,
            actor=request.user,
            municipality=self.get_municipality(),
            item=self._item(review_round, data["item"]),
            decision=data["decision"],
            reason=data["reason"],
        )
        return Response(ReviewItemOutput(self._item(review_round, item.public_id)).data)
