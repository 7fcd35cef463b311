"""Input and output serializers of `/api/v1/rules/` (field names fixed by contract.md).

`id` is the rule's public UUID, `owner_unit` the unit's slug; `burden` is read-only
and computed by the Standard Cost Model from the activities. Numbers are JSON
numbers. Inputs only parse: the services decide what is allowed.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enkelt.regulations.models import Activity, Rule


def _number(max_digits: int, places: int, **kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=max_digits, decimal_places=places, coerce_to_string=False, **kwargs
    )


class BurdenOutput(serializers.Serializer):
    hours_per_year = _number(16, 2)
    cost_per_year = _number(16, 2, help_text=_("DKK per year."))
    fte = _number(16, 4, help_text=_("Full-time equivalents."))


class ActivityOutput(serializers.Serializer):
    name = serializers.CharField()
    population = _number(14, 2)
    frequency_per_year = _number(10, 4)
    minutes_per_occurrence = _number(10, 2)
    hourly_tariff = _number(
        8, 2, allow_null=True, help_text=_("Override; null: job family or default.")
    )
    external_cost_per_occurrence = _number(12, 2)
    business_as_usual_share = _number(5, 4)
    job_family = serializers.CharField(source="job_family.name", allow_null=True, default=None)
    source = serializers.ChoiceField(choices=Activity.Source.choices)  # type: ignore[assignment]  # Field.source
    confidence = serializers.ChoiceField(choices=Activity.Confidence.choices)


class RuleOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Rule.Kind.choices)
    origin = serializers.ChoiceField(choices=Rule.Origin.choices)
    legal_reference = serializers.CharField()
    legal_reference_url = serializers.CharField()
    owner_unit = serializers.CharField(source="owner_unit.slug", allow_null=True, default=None)
    status = serializers.ChoiceField(choices=Rule.Status.choices)
    purpose = serializers.CharField()
    review_by = serializers.DateField(allow_null=True)
    activities = ActivityOutput(many=True)
    burden = serializers.SerializerMethodField()

    @extend_schema_field(BurdenOutput)
    def get_burden(self, rule: Rule) -> dict[str, Decimal]:
        return BurdenOutput(  # type: ignore[return-value]
            {
                "hours_per_year": rule.hours_per_year,
                "cost_per_year": rule.cost_per_year,
                "fte": rule.fte,
            }
        ).data


class ActivityInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    population = _number(14, 2, min_value=Decimal(0))
    frequency_per_year = _number(10, 4, min_value=Decimal(0))
    minutes_per_occurrence = _number(10, 2, min_value=Decimal(0))
    hourly_tariff = _number(
        8, 2, min_value=Decimal(0), required=False, allow_null=True, default=None
    )
    external_cost_per_occurrence = _number(12, 2, min_value=Decimal(0), default=Decimal(0))
    business_as_usual_share = _number(
        5, 4, min_value=Decimal(0), max_value=Decimal(1), default=Decimal(0)
    )
    source = serializers.ChoiceField(  # type: ignore[assignment]  # Field.source
        choices=Activity.Source.choices, default=Activity.Source.ESTIMATE
    )
    confidence = serializers.ChoiceField(
        choices=Activity.Confidence.choices, default=Activity.Confidence.MEDIUM
    )


class RuleInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=Rule.Kind.choices)
    origin = serializers.ChoiceField(choices=Rule.Origin.choices)
    legal_reference = serializers.CharField(max_length=300, allow_blank=True, default="")
    legal_reference_url = serializers.URLField(max_length=500, allow_blank=True, default="")
    owner_unit = serializers.SlugField(
        allow_null=True, required=False, default=None, help_text=_("Slug of a unit.")
    )
    status = serializers.ChoiceField(choices=Rule.Status.choices, default=Rule.Status.ACTIVE)
    purpose = serializers.CharField(allow_blank=True, default="", max_length=10_000)
    text = serializers.CharField(allow_blank=True, default="", max_length=100_000)
    review_by = serializers.DateField(allow_null=True, required=False, default=None)
    activities = ActivityInput(many=True, required=False, help_text=_("Replaces all activities."))


class RuleListFilter(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Rule.Kind.choices, required=False)
    origin = serializers.ChoiceField(choices=Rule.Origin.choices, required=False)
    status = serializers.ChoiceField(choices=Rule.Status.choices, required=False)
    unit = serializers.SlugField(required=False)
    q = serializers.CharField(required=False, max_length=200)
    sort = serializers.ChoiceField(
        choices=["-hours", "hours", "-cost", "cost", "-fte", "title", "-title", "-flags"],
        required=False,
        default="-hours",
    )
