"""The data generator (bench/generate.py): counts, reproducibility, required columns.

Loading needs PostgreSQL (COPY); on SQLite those tests are skipped with the reason. The
loads run inside the test's transaction (rolled back to a savepoint between runs) at a
tiny scale, so they take seconds.
"""

import datetime as dt
from typing import Any

import pytest

from bench.generate import (
    FULL_COUNTS,
    MUNICIPALITIES,
    SMALL_SCALE,
    Sizes,
    _same,
    checksums,
    generate_into,
    tracking_code,
)

ANCHOR = dt.date(2026, 11, 1)
TINY = 0.002  # 2,000 submissions, 200 rules, 200 examples: enough to compare two runs


class TestSizes:
    def test_full_counts_are_those_of_performance_md(self) -> None:
        counts = Sizes.for_scale(1.0).counts
        assert counts == {
            "submissions": 1_000_000,
            "rules": 100_000,
            "cases": 20_000,
            "goals": 5_000,
            "measurements": 100_000,
            "examples": 100_000,
        }

    def test_small_is_one_hundredth_with_all_municipalities(self) -> None:
        sizes = Sizes.for_scale(SMALL_SCALE)
        assert sizes.counts == {k: v // 100 for k, v in FULL_COUNTS.items()}
        assert sizes.municipalities == MUNICIPALITIES == 98

    def test_split_sums_up_and_the_first_is_ten_times_larger(self) -> None:
        sizes = Sizes.for_scale(1.0)
        shares = sizes.split(1_000_000)
        assert sum(shares) == 1_000_000 and len(shares) == 98
        assert shares[0] == pytest.approx(10 * shares[1], rel=0.01)
        small = sizes.split(50)  # fewer rows than municipalities: no negative shares
        assert sum(small) == 50 and min(small) >= 0 and small[0] == max(small)

    def test_scale_out_of_range(self) -> None:
        with pytest.raises(ValueError):
            Sizes.for_scale(0)
        with pytest.raises(ValueError):
            Sizes.for_scale(1.5)

    def test_tracking_codes_are_unique_and_valid(self) -> None:
        from enkelt.submissions.tracking import tracking_code_normalise

        codes = {tracking_code(1, n) for n in range(100_000)}
        assert len(codes) == 100_000
        sample = tracking_code(1, 12_345)
        assert tracking_code_normalise(sample) == sample
        assert tracking_code(2, 0) != tracking_code(1, 0)

    def test_marker_matches_only_the_same_request(self) -> None:
        wanted = {"seed": 1, "scale": 1.0, "anchor": "2026-11-01", "migrations": "abc"}
        assert _same({**wanted, "counts": {}}, wanted)
        assert not _same({**wanted, "seed": 2}, wanted)
        assert not _same(None, wanted)


@pytest.fixture
def pg(db: Any) -> Any:
    """The raw psycopg connection of the test database (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            f"the generator loads with PostgreSQL COPY; the test database is {connection.vendor}"
        )
    connection.ensure_connection()
    return connection.connection


def _load(pg: Any, *, seed: int, scale: float) -> tuple[dict[str, str], dict[str, int], dict]:
    from django.db import transaction

    savepoint = transaction.savepoint()
    try:
        context, counts = generate_into(pg, seed=seed, scale=scale, anchor=ANCHOR)
        return context, counts, checksums(pg, counts)
    finally:
        transaction.savepoint_rollback(savepoint)


def test_small_builds_the_right_counts(pg: Any) -> None:
    from django.contrib.postgres.search import SearchQuery
    from django.db import transaction

    from enkelt.catalog.models import Example
    from enkelt.goals.models import Measurement
    from enkelt.regulations.models import Rule
    from enkelt.simplification.models import Case
    from enkelt.submissions.models import Submission
    from enkelt.tenants.models import Municipality

    savepoint = transaction.savepoint()
    try:
        context, counts = generate_into(pg, seed=3, scale=SMALL_SCALE, anchor=ANCHOR)
        large = Municipality.objects.get(slug=context["municipality"])
        assert Municipality.objects.filter(slug__startswith="kommune-").count() == 98
        assert Submission.objects.count() >= 10_000
        assert counts["submissions_submission"] == 10_000
        assert (
            counts["regulations_rule"]
            == 1_000
            == Rule.objects.filter(municipality__slug__startswith="kommune-").count()
        )
        assert counts["simplification_case"] == 200
        assert counts["goals_goal"] == 50 and counts["goals_measurement"] == 1_000
        assert Measurement.objects.filter(indicator__municipality=large).exists()
        assert counts["catalog_example"] == 1_000
        # the largest municipality is ten times one of the others
        in_large = Submission.objects.filter(municipality=large).count()
        in_other = Submission.objects.filter(municipality__slug=context["small_municipality"])
        assert in_large == pytest.approx(10 * in_other.count(), rel=0.1)
        # the burden columns the registry sorts by are filled
        assert Rule.objects.filter(municipality=large, hours_per_year__gt=0).exists()
        assert Case.objects.filter(municipality=large, stage="decided").exclude(outcome="").exists()
        # full-text search works on the generated catalogue (Danish stemming)
        assert Example.objects.filter(search_vector__isnull=True).count() == 0
        query = SearchQuery("forenkling", config="danish")
        assert Example.objects.filter(search_vector=query).count() >= 50
        # the context names real rows
        sample = Submission.objects.get(municipality=large, tracking_code=context["tracking_code"])
        assert str(sample.public_id) == context["submission_id"]
    finally:
        transaction.savepoint_rollback(savepoint)


def test_same_seed_same_checksums_other_seed_other_data(pg: Any) -> None:
    context_a, counts_a, sums_a = _load(pg, seed=11, scale=TINY)
    context_b, counts_b, sums_b = _load(pg, seed=11, scale=TINY)
    assert counts_a == counts_b
    assert sums_a == sums_b
    assert context_a == context_b
    _context_c, _counts_c, sums_c = _load(pg, seed=12, scale=TINY)
    assert sums_c["submissions_submission"] != sums_a["submissions_submission"]
    assert sums_c["submissions_submission"][0] == sums_a["submissions_submission"][0]
