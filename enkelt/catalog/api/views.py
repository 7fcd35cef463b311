"""`/api/v1/examples/`: the shared inspiration catalogue, read-only and public.

Published examples are public, so anonymous callers may read them too. `?municipality=<slug>`
narrows to the examples the caller's own municipality published (another municipality: 404,
as everywhere in the API). Writes happen only through the pages.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from enkelt.api.scoping import resolve_municipality
from enkelt.api.views import MUNICIPALITY_PARAM
from enkelt.catalog import selectors
from enkelt.catalog.api.serializers import ExampleOutput
from enkelt.catalog.models import Example, ExampleOutcome, Relation, StrategyType
from enkelt.submissions.api.serializers import ErrorOutput

ID_PARAM = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)

EXAMPLE_EXAMPLE = {
    "id": "7d0c6f7e-2f7d-4d2a-9f55-0b6d1c1f2a10",
    "title": "Fra 400 bevillinger til to bevillingstyper",
    "municipality_name": "Albertslund Kommune",
    "year": 2009,
    "summary": "Mange detaljerede regler for brugen af bevillinger gjorde økonomien uoverskuelig.",
    "what_was_done": "Bevillingerne blev samlet i områdebevillinger med kun to typer.",
    "results": "Op mod 400 bevillinger før; 2 bevillingstyper og 37 områdebevillinger efter.",
    "relation": "administration_institutions",
    "strategy_type": "new_steering_models",
    "outcome": "success",
    "lessons": "Færre og bredere bevillinger giver ledere overblik og handlerum.",
    "tags": ["bevillinger", "okonomistyring"],
    "source_reference": "KL (2010)",
    "from_case": False,
    "published_at": "2026-01-15T09:00:00+01:00",
    "curated_at": None,
    "snippet": "",
}


class ExampleFilter(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    relation = serializers.ChoiceField(choices=Relation.choices, required=False)
    strategy_type = serializers.ChoiceField(choices=StrategyType.choices, required=False)
    outcome = serializers.ChoiceField(choices=ExampleOutcome.choices, required=False)
    municipality_name = serializers.CharField(required=False, max_length=100)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    tag = serializers.SlugField(required=False, allow_unicode=True)


LIST_PARAMS = [
    MUNICIPALITY_PARAM,
    OpenApiParameter("q", str, description="Full-text search in Danish (stemmed)."),
    OpenApiParameter("relation", str, enum=Relation.values),
    OpenApiParameter("strategy_type", str, enum=StrategyType.values),
    OpenApiParameter("outcome", str, enum=ExampleOutcome.values),
    OpenApiParameter("municipality_name", str, description="Exact name, e.g. 'Holbæk Kommune'."),
    OpenApiParameter("year", int),
    OpenApiParameter("tag", str, description="Tag slug."),
]


@extend_schema_view(
    list=extend_schema(
        summary="Published examples of the inspiration catalogue; ?q= searches in Danish",
        parameters=LIST_PARAMS,
        responses={200: ExampleOutput(many=True), 400: ErrorOutput, 404: ErrorOutput},
        examples=[
            OpenApiExample("A steering example", value=[EXAMPLE_EXAMPLE], response_only=True)
        ],
        auth=[],
    ),
    retrieve=extend_schema(
        summary="One published example by its id",
        parameters=[ID_PARAM, MUNICIPALITY_PARAM],
        responses={200: ExampleOutput, 404: ErrorOutput},
        examples=[OpenApiExample("A steering example", value=EXAMPLE_EXAMPLE, response_only=True)],
        auth=[],
    ),
)
class ExampleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The shared catalogue: published examples from every municipality."""

    queryset = Example.objects.none()  # the model, for the schema and the isolation walker
    serializer_class = ExampleOutput
    permission_classes = [AllowAny]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    @classmethod
    def as_view(cls, actions: Any = None, **initkwargs: Any) -> Any:
        view = super().as_view(actions, **initkwargs)
        view.enkelt_scope = "public"  # type: ignore[attr-defined]  # shared catalogue
        return view

    def _scoped(self, queryset: QuerySet[Example]) -> QuerySet[Example]:
        if "municipality" in self.request.query_params:
            queryset = queryset.filter(municipality=resolve_municipality(self.request))
        return queryset

    def get_queryset(self) -> QuerySet[Example]:
        if getattr(self, "swagger_fake_view", False):
            return Example.objects.none()
        if self.action != "list":
            return self._scoped(selectors.published_examples().prefetch_related("tags"))
        form = ExampleFilter(data=self.request.query_params)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        self._query = data.get("q", "")
        queryset = selectors.search_queryset(
            query=self._query,
            filters=selectors.ExampleFilters(
                relation=data.get("relation", ""),
                strategy_type=data.get("strategy_type", ""),
                outcome=data.get("outcome", ""),
                municipality_name=data.get("municipality_name", ""),
                year=data.get("year"),
                tag=data.get("tag", ""),
            ),
        )
        return self._scoped(queryset).prefetch_related("tags")

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        if self.action == "list" and args and str(getattr(self, "_query", "")):
            page = list(args[0])
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["snippets"] = selectors.page_snippets(page, self._query)
            args = (page, *args[1:])
        return super().get_serializer(*args, **kwargs)
