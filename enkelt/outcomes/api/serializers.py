"""Explicit input and output serializers of `assessments/` (field names per contract.md).

`id` is the assessment's public UUID, `scheme` the scheme's short name,
`subject` the course's pseudonym, `scores` one entry per factor (`factor` is the
factor's order number in the scheme). Notes are accepted but never sent back.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enkelt.outcomes.models import Kind


class ScoreOutput(serializers.Serializer):
    factor = serializers.IntegerField(source="factor.order")
    label = serializers.CharField(source="factor.label")  # type: ignore[assignment]
    value = serializers.IntegerField()
    goal = serializers.IntegerField(allow_null=True)


class AssessmentOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    scheme = serializers.SlugField(source="course.scheme.slug")
    subject = serializers.CharField(source="course.pseudonym", help_text=_("The pseudonym."))
    unit = serializers.SlugField(source="course.unit.slug")
    kind = serializers.ChoiceField(choices=Kind.choices)
    date = serializers.DateField()
    scores = ScoreOutput(many=True)


class ScoreInput(serializers.Serializer):
    factor = serializers.IntegerField(min_value=1, help_text=_("The factor's order number."))
    value = serializers.IntegerField()
    goal = serializers.IntegerField(required=False, allow_null=True, default=None)


class AssessmentInput(serializers.Serializer):
    scheme = serializers.SlugField()
    subject = serializers.CharField(max_length=20)
    kind = serializers.ChoiceField(choices=Kind.choices)
    date = serializers.DateField()
    scores = ScoreInput(many=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)

    def validate_scores(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        factors = [item["factor"] for item in value]
        if len(set(factors)) != len(factors):
            raise serializers.ValidationError(_("Each factor may appear only once."))
        return value


class AssessmentListFilter(serializers.Serializer):
    subject = serializers.CharField(required=False, max_length=20)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    scheme = serializers.SlugField(required=False)


class AggregateFilter(serializers.Serializer):
    scheme = serializers.SlugField(required=False)
    unit = serializers.SlugField(required=False, help_text=_("Slug of a unit; with sub-units."))
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class CellOutput(serializers.Serializer):
    factor = serializers.IntegerField()
    suppressed = serializers.BooleanField(help_text=_("True when fewer than 5 courses."))
    n = serializers.IntegerField(allow_null=True)
    share_improved = serializers.DecimalField(5, 1, allow_null=True, coerce_to_string=False)
    share_unchanged = serializers.DecimalField(5, 1, allow_null=True, coerce_to_string=False)
    share_worsened = serializers.DecimalField(5, 1, allow_null=True, coerce_to_string=False)
    mean_change = serializers.DecimalField(6, 2, allow_null=True, coerce_to_string=False)
    share_goals_met = serializers.DecimalField(5, 1, allow_null=True, coerce_to_string=False)


class UnitAggregateOutput(serializers.Serializer):
    unit = serializers.SlugField(allow_null=True)
    courses = serializers.IntegerField(allow_null=True)
    follow_up_compliance = serializers.DecimalField(5, 1, allow_null=True, coerce_to_string=False)
    cells = CellOutput(many=True)


class AggregatesOutput(serializers.Serializer):
    scheme = serializers.SlugField()
    scope = UnitAggregateOutput()
    children = UnitAggregateOutput(many=True)
