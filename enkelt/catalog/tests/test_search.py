"""Danish full-text search: stemming, syncope variants, ranking, filters (PostgreSQL and SQLite)."""

import pytest
from django.db import connection

from enkelt.catalog import danish_search
from enkelt.catalog.models import ExampleOutcome, Relation, StrategyType
from enkelt.catalog.selectors import ExampleFilters, search_examples, search_queryset
from enkelt.catalog.tests.factories import ExampleFactory, TagFactory

pytestmark = pytest.mark.django_db

NEUTRAL = "Et projekt om samarbejde i kommunen."


def titles(query, **filters):
    return [e.title for e in search_queryset(query=query, filters=ExampleFilters(**filters))]


def test_stemming_finds_forenkling_from_forenklinger():
    ExampleFactory(title="Forenkling af dagtilbud", summary=NEUTRAL)
    ExampleFactory(title="Nyt it-system", summary=NEUTRAL)
    assert titles("forenklinger") == ["Forenkling af dagtilbud"]


def test_stemming_finds_regel_from_reglerne():
    ExampleFactory(title="Færre krav", summary="Én regel om indberetning blev fjernet.")
    ExampleFactory(title="Andet", summary=NEUTRAL)
    assert titles("reglerne") == ["Færre krav"]
    # …and the other way round.
    ExampleFactory(title="Ryddet op", summary="Alle reglerne for bevillinger blev gennemgået.")
    assert set(titles("regel")) == {"Færre krav", "Ryddet op"}


def test_unpublished_examples_are_not_found():
    ExampleFactory(title="Forenkling i skolen", published=False, published_at=None)
    assert titles("forenkling") == []


def test_title_match_ranks_above_body_match():
    ExampleFactory(
        title="Bedre arbejdsgange", summary=NEUTRAL, what_was_done="Tillid til personalet."
    )
    ExampleFactory(title="Tillid i ældreplejen", summary=NEUTRAL, what_was_done="Færre skemaer.")
    ExampleFactory(title="Intet relevant", summary=NEUTRAL, what_was_done="Færre skemaer.")
    assert titles("tillid") == ["Tillid i ældreplejen", "Bedre arbejdsgange"]


def test_summary_match_ranks_above_body_match():
    ExampleFactory(title="A", summary=NEUTRAL, lessons="Dokumentation kan halveres.")
    ExampleFactory(title="B", summary="Dokumentationen blev halveret.", lessons="")
    assert titles("dokumentation") == ["B", "A"]


def test_filters_combine_with_each_other_and_with_search():
    tag = TagFactory(slug="dagtilbud", name="Dagtilbud")
    hit = ExampleFactory(
        title="Forenkling i dagtilbud",
        relation=Relation.MUNICIPALITY_CITIZENS,
        strategy_type=StrategyType.TRUST_IN_EMPLOYEES,
        outcome=ExampleOutcome.MIXED,
        municipality_name="Holbæk Kommune",
        year=2023,
    )
    hit.tags.add(tag)
    ExampleFactory(
        title="Forenkling andetsteds", relation=Relation.MUNICIPALITY_CITIZENS, year=2023
    )
    other = ExampleFactory(
        title="Helt andet emne",
        relation=Relation.MUNICIPALITY_CITIZENS,
        strategy_type=StrategyType.TRUST_IN_EMPLOYEES,
        municipality_name="Holbæk Kommune",
    )
    other.tags.add(tag)
    assert set(titles("", relation=Relation.MUNICIPALITY_CITIZENS)) == {
        "Forenkling i dagtilbud",
        "Forenkling andetsteds",
        "Helt andet emne",
    }
    assert set(titles("", relation=Relation.MUNICIPALITY_CITIZENS, tag="dagtilbud")) == {
        "Forenkling i dagtilbud",
        "Helt andet emne",
    }
    assert titles("forenkling", tag="dagtilbud") == ["Forenkling i dagtilbud"]
    assert titles("forenkling", year=2023, municipality_name="Holbæk Kommune") == [
        "Forenkling i dagtilbud"
    ]
    assert titles("forenkling", outcome=ExampleOutcome.SUCCESS) == ["Forenkling andetsteds"]
    assert titles("", strategy_type=StrategyType.TRUST_IN_EMPLOYEES, outcome="mixed") == [
        "Forenkling i dagtilbud"
    ]


def test_snippets_mark_the_matched_words_and_escape_html():
    ExampleFactory(title="Skema", summary="<b>Forenklingen</b> af skemaet sparede 40 timer.")
    page = search_examples(query="forenkling")
    assert page.total == 1
    snippet = page.hits[0].snippet
    assert "<mark>Forenklingen</mark>" in snippet
    # SQLite escapes the markup, PostgreSQL's parser drops it: never raw HTML from the data.
    assert "<b>" not in snippet


def test_updates_are_searchable():
    example = ExampleFactory(title="Gammel titel", summary=NEUTRAL)
    assert titles("ansøgning") == []
    example.title = "Ansøgninger uden bilag"
    example.save()
    assert titles("ansøgning") == ["Ansøgninger uden bilag"]
    example.delete()
    assert titles("ansøgning") == []


def test_hostile_query_syntax_is_harmless():
    ExampleFactory(title="Forenkling", summary=NEUTRAL)
    for query in ['"', "forenkling & | !", "NEAR(", "*", "forenkling') OR 1=1 --"]:
        list(search_queryset(query=query))
    assert titles("forenkling)(") == ["Forenkling"]


def test_search_query_count_is_constant(django_assert_max_num_queries):
    for n in range(30):
        ExampleFactory(title=f"Forenkling nr. {n}").tags.add(TagFactory(slug=f"t{n % 3}"))
    # count, (PostgreSQL: title and body candidates), page, tags, (PostgreSQL: snippets)
    with django_assert_max_num_queries(6):
        page = search_examples(query="forenkling", per_page=10)
        assert [t.slug for t in page.hits[0].example.tags.all()]
    assert page.total == 30 and len(page.hits) == 10


def test_sqlite_fallback_table_is_used_on_sqlite():
    ExampleFactory(title="Forenklinger i jobcentret", summary=NEUTRAL)
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 fallback exists only on SQLite")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title FROM catalog_example_fts WHERE catalog_example_fts MATCH 'forenkling'"
        )
        assert cursor.fetchall() == [("forenkling i jobcentr",)]
    assert titles("forenkling") == ["Forenklinger i jobcentret"]


def test_broad_searches_count_up_to_the_cap_and_rank_title_matches_first(settings):
    from enkelt.catalog import selectors

    for n in range(8):
        ExampleFactory(title=f"Projekt {n}", summary="Forenkling af skemaer.")
    ExampleFactory(title="Forenkling i titlen", summary=NEUTRAL)
    original = selectors.COUNT_CAP, selectors.CANDIDATES
    selectors.COUNT_CAP, selectors.CANDIDATES = 5, 3
    try:
        page = search_examples(query="forenkling", per_page=4)
    finally:
        selectors.COUNT_CAP, selectors.CANDIDATES = original
    assert page.total == 5 and page.capped
    assert page.hits[0].example.title == "Forenkling i titlen"


def test_query_variants():
    assert danish_search.variants("regel") == ["regel", "regl"]
    assert "regel" in danish_search.variants("reglerne")
    assert danish_search.postgres_tsquery("Regler, & 'x") == "(regler | regel) & (x)"
