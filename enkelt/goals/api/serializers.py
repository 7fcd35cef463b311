"""Serializers of `/api/v1/agreements/` and `/api/v1/indicators/` (names per contract.md)."""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enkelt.goals.models import Goal, Indicator


class GoalLinkOutput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["initiative", "programme", "area", "parent_goal", "local"]
    )
    id = serializers.UUIDField(allow_null=True)
    title = serializers.CharField(allow_blank=True)


class GoalOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    description = serializers.CharField()
    link = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()

    @extend_schema_field(GoalLinkOutput)
    def get_link(self, goal: Goal) -> dict[str, Any]:
        if goal.initiative is not None:
            return {
                "kind": "initiative",
                "id": goal.initiative.public_id,
                "title": goal.initiative.title,
            }
        if goal.programme is not None:
            return {"kind": "programme", "id": None, "title": goal.programme.title}
        if goal.area is not None:
            return {"kind": "area", "id": None, "title": goal.area.title}
        if goal.parent_goal is not None:
            return {
                "kind": "parent_goal",
                "id": goal.parent_goal.public_id,
                "title": goal.parent_goal.title,
            }
        return {"kind": "local", "id": None, "title": ""}

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_indicators(self, goal: Goal) -> list[Any]:
        return [i.public_id for i in goal.indicators.all()]


class AgreementOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    level = serializers.ChoiceField(choices=["director", "chief", "leader"])
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]  # Field.parent
    unit = serializers.CharField(source="unit.slug")
    state = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    goals = GoalOutput(many=True)

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_parent(self, agreement: Any) -> Any:
        return agreement.parent.public_id if agreement.parent_id else None


class AgreementListFilter(serializers.Serializer):
    level = serializers.ChoiceField(choices=["director", "chief", "leader"], required=False)


class MeasurementSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4, coerce_to_string=False)
    numerator = serializers.DecimalField(
        max_digits=16, decimal_places=4, required=False, allow_null=True, coerce_to_string=False
    )
    denominator = serializers.DecimalField(
        max_digits=16, decimal_places=4, required=False, allow_null=True, coerce_to_string=False
    )
    source = serializers.CharField(  # type: ignore[assignment]  # Field.source
        max_length=200, required=False, allow_blank=True, default=""
    )
    preliminary = serializers.BooleanField(required=False, default=False)


class MilestoneOutput(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4, coerce_to_string=False)


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else float(round(value, 4))


class IndicatorOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    goal = serializers.SerializerMethodField()
    definition = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=["up", "down"])
    source = serializers.CharField()  # type: ignore[assignment]  # Field.source
    frequency = serializers.CharField()
    baseline_value = serializers.DecimalField(
        max_digits=16, decimal_places=4, coerce_to_string=False
    )
    baseline_date = serializers.DateField()
    target_value = serializers.SerializerMethodField()
    target_change = serializers.DecimalField(
        max_digits=16, decimal_places=4, coerce_to_string=False, allow_null=True
    )
    target_date = serializers.DateField()
    tolerance = serializers.DecimalField(max_digits=5, decimal_places=4, coerce_to_string=False)
    milestones = MilestoneOutput(many=True)
    measurements = MeasurementSerializer(many=True)
    progress = serializers.SerializerMethodField()
    expected_progress = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    status_override = serializers.CharField()
    override_comment = serializers.CharField()

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_goal(self, indicator: Indicator) -> Any:
        return indicator.goal.public_id if indicator.goal is not None else None

    @extend_schema_field(serializers.FloatField())
    def get_target_value(self, indicator: Indicator) -> float:
        return float(indicator.evaluation.target)  # type: ignore[attr-defined]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_progress(self, indicator: Indicator) -> float | None:
        return _percent(indicator.evaluation.progress)  # type: ignore[attr-defined]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_expected_progress(self, indicator: Indicator) -> float | None:
        return _percent(indicator.evaluation.expected)  # type: ignore[attr-defined]

    @extend_schema_field(
        serializers.ChoiceField(choices=["green", "amber", "red"], allow_null=True)
    )
    def get_status(self, indicator: Indicator) -> str | None:
        return indicator.evaluation.status or None  # type: ignore[attr-defined]


class IndicatorListFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=["green", "amber", "red", "none"], required=False)
