"""Explicit input and output serializers, one pair per operation (style.md).

Output field names follow contract.md (`id` is the submission's public UUID,
`category` the category's code, `unit` the unit's slug). Inputs only parse: the
services decide what is allowed.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enkelt.submissions.models import CategoryQuestion, Kind, Submission
from enkelt.submissions.services import NOTE_MAX_LENGTH

# ---------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------


class CategoryQuestionChoiceOutput(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class CategoryQuestionOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # Field.label in the stubs
    datatype = serializers.ChoiceField(choices=CategoryQuestion.Datatype.choices)
    required = serializers.BooleanField()  # type: ignore[assignment]  # Field.required
    choices = serializers.SerializerMethodField()

    @extend_schema_field(CategoryQuestionChoiceOutput(many=True))
    def get_choices(self, question: CategoryQuestion) -> list[dict[str, str]]:
        data = [
            {"key": str(choice.get("key")), "name": question.choice_name(choice)}
            for choice in question.choices or []
        ]
        return CategoryQuestionChoiceOutput(data, many=True).data  # type: ignore[return-value]


class CategoryOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text=_("In the language of the request."))
    kind = serializers.ChoiceField(choices=Kind.choices)
    unit = serializers.CharField(source="unit.slug", help_text=_("Slug of the responsible unit."))
    description = serializers.CharField()
    deadline_working_days = serializers.IntegerField()
    allow_anonymous = serializers.BooleanField()
    location_required = serializers.BooleanField()
    photo_required = serializers.BooleanField()
    questions = CategoryQuestionOutput(many=True)


# ---------------------------------------------------------------------------
# Submissions
# ---------------------------------------------------------------------------


class SubmissionOutput(serializers.Serializer):
    """A submission as case workers see it (contact details are left out of the API)."""

    id = serializers.UUIDField(source="public_id")
    tracking_code = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    category = serializers.CharField(source="category.code")
    title = serializers.CharField()
    description = serializers.CharField()
    suggestion = serializers.CharField()
    status = serializers.ChoiceField(choices=Submission.Status.choices)
    rejection_reason = serializers.CharField()
    public_answer = serializers.CharField()
    lat = serializers.FloatField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)
    address = serializers.CharField()
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    unit = serializers.CharField(source="unit.slug")
    assignee = serializers.CharField(
        source="assignee.username", allow_null=True, default=None, help_text=_("Username.")
    )
    due_at = serializers.DateField(allow_null=True)
    channel = serializers.ChoiceField(choices=Submission.Channel.choices)
    employee_mode = serializers.CharField(help_text=_("Empty, own_name, pseudonymous or internal."))
    merged_into = serializers.UUIDField(
        source="merged_into.public_id", allow_null=True, default=None
    )


class SubmissionListFilter(serializers.Serializer):
    """Query parameters of the list; unknown category or unit codes are a 400."""

    status = serializers.ChoiceField(choices=Submission.Status.choices, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    category = serializers.SlugField(required=False)
    unit = serializers.SlugField(required=False)
    q = serializers.CharField(required=False, max_length=200)


class SubmissionCreateInput(serializers.Serializer):
    category = serializers.SlugField(help_text=_("Code of an active category."))
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, default="", trim_whitespace=False)
    suggestion = serializers.CharField(allow_blank=True, default="", trim_whitespace=False)
    lat = serializers.FloatField(required=False, allow_null=True, default=None)
    lon = serializers.FloatField(required=False, allow_null=True, default=None)
    address = serializers.CharField(allow_blank=True, default="", max_length=300)
    postal_code = serializers.CharField(allow_blank=True, default="", max_length=4)
    contact_name = serializers.CharField(allow_blank=True, default="", max_length=200)
    contact_email = serializers.EmailField(allow_blank=True, default="")
    contact_phone = serializers.CharField(allow_blank=True, default="", max_length=40)
    is_anonymous = serializers.BooleanField(default=False)
    employee_mode = serializers.ChoiceField(
        choices=Submission.EmployeeMode.choices, allow_blank=True, default=""
    )
    answers = serializers.DictField(
        child=serializers.JSONField(), default=dict, help_text=_("Extra questions by code.")
    )
    language = serializers.ChoiceField(choices=["da", "en"], required=False)


class TransitionInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Submission.Status.choices)
    reason = serializers.ChoiceField(
        choices=Submission.RejectionReason.choices,
        allow_blank=True,
        default="",
        help_text=_("Required when the status is rejected."),
    )
    note = serializers.CharField(allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)
    note_is_public = serializers.BooleanField(default=False)


class AnswerInput(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=NOTE_MAX_LENGTH,
        help_text=_("The answer; may be left out when a template is given."),
    )
    template = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Id of an answer template: its text (unless `text` is given) and status."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["text"].strip() and attrs["template"] is None:
            raise serializers.ValidationError(
                {"text": _("Write an answer or choose a template.")}, code="required"
            )
        return attrs


class AssignInput(serializers.Serializer):
    unit = serializers.SlugField(required=False, help_text=_("Slug of a unit."))
    assignee = serializers.CharField(
        required=False,
        allow_null=True,
        help_text=_("Username of a case worker; null removes the case worker."),
    )


class MergeInput(serializers.Serializer):
    into = serializers.CharField(
        max_length=64, help_text=_("Tracking code or id of the submission to merge into.")
    )


class ErrorOutput(serializers.Serializer):
    """Every error of the API: a stable code, a message, and for `invalid` the fields."""

    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(  # type: ignore[assignment]  # Serializer.fields
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
