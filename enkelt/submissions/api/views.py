"""Viewsets for `/api/v1/categories/` and `/api/v1/submissions/`.

Each endpoint parses its input with its own serializer, checks the permission
on the municipality resolved by `MunicipalityScopedMixin` (`?municipality=`,
another one answers 404), calls one selector or service, and answers with the
output serializer. Reads need `submissions.view_inbox`, writes
`submissions.handle_submission`.
"""

import uuid
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
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from enkelt.accounts.models import User
from enkelt.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotency_key_of, idempotent
from enkelt.api.scoping import MunicipalityScopedMixin
from enkelt.submissions import selectors, services
from enkelt.submissions.api.errors import service_errors
from enkelt.submissions.api.serializers import (
    AnswerInput,
    AssignInput,
    CategoryOutput,
    ErrorOutput,
    MergeInput,
    SubmissionCreateInput,
    SubmissionListFilter,
    SubmissionOutput,
    TransitionInput,
)
from enkelt.submissions.models import AnswerTemplate, Category, Kind, Submission
from enkelt.tenants.access import is_staff_of
from enkelt.tenants.models import Municipality, Unit

MUNICIPALITY_PARAM = OpenApiParameter(
    "municipality", str, description="Slug of a municipality the caller may see; default: own."
)
ERRORS: dict[int, Any] = {400: ErrorOutput, 404: ErrorOutput}
ACTION_ERRORS: dict[int, Any] = {400: ErrorOutput, 404: ErrorOutput, 409: ErrorOutput}

EXAMPLE_SUBMISSION = {
    "id": "3f1c9a52-5d4b-4f7e-9d7c-2a1b0c9d8e7f",
    "tracking_code": "K7M-4QX",
    "kind": "fault",
    "category": "huller-i-vejen",
    "title": "Hul i vejen ved skolen",
    "description": "Et dybt hul i cykelstien ud for nr. 12.",
    "suggestion": "",
    "status": "in_progress",
    "rejection_reason": "",
    "public_answer": "",
    "lat": 55.716,
    "lon": 11.713,
    "address": "Skolevej 12, 4300 Holbæk",
    "created_at": "2025-03-04T09:15:00+01:00",
    "answered_at": None,
    "unit": "vej-og-park",
    "assignee": "medarbejder",
    "due_at": "2025-03-18",
    "channel": "api",
    "employee_mode": "",
    "merged_into": None,
}


def _error_example(code: str, message: str, status_code: int) -> OpenApiExample:
    return OpenApiExample(
        code,
        value={"code": code, "message": message},
        response_only=True,
        status_codes=[str(status_code)],
    )


class MunicipalityStaff(BasePermission):
    """Staff of the resolved municipality (resolving answers 404 for any other)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_staff_of(request.user, view.get_municipality())


class CanHandleSubmissions(BasePermission):
    """`view_inbox` to read, `handle_submission` to write, in the resolved municipality."""

    def has_permission(self, request: Any, view: Any) -> bool:
        municipality = view.get_municipality()
        perm = (
            "submissions.view_inbox"
            if request.method in SAFE_METHODS
            else "submissions.handle_submission"
        )
        return bool(request.user.has_perm(perm, municipality))


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Categories of the municipality",
        parameters=[OpenApiParameter("kind", str, enum=Kind.values)],
    ),
    retrieve=extend_schema(summary="One category by its code", responses={200: CategoryOutput}),
)
class CategoryViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Active categories with their extra questions, for staff of the municipality."""

    queryset = Category.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = CategoryOutput
    permission_classes = [IsAuthenticated, MunicipalityStaff]
    lookup_field = "code"
    lookup_url_kwarg = "category_code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[Category]:
        if getattr(self, "swagger_fake_view", False):
            return Category.objects.none()
        kind = self.request.query_params.get("kind") if self.action == "list" else None
        return selectors.category_list(
            municipality=self.get_municipality(), kind=kind if kind in Kind.values else None
        )


