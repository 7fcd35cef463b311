"""Explicit input and output serializers of `cases/`, `exemptions/` and `funnel/`.

Field names follow contract.md: `id` is the public UUID, `rule` the rule's
public UUID, `submissions` the public UUIDs of the linked hassle submissions.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enkelt.simplification.models import (
    DecisionLevel,
    ExemptionApplication,
    Outcome,
    Stage,
)
from enkelt.simplification.texts import TEXT_MAX_LENGTH


def _hours(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=False, **kwargs
    )


class CaseOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    rule = serializers.UUIDField(source="rule.public_id")
    rule_title = serializers.CharField(source="rule.title")
    stage = serializers.ChoiceField(choices=Stage.choices)
    outcome = serializers.SerializerMethodField()
    reason = serializers.CharField()
    decision_level = serializers.CharField(help_text=_("Empty until decided."))
    decided_on = serializers.DateField(allow_null=True)
    implement_by = serializers.DateField(allow_null=True)
    flagged_on = serializers.DateField()
    expected_freed_hours_per_year = _hours(allow_null=True)
    realised_freed_hours_per_year = _hours(allow_null=True)
    freed_time_used_for = serializers.CharField()
    submissions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=Outcome.choices, allow_null=True))
    def get_outcome(self, case: Any) -> str | None:
        return case.outcome or None

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_submissions(self, case: Any) -> list[str]:
        flags = getattr(case, "submission_flags", None)
        if flags is None:
            flags = case.flags.filter(submission__isnull=False).select_related("submission")
        return [str(flag.submission.public_id) for flag in flags]


class CaseListFilter(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    unit = serializers.SlugField(required=False, help_text=_("Slug of the rule's owner unit."))


class SelectInput(serializers.Serializer):
    campaign = serializers.UUIDField(required=False, allow_null=True, default=None)


class ScenarioLineInput(serializers.Serializer):
    activity = serializers.IntegerField(help_text=_("Id of one of the rule's activities."))
    population = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    frequency_per_year = serializers.DecimalField(max_digits=10, decimal_places=4, min_value=0)
    minutes_per_occurrence = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    business_as_usual_share = serializers.DecimalField(
        max_digits=5, decimal_places=4, min_value=0, max_value=1, default=Decimal(0)
    )


class ExemptionDraftInput(serializers.Serializer):
    provision = serializers.CharField(allow_blank=True, default="", max_length=200)
    ministry = serializers.CharField(allow_blank=True, default="", max_length=200)
    instrument = serializers.ChoiceField(
        choices=ExemptionApplication.Instrument.choices,
        default=ExemptionApplication.Instrument.CHALLENGE_RIGHT,
    )


class DecideInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    reason = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Required when the outcome is kept."),
    )
    decision_level = serializers.ChoiceField(
        choices=DecisionLevel.choices, allow_blank=True, default=""
    )
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    implement_by = serializers.DateField(required=False, allow_null=True, default=None)
    scenario = ScenarioLineInput(
        many=True,
        required=False,
        help_text=_("Activities as they will be after an abolished or streamlined decision."),
    )
    exemption = ExemptionDraftInput(required=False, help_text=_("For escalated."))


class ExemptionOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    case = serializers.UUIDField(source="case.public_id")
    rule = serializers.UUIDField(source="rule.public_id")
    ministry = serializers.CharField()
    provision = serializers.CharField()
    instrument = serializers.ChoiceField(choices=ExemptionApplication.Instrument.choices)
    status = serializers.ChoiceField(choices=ExemptionApplication.Status.choices)
    answer = serializers.CharField()
    submitted_on = serializers.DateField(allow_null=True)
    trial_start = serializers.DateField(allow_null=True)
    trial_end = serializers.DateField(allow_null=True)


class ExemptionListFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=ExemptionApplication.Status.choices, required=False)


class FunnelFilter(serializers.Serializer):
    # `from` is a Python keyword: the query parameter is renamed in the view.
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    unit = serializers.SlugField(required=False)


class FreedHoursOutput(serializers.Serializer):
    expected = _hours(help_text=_("Sum of the decisions' scenarios."))
    realised = _hours(help_text=_("Sum recorded at follow-up."))


class FunnelOutput(serializers.Serializer):
    flagged = serializers.IntegerField()
    selected = serializers.IntegerField()
    abolished = serializers.IntegerField()
    streamlined = serializers.IntegerField()
    kept = serializers.IntegerField()
    escalated = serializers.IntegerField()
    not_handled = serializers.IntegerField()
    awaiting_decision = serializers.IntegerField(help_text=_("Selected, not yet decided."))
    freed_hours_per_year = FreedHoursOutput()
