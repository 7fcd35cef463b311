"""Reads of the inspiration catalogue.

The catalogue is shared by all municipalities: only published examples are read here.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline as SearchHead
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, FloatField, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.text import Truncator

from enkelt.catalog import danish_search
from enkelt.catalog.models import Example, Relation, StrategyType, Tag


@dataclass(frozen=True)
class CatalogActivity:
    total: int
    published_since: int
    from_cases_since: int
    by_strategy_type: list[tuple[str, int]]
    latest: list[Example]


def published_examples() -> QuerySet[Example]:
    return Example.objects.filter(published=True)


def catalog_activity(*, since: datetime.date) -> CatalogActivity:
    """Catalogue activity for the national view: totals, recent publications, strategy mix."""
    examples = published_examples()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=datetime.UTC)
    counts = examples.aggregate(
        total=Count("pk"),
    )
    recent = examples.filter(published_at__gte=start)
    published_since = recent.count()
    from_cases_since = recent.filter(source_case__isnull=False).count()
    labels = dict(StrategyType.choices)
    by_type = [
        (str(labels.get(row["strategy_type"], row["strategy_type"])), int(row["n"]))
        for row in examples.values("strategy_type")
        .annotate(n=Count("pk"))
        .order_by("-n", "strategy_type")
    ]
    latest = list(examples.order_by("-published_at", "-pk")[:5])
    return CatalogActivity(
        total=int(counts["total"]),
        published_since=published_since,
        from_cases_since=from_cases_since,
        by_strategy_type=by_type,
        latest=latest,
    )


@dataclass(frozen=True)
class ExampleFilters:
    relation: str = ""
    strategy_type: str = ""
    outcome: str = ""
    municipality_name: str = ""
    year: int | None = None
    tag: str = ""


@dataclass(frozen=True)
class SearchHit:
    example: Example
    snippet: str


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _filtered(queryset: QuerySet[Example], filters: ExampleFilters) -> QuerySet[Example]:
    if filters.relation:
        queryset = queryset.filter(relation=filters.relation)
    if filters.strategy_type:
        queryset = queryset.filter(strategy_type=filters.strategy_type)
    if filters.outcome:
        queryset = queryset.filter(outcome=filters.outcome)
    if filters.municipality_name:
        queryset = queryset.filter(municipality_name=filters.municipality_name)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    return queryset


def search_queryset(
    *, query: str = "", filters: ExampleFilters | None = None, published_only: bool = True
) -> QuerySet[Example]:
    """Published examples matching `query` (Danish stemming) and the filters, best match first."""
    queryset = published_examples() if published_only else Example.objects.all()
    queryset = _filtered(queryset, filters or ExampleFilters())
    if not danish_search.query_words(query):
        return queryset.order_by("-year", "title", "pk")
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(
            danish_search.postgres_tsquery(query), search_type="raw", config="danish"
        )
        return (
            queryset.filter(search_vector=tsquery)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", "-year", "title", "pk")
        )
    match = danish_search.fts5_match(query)
    return (
        queryset.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM catalog_example_fts WHERE catalog_example_fts MATCH %s", [match]
            )
        )
        .annotate(
            rank=RawSQL(
                "SELECT -bm25(catalog_example_fts, %s, %s, %s) FROM catalog_example_fts "
                "WHERE catalog_example_fts MATCH %s AND rowid = catalog_example.id",
                [*danish_search.BM25_WEIGHTS, match],
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "-year", "title", "pk")
    )


_START, _STOP = "\x02", "\x03"


def _snippets(examples: list[Example], query: str) -> dict[int, str]:
    """`<mark>`-highlighted snippets of the summaries, HTML-escaped, for one page of results."""
    if not examples:
        return {}
    if not danish_search.query_words(query):
        return {e.pk: escape(Truncator(e.summary).chars(240)) for e in examples}
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(
            danish_search.postgres_tsquery(query), search_type="raw", config="danish"
        )
        rows = (
            Example.objects.filter(pk__in=[e.pk for e in examples])
            .annotate(
                headline=SearchHead(
                    Concat("summary", Value(" "), "what_was_done", output_field=TextField()),
                    tsquery,
                    config="danish",
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=40,
                    min_words=20,
                )
            )
            .values_list("pk", "headline")
        )
        return {
            pk: str(escape(headline)).replace(_START, "<mark>").replace(_STOP, "</mark>")
            for pk, headline in rows
        }
    return {e.pk: danish_search.highlight(e.summary, query) for e in examples}


def page_snippets(examples: list[Example], query: str) -> dict[int, str]:
    """Highlighted snippets for one page of examples (one query at most)."""
    return _snippets(examples, query)


# A broad word ("forenkling") can match most of 100,000 examples: the page counts at most
# COUNT_CAP of them and ranks only the best candidates (every title match up to CANDIDATES,
# plus up to CANDIDATES other matches), so a search costs the same at any catalogue size.
COUNT_CAP = 500
CANDIDATES = 500


def _capped_count(queryset: QuerySet[Example]) -> tuple[int, bool]:
    count = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(count, COUNT_CAP), count > COUNT_CAP


def _ranked_candidates(
    query: str, filters: ExampleFilters | None
) -> tuple[QuerySet[Example], int, bool] | None:
    """PostgreSQL: the candidates ranked, with the capped count; None elsewhere or unworded.

    The candidate ids double as the count (up to COUNT_CAP + 1 of them), so a search
    reads the full-text index twice (titles, everything) and not a third time to count.
    """
    if connection.vendor != "postgresql" or not danish_search.query_words(query):
        return None
    matches = _filtered(published_examples(), filters or ExampleFilters())
    raw = danish_search.postgres_tsquery(query)
    tsquery = SearchQuery(raw, search_type="raw", config="danish")
    # Title matches through the GIN index on to_tsvector('danish', title) (migration 0002).
    in_title = matches.extra(
        where=["to_tsvector('danish', catalog_example.title) @@ to_tsquery('danish', %s)"],
        params=[raw],
    )
    title_ids = list(in_title.order_by().values_list("pk", flat=True)[:CANDIDATES])
    any_ids = list(
        matches.filter(search_vector=tsquery)
        .order_by()
        .values_list("pk", flat=True)[: max(CANDIDATES, COUNT_CAP + 1)]
    )
    ranked = (
        Example.objects.filter(pk__in={*title_ids, *any_ids[:CANDIDATES]})
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank", "-year", "title", "pk")
    )
    return ranked, min(len(any_ids), COUNT_CAP), len(any_ids) > COUNT_CAP


def search_examples(
    *, query: str = "", filters: ExampleFilters | None = None, page: int = 1, per_page: int = 20
) -> SearchPage:
    """One page of the search with highlighted snippets; the cost does not grow with the data."""
    found = _ranked_candidates(query, filters)
    if found is None:
        queryset = search_queryset(query=query, filters=filters)
        total, capped = _capped_count(queryset)
    else:
        queryset, total, capped = found
    page = max(1, min(page, max(1, -(-total // per_page))))
    offset = (page - 1) * per_page
    page_rows = queryset.defer("search_vector").prefetch_related("tags")
    examples = list(page_rows[offset : offset + per_page])
    snippets = _snippets(examples, query)
    hits = [SearchHit(example=e, snippet=snippets.get(e.pk, "")) for e in examples]
    return SearchPage(hits=hits, total=total, page=page, per_page=per_page, capped=capped)


def example_detail(*, example_id: uuid.UUID, include_unpublished: bool = False) -> Example:
    queryset = Example.objects.all() if include_unpublished else published_examples()
    return queryset.prefetch_related("tags").select_related("source_case").get(public_id=example_id)


def similar_examples(*, example: Example, limit: int = 4) -> list[Example]:
    """Published examples of the same strategy type and relation, then same type, then relation.

    Each step is one indexed query (partial indexes on strategy type/relation, newest first).
    """
    base = published_examples().exclude(pk=example.pk)
    steps = [
        base.filter(strategy_type=example.strategy_type, relation=example.relation),
        base.filter(strategy_type=example.strategy_type).exclude(relation=example.relation),
        base.filter(relation=example.relation).exclude(strategy_type=example.strategy_type),
    ]
    found: list[Example] = []
    for step in steps:
        if len(found) >= limit:
            break
        found += list(step.order_by("-year", "title")[: limit - len(found)])
    return found


FILTER_CHOICES_KEY = "catalog:filter-choices"


def filter_choices() -> dict[str, list[Any]]:
    """Values for the filter form: municipalities, years and tags present in the catalogue.

    Cached (they change only when an example is published or curated, which clears the cache).
    """
    cached = cache.get(FILTER_CHOICES_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    examples = published_examples()
    choices: dict[str, list[Any]] = {
        "municipalities": list(
            examples.order_by("municipality_name")
            .values_list("municipality_name", flat=True)
            .distinct()
        ),
        "years": [
            y for y in examples.order_by("-year").values_list("year", flat=True).distinct() if y
        ],
        "tags": list(Tag.objects.filter(examples__published=True).distinct().order_by("name")),
    }
    cache.set(FILTER_CHOICES_KEY, choices, 600)
    return choices


def open_data_rows() -> Iterator[dict[str, Any]]:
    """Every published example as a flat row, streamed in chunks (open data, no personal data)."""
    labels_relation = dict(Relation.choices)
    labels_strategy = dict(StrategyType.choices)
    queryset = published_examples().order_by("pk").prefetch_related("tags")
    for example in queryset.iterator(chunk_size=1000):
        yield {
            "id": str(example.public_id),
            "title": example.title,
            "municipality_name": example.municipality_name,
            "year": example.year,
            "summary": example.summary,
            "what_was_done": example.what_was_done,
            "results": example.results,
            "relation": example.relation,
            "relation_label": str(labels_relation.get(example.relation, "")),
            "strategy_type": example.strategy_type,
            "strategy_type_label": str(labels_strategy.get(example.strategy_type, "")),
            "tags": ";".join(t.slug for t in example.tags.all()),
            "outcome": example.outcome,
            "lessons": example.lessons,
            "source_reference": example.source_reference,
            "from_case": example.source_case_id is not None,
            "published_at": example.published_at.isoformat() if example.published_at else "",
        }