@extend_schema(parameters=[MUNICIPALITY_PARAM])
@extend_schema_view(
    list=extend_schema(
        summary="Submissions of the municipality, newest first",
        parameters=[
            OpenApiParameter("status", str, enum=Submission.Status.values),
            OpenApiParameter("kind", str, enum=Kind.values),
            OpenApiParameter("category", str, description="Category code."),
            OpenApiParameter("unit", str, description="Slug of the responsible unit."),
            OpenApiParameter(
                "q", str, description="Tracking code, or words in title, text or address."
            ),
        ],
        responses={200: SubmissionOutput(many=True), 400: ErrorOutput},
    ),
    retrieve=extend_schema(
        summary="One submission by its id",
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: SubmissionOutput, 404: ErrorOutput},
    ),
)
class SubmissionViewSet(
    MunicipalityScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Faults, hassle and ideas: read, create, and move them along with the actions."""

    queryset = Submission.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = SubmissionOutput
    permission_classes = [IsAuthenticated, CanHandleSubmissions]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"  # a malformed id is simply not found (DRF's get_object_or_404)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.lookup_url_kwarg in self.kwargs:
            # Load the submission before the method is dispatched: another
            # municipality's submission is "not found" for every method, rather
            # than "method not allowed" on the POST-only action routes.
            self.get_object()

    def get_object(self) -> Submission:
        if not hasattr(self, "_submission"):
            self._submission: Submission = super().get_object()
        return self._submission

    def get_queryset(self) -> QuerySet[Submission]:
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        municipality = self.get_municipality()
        if self.action != "list":
            return selectors.inbox(municipality=municipality)
        form = SubmissionListFilter(data=self.request.query_params)
        form.is_valid(raise_exception=True)
        filters = form.validated_data
        return selectors.inbox(
            municipality=municipality,
            status=filters.get("status"),
            kind=filters.get("kind"),
            category=self._category(municipality, filters.get("category"), "category"),
            unit=self._unit(municipality, filters.get("unit"), "unit"),
            q=filters.get("q"),
        )

    # -- input lookups: scoped to the municipality; unknown keys are field errors --

    @staticmethod
    def _category(municipality: Municipality, code: str | None, field: str) -> Category | None:
        if not code:
            return None
        category = Category.objects.filter(municipality=municipality, code=code).first()
        if category is None:
            raise exceptions.ValidationError({field: [_("Unknown category.")]})
        return category

    @staticmethod
    def _unit(municipality: Municipality, slug: str | None, field: str) -> Unit | None:
        if not slug:
            return None
        unit = Unit.objects.filter(municipality=municipality, slug=slug).first()
        if unit is None:
            raise exceptions.ValidationError({field: [_("Unknown unit.")]})
        return unit

    @staticmethod
    def _assignee(municipality: Municipality, username: str) -> User:
        user = User.objects.filter(
            username=username, membership__municipality=municipality, is_active=True
        ).first()
        if user is None:
            raise exceptions.ValidationError({"assignee": [_("Unknown case worker.")]})
        return user

    def _submission_by_key(self, municipality: Municipality, key: str) -> Submission:
        """A tracking code or an id, as `merge` accepts either."""
        try:
            found = selectors.submission_get(municipality=municipality, public_id=uuid.UUID(key))
        except ValueError:
            found = selectors.submission_get_by_tracking_code(
                municipality=municipality, tracking_code=key
            )
        if found is None:
            raise exceptions.ValidationError({"into": [_("Unknown submission.")]})
        return found

    def _template(self, municipality: Municipality, pk: int) -> AnswerTemplate:
        template = AnswerTemplate.objects.filter(
            municipality=municipality, pk=pk, is_active=True
        ).first()
        if template is None:
            raise exceptions.ValidationError({"template": [_("Unknown answer template.")]})
        return template

    def _answer(self, submission: Submission, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(SubmissionOutput(submission).data, status=status_code)

    # -- create --

    @extend_schema(
        summary="Send in a submission (channel api)",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=SubmissionCreateInput,
        responses={201: SubmissionOutput, **ERRORS},
        examples=[
            OpenApiExample(
                "A fault with a position",
                request_only=True,
                value={
                    "category": "huller-i-vejen",
                    "title": "Hul i vejen ved skolen",
                    "description": "Et dybt hul i cykelstien ud for nr. 12.",
                    "lat": 55.716,
                    "lon": 11.713,
                    "address": "Skolevej 12, 4300 Holbæk",
                    "contact_email": "borger@example.org",
                },
            ),
            OpenApiExample(
                "Created", response_only=True, status_codes=["201"], value=EXAMPLE_SUBMISSION
            ),
            OpenApiExample(
                "Invalid input",
                response_only=True,
                status_codes=["400"],
                value={
                    "code": "invalid",
                    "message": "The input is not valid; see the fields.",
                    "fields": {"lat": ["The position is outside Denmark."]},
                },
            ),
        ],
    )
    @idempotent
    def create(self, request: Request) -> Response:
        municipality = self.get_municipality()
        form = SubmissionCreateInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        category = selectors.category_get(municipality=municipality, code=data.pop("category"))
        if category is None:
            raise exceptions.ValidationError({"category": [_("Unknown category.")]})
        with service_errors():
            submission = services.submission_create(
                actor=request.user,
                municipality=municipality,
                category=category,
                channel=Submission.Channel.API,
                idempotency_key=idempotency_key_of(request) or None,
                **data,
            )
        # Reload with the relations the output reads (one query, as in the list).
        created = selectors.submission_get(
            municipality=municipality, public_id=submission.public_id
        )
        return self._answer(created or submission, status.HTTP_201_CREATED)

    # -- actions --

    @extend_schema(
        summary="Move the submission to another status",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=TransitionInput,
        responses={200: SubmissionOutput, **ACTION_ERRORS},
        examples=[
            OpenApiExample(
                "Start work", request_only=True, value={"status": "in_progress", "note": ""}
            ),
            OpenApiExample(
                "Reject as not ours",
                request_only=True,
                value={
                    "status": "rejected",
                    "reason": "not_ours",
                    "note": "Vejdirektoratets vej.",
                },
            ),
            OpenApiExample(
                "Moved", response_only=True, status_codes=["200"], value=EXAMPLE_SUBMISSION
            ),
            _error_example(
                "transition_not_allowed",
                "The submission cannot move to that status from its current status.",
                409,
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def transition(self, request: Request, id: str) -> Response:
        form = TransitionInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        with service_errors():
            submission = services.submission_transition(
                actor=request.user,
                municipality=self.get_municipality(),
                submission=self.get_object(),
                to_status=data["status"],
                reason=data["reason"],
                note=data["note"],
                note_is_public=data["note_is_public"],
            )
        return self._answer(submission)

    @extend_schema(
        summary="Answer the submitter (and merged submitters)",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=AnswerInput,
        responses={200: SubmissionOutput, **ACTION_ERRORS},
        examples=[
            OpenApiExample(
                "Written answer",
                request_only=True,
                value={"text": "Tak for din henvendelse. Hullet er lappet."},
            ),
            OpenApiExample("From a template", request_only=True, value={"template": 3}),
            OpenApiExample(
                "Answered",
                response_only=True,
                status_codes=["200"],
                value={
                    **EXAMPLE_SUBMISSION,
                    "status": "answered",
                    "public_answer": "Tak for din henvendelse. Hullet er lappet.",
                    "answered_at": "2025-03-06T14:02:00+01:00",
                },
            ),
            _error_example("empty_text", "Write a text.", 400),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def answer(self, request: Request, id: str) -> Response:
        form = AnswerInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        municipality = self.get_municipality()
        submission = self.get_object()
        text, set_status, reason = data["text"], Submission.Status.ANSWERED.value, ""
        if data["template"] is not None:
            template = self._template(municipality, data["template"])
            text = text if text.strip() else template.text_for(submission.language)
            set_status, reason = template.set_status, template.rejection_reason
        with service_errors():
            submission = services.submission_answer(
                actor=request.user,
                municipality=municipality,
                submission=submission,
                text=text,
                set_status=set_status,
                reason=reason,
            )
        return self._answer(submission)

    @extend_schema(
        summary="Hand the submission to a unit and/or a case worker",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=AssignInput,
        responses={200: SubmissionOutput, **ACTION_ERRORS},
        examples=[
            OpenApiExample(
                "To a unit and a person",
                request_only=True,
                value={"unit": "vej-og-park", "assignee": "medarbejder"},
            ),
            OpenApiExample("Remove the case worker", request_only=True, value={"assignee": None}),
            OpenApiExample(
                "Assigned", response_only=True, status_codes=["200"], value=EXAMPLE_SUBMISSION
            ),
            _error_example("nothing_to_assign", "Choose a unit or a person.", 400),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def assign(self, request: Request, id: str) -> Response:
        form = AssignInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        municipality = self.get_municipality()
        unit = self._unit(municipality, data.get("unit"), "unit")
        username = data.get("assignee")
        assignee = self._assignee(municipality, username) if username else None
        with service_errors():
            submission = services.submission_assign(
                actor=request.user,
                municipality=municipality,
                submission=self.get_object(),
                unit=unit,
                assignee=assignee,
                clear_assignee="assignee" in data and username is None,
            )
        return self._answer(submission)

    @extend_schema(
        summary="Merge this submission, a duplicate, into another one",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=MergeInput,
        responses={200: SubmissionOutput, **ACTION_ERRORS},
        examples=[
            OpenApiExample("By tracking code", request_only=True, value={"into": "K7M-4QX"}),
            OpenApiExample(
                "By id",
                request_only=True,
                value={"into": "3f1c9a52-5d4b-4f7e-9d7c-2a1b0c9d8e7f"},
            ),
            OpenApiExample(
                "Merged",
                response_only=True,
                status_codes=["200"],
                value={
                    **EXAMPLE_SUBMISSION,
                    "status": "rejected",
                    "rejection_reason": "duplicate",
                    "merged_into": "3f1c9a52-5d4b-4f7e-9d7c-2a1b0c9d8e7f",
                },
            ),
            _error_example("merge_into_self", "A submission cannot be merged into itself.", 400),
            _error_example("already_merged", "The submission has already been merged.", 409),
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def merge(self, request: Request, id: str) -> Response:
        form = MergeInput(data=request.data)
        form.is_valid(raise_exception=True)
        municipality = self.get_municipality()
        into = self._submission_by_key(municipality, form.validated_data["into"])
        with service_errors():
            duplicate = services.submission_merge(
                actor=request.user,
                municipality=municipality,
                duplicate=self.get_object(),
                into=into,
            )
        return self._answer(duplicate)
