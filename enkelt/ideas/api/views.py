"""`/api/v1/ideas/`: ideas with their stage, and the `transition` action.

Scoped by `MunicipalityScopedMixin` (`?municipality=`, another one answers 404).
Reading needs `ideas.view_board` (leaders see every idea, guides their scope);
one idea needs `ideas.view_idea`, moving it `ideas.develop_idea`. Ideas outside
the caller's scope are not found.
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
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from enkelt.accounts.models import User
from enkelt.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.ideas import selectors, services
from enkelt.ideas.api.serializers import IdeaListFilter, IdeaOutput, IdeaTransitionInput
from enkelt.ideas.error_codes import CONFLICTS, IdeaError
from enkelt.ideas.models import IdeaDevelopment
from enkelt.submissions.api.serializers import ErrorOutput
from enkelt.submissions.models import Submission
from enkelt.tenants.models import Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)

EXAMPLE_IDEA = {
    "id": "8d2e0c4b-3f6a-4b1e-9c2d-7a5b1e0f9c31",
    "tracking_code": "IDE-4K7",
    "title": "Fælles kalender for hjemmeplejens ruter",
    "description": "Ruterne planlægges i tre systemer.",
    "suggestion": "Én delt kalender, som alle teams kan se.",
    "unit": "strategi-og-udvikling",
    "stage": "in_development",
    "reason": "",
    "guide": "medarbejder",
    "people": "Social- og sundhedsassistent, planlægger",
    "initiative": None,
    "case": None,
    "created_at": "2026-03-04T09:15:00+01:00",
    "stage_changed_at": "2026-03-20T13:40:00+01:00",
}


class IdeaRefused(exceptions.APIException):
    status_code: int = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, error: IdeaError) -> None:
        super().__init__(detail=str(error.message), code=str(error.code))
        if error.code in CONFLICTS:
            self.status_code = status.HTTP_409_CONFLICT


class CanSeeIdeas(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user.has_perm("ideas.view_board", view.get_municipality()))


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Ideas the caller may see, newest first",
        parameters=[IdeaListFilter],
        responses={200: IdeaOutput(many=True), 400: ErrorOutput},
    ),
    retrieve=extend_schema(
        summary="One idea by its id (the submission's id)",
        parameters=[OpenApiParameter("idea_id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: IdeaOutput, 404: ErrorOutput},
        examples=[OpenApiExample("An idea", value=EXAMPLE_IDEA, response_only=True)],
    ),
)
class IdeaViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Ideas from citizens and employees and their way through the stages."""

    queryset = IdeaDevelopment.objects.none()  # the model, for the isolation walker
    serializer_class = IdeaOutput
    permission_classes = [IsAuthenticated, CanSeeIdeas]
    lookup_url_kwarg = "idea_id"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.lookup_url_kwarg in self.kwargs:
            # Another municipality's idea is "not found" for every method, rather
            # than "method not allowed" on the POST-only action route.
            self.get_object()

    def _is_leader(self) -> bool:
        return bool(self.request.user.has_perm("ideas.assign_guide", self.get_municipality()))

    def get_queryset(self) -> QuerySet[Submission]:  # type: ignore[override]
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        municipality = self.get_municipality()
        if self.action != "list":
            return selectors.idea_list(
                municipality=municipality, viewer=self.request.user, is_leader=self._is_leader()
            )
        form = IdeaListFilter(data=self.request.query_params)
        form.is_valid(raise_exception=True)
        filters = form.validated_data
        unit = guide = None
        if filters.get("unit"):
            unit = Unit.objects.filter(municipality=municipality, slug=filters["unit"]).first()
            if unit is None:
                raise exceptions.ValidationError({"unit": [_("Unknown unit.")]})
        if filters.get("guide"):
            guide = User.objects.filter(
                username=filters["guide"], idea_guide_roles__municipality=municipality
            ).first()
            if guide is None:
                raise exceptions.ValidationError({"guide": [_("Unknown idea guide.")]})
        return selectors.idea_list(
            municipality=municipality,
            viewer=self.request.user,
            unit=unit,
            guide=guide,
            stage=filters.get("stage"),
            is_leader=self._is_leader(),
        ).select_related("idea_development__initiative", "idea_development__case")

    def get_object(self) -> Submission:  # type: ignore[override]
        if not hasattr(self, "_idea"):
            key = self.kwargs.get(self.lookup_url_kwarg, "")
            idea = selectors.idea_get(municipality=self.get_municipality(), public_id=key)
            if idea is None or not self.request.user.has_perm("ideas.view_idea", idea):
                raise exceptions.NotFound(code="not_found")
            self._idea: Submission = idea
        return self._idea

    @extend_schema(
        summary="Move the idea to another stage; the submitter is told",
        parameters=[
            IDEMPOTENCY_KEY_PARAMETER,
            OpenApiParameter("idea_id", OpenApiTypes.UUID, OpenApiParameter.PATH),
        ],
        request=IdeaTransitionInput,
        responses={200: IdeaOutput, 400: ErrorOutput, 404: ErrorOutput, 409: ErrorOutput},
        examples=[
            OpenApiExample(
                "Start developing",
                request_only=True,
                value={"stage": "in_development", "note": "Afprøves i Hjemmeplejen Vest."},
            ),
            OpenApiExample(
                "Not pursued",
                request_only=True,
                value={"stage": "not_pursued", "reason": "Løses allerede af det nye fagsystem."},
            ),
            OpenApiExample("Moved", response_only=True, status_codes=["200"], value=EXAMPLE_IDEA),
            OpenApiExample(
                "transition_not_allowed",
                response_only=True,
                status_codes=["409"],
                value={
                    "code": "transition_not_allowed",
                    "message": "The idea cannot move to that stage from its current stage.",
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def transition(self, request: Request, idea_id: str) -> Response:
        idea = self.get_object()
        if not request.user.has_perm("ideas.develop_idea", idea):
            raise exceptions.NotFound(code="not_found")
        form = IdeaTransitionInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            services.idea_transition(
                actor=request.user,
                municipality=self.get_municipality(),
                submission=idea,
                to_stage=data["stage"],
                reason=data["reason"],
                note=data["note"],
                people=data.get("people"),
            )
        except IdeaError as error:
            raise IdeaRefused(error) from error
        moved = selectors.idea_get(municipality=self.get_municipality(), public_id=idea.public_id)
        return Response(IdeaOutput(moved or idea).data)
