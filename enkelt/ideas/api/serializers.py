"""Input and output serializers of `/api/v1/ideas/`."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from enkelt.ideas.models import Stage
from enkelt.ideas.selectors import stage_of
from enkelt.ideas.services import PEOPLE_MAX_LENGTH, TEXT_MAX_LENGTH


class IdeaOutput(serializers.Serializer):
    """An idea (a submission of kind `idea`) with its development."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    tracking_code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    suggestion = serializers.CharField(read_only=True)
    unit = serializers.CharField(source="unit.slug", read_only=True)
    stage = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()
    guide = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    initiative = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    stage_changed_at = serializers.SerializerMethodField()

    @staticmethod
    def _development(obj: Any) -> Any:
        return getattr(obj, "idea_development", None)

    @extend_schema_field(serializers.ChoiceField(choices=Stage.choices))
    def get_stage(self, obj: Any) -> str:
        return stage_of(obj)

    def get_reason(self, obj: Any) -> str:
        development = self._development(obj)
        return development.reason if development else ""

    def get_guide(self, obj: Any) -> str | None:
        development = self._development(obj)
        guide = development.guide if development else None
        return guide.get_username() if guide else None

    def get_people(self, obj: Any) -> str:
        development = self._development(obj)
        return development.people if development else ""

    @extend_schema_field(OpenApiTypes.UUID)
    def get_initiative(self, obj: Any) -> str | None:
        development = self._development(obj)
        initiative = development.initiative if development else None
        return str(initiative.public_id) if initiative else None

    @extend_schema_field(OpenApiTypes.UUID)
    def get_case(self, obj: Any) -> str | None:
        development = self._development(obj)
        case = development.case if development else None
        return str(case.public_id) if case else None

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_stage_changed_at(self, obj: Any) -> str | None:
        development = self._development(obj)
        changed = development.stage_changed_at if development else None
        return changed.isoformat() if changed else None


class IdeaListFilter(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    unit = serializers.SlugField(required=False)
    guide = serializers.CharField(required=False, help_text=_("Username of the idea guide."))


class IdeaTransitionInput(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    reason = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Required when the stage is not_pursued; the submitter reads it."),
    )
    note = serializers.CharField(allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)
    people = serializers.CharField(
        allow_null=True, default=None, max_length=PEOPLE_MAX_LENGTH, required=False
    )
