"""Input and output serializers of the portfolio API (field names fixed by contract.md).

Plans, initiatives, review rounds and items are identified by their public UUID
(`id`); development areas and programmes, which never appear in a public URL, by
their number. `owner_unit` is the unit's slug, `owner` the user's username.
Inputs only parse: the services decide what is allowed.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enkelt.strategy.models import Initiative, ReviewItem, ReviewRound


class PlanOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField(allow_null=True)
    adopted_by = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    areas = serializers.SerializerMethodField()

    def get_areas(self, plan: object) -> list[int]:
        return [a.pk for a in plan.areas.all()]  # type: ignore[attr-defined]


class AreaOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    plan = serializers.UUIDField(source="plan.public_id")
    title = serializers.CharField()
    description = serializers.CharField()
    order = serializers.IntegerField()


class ProgrammeOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    area = serializers.IntegerField(source="area_id")
    title = serializers.CharField()
    description = serializers.CharField()
    order = serializers.IntegerField()


class InitiativeOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    programme = serializers.IntegerField(source="programme_id")
    area = serializers.IntegerField(source="programme.area_id")
    title = serializers.CharField()
    description = serializers.CharField()
    owner_unit = serializers.CharField(source="owner_unit.slug", allow_null=True, default=None)
    owner = serializers.CharField(source="owner.username", allow_null=True, default=None)
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Initiative.Status.choices)
    rag = serializers.ChoiceField(choices=Initiative.Rag.choices)
    rag_comment = serializers.CharField()


class InitiativeInput(serializers.Serializer):
    programme = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, default="", max_length=10_000)
    owner_unit = serializers.SlugField(allow_null=True, required=False, default=None)
    owner = serializers.CharField(
        allow_null=True, required=False, default=None, help_text=_("Username of a staff member.")
    )
    start = serializers.DateField(allow_null=True, required=False, default=None)
    end = serializers.DateField(allow_null=True, required=False, default=None)
    status = serializers.ChoiceField(
        choices=Initiative.Status.choices, default=Initiative.Status.PLANNED
    )
    rag = serializers.ChoiceField(choices=Initiative.Rag.choices, default=Initiative.Rag.NOT_SET)
    rag_comment = serializers.CharField(allow_blank=True, default="", max_length=10_000)


class InitiativeStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Initiative.Status.choices, required=False)
    rag = serializers.ChoiceField(choices=Initiative.Rag.choices, required=False)
    rag_comment = serializers.CharField(allow_blank=True, required=False, max_length=10_000)


class InitiativeListFilter(serializers.Serializer):
    plan = serializers.UUIDField(required=False)
    unit = serializers.SlugField(required=False)
    status = serializers.ChoiceField(choices=Initiative.Status.choices, required=False)
    rag = serializers.ChoiceField(choices=Initiative.Rag.choices, required=False)


class ReviewItemOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    initiative = serializers.UUIDField(source="initiative.public_id")
    initiative_title = serializers.CharField(source="initiative.title")
    status = serializers.CharField()
    rag = serializers.CharField()
    progress = serializers.CharField()
    comment = serializers.CharField()
    proposed_decision = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decision = serializers.CharField()
    decision_reason = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ReviewRoundOutput(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    plan = serializers.UUIDField(source="plan.public_id")
    title = serializers.CharField()
    deadline = serializers.DateField()
    meeting_on = serializers.DateField(allow_null=True)
    state = serializers.ChoiceField(choices=ReviewRound.State.choices)
    items = ReviewItemOutput(many=True)


class ReviewRoundInput(serializers.Serializer):
    plan = serializers.UUIDField()
    title = serializers.CharField(max_length=120)
    deadline = serializers.DateField()
    meeting_on = serializers.DateField(allow_null=True, required=False, default=None)


class ReviewItemUpdateInput(serializers.Serializer):
    item = serializers.UUIDField()
    status = serializers.ChoiceField(choices=Initiative.Status.choices)
    rag = serializers.ChoiceField(choices=Initiative.Rag.choices)
    progress = serializers.CharField(allow_blank=True, default="", max_length=10_000)
    comment = serializers.CharField(allow_blank=True, default="", max_length=10_000)
    proposed_decision = serializers.ChoiceField(
        choices=ReviewItem.Decision.choices, allow_blank=True, default=""
    )


class DecisionInput(serializers.Serializer):
    item = serializers.UUIDField()
    decision = serializers.ChoiceField(choices=ReviewItem.Decision.choices)
    reason = serializers.CharField(
        allow_blank=True, default="", max_length=10_000, help_text=_("Required for `stop`.")
    )
