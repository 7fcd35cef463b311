"""Read-only representation of a catalogue example."""

from typing import Any

from rest_framework import serializers

from enkelt.catalog.models import Example


class ExampleOutput(serializers.ModelSerializer[Example]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    tags: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug"
    )
    from_case = serializers.SerializerMethodField()
    snippet = serializers.SerializerMethodField(
        help_text="Summary excerpt with the search words in <mark> (only with ?q=)."
    )

    class Meta:
        model = Example
        fields = [
            "id",
            "title",
            "municipality_name",
            "year",
            "summary",
            "what_was_done",
            "results",
            "relation",
            "strategy_type",
            "outcome",
            "lessons",
            "tags",
            "source_reference",
            "from_case",
            "published_at",
            "curated_at",
            "snippet",
        ]
        read_only_fields = fields

    def get_from_case(self, obj: Example) -> bool:
        return obj.source_case_id is not None

    def get_snippet(self, obj: Example) -> str:
        snippets = self.context.get("snippets") or {}
        return str(snippets.get(obj.pk, ""))
