"""bulk_insert: COPY on PostgreSQL, bulk_create elsewhere; the rows are the same either way."""

import gc
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from enkelt.audit.models import AuditEvent
from enkelt.core.bulk import bulk_insert, gc_paused
from enkelt.regulations.models import Activity, Rule
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_rules_get_their_keys_and_activities_point_at_them():
    municipality = MunicipalityFactory()
    rules = [
        Rule(municipality=municipality, title=f"Regel {i}", kind="form", origin="council",
             hours_per_year=Decimal("12.50"), cost_per_year=Decimal("6000.00"),
             fte=Decimal("0.0081"))
        for i in range(3)
    ]  # fmt: skip
    bulk_insert(rules, set_pks=True)
    assert all(r.pk for r in rules) and not any(r._state.adding for r in rules)
    activities = [
        Activity(municipality=municipality, rule=rule, name="Udfylde", population=10,
                 frequency_per_year=Decimal(2), minutes_per_occurrence=Decimal(5))
        for rule in rules
    ]  # fmt: skip
    bulk_insert(activities)
    stored = Rule.objects.filter(municipality=municipality).order_by("pk")
    assert [r.title for r in stored] == ["Regel 0", "Regel 1", "Regel 2"]
    assert [r.pk for r in stored] == [r.pk for r in rules]
    first = stored[0]
    assert (first.hours_per_year, first.fte) == (Decimal("12.50"), Decimal("0.0081"))
    assert first.public_id is not None and first.created_at is not None
    assert {a.rule_id for a in Activity.objects.filter(municipality=municipality)} == {
        r.pk for r in rules
    }
    # the sequence moved on: the ORM's next rule does not collide
    later = Rule.objects.create(municipality=municipality, title="Senere", kind="form",
                                origin="council")  # fmt: skip
    assert later.pk > max(r.pk for r in rules)


def test_json_and_defaults_are_written_as_an_insert_would():
    municipality = MunicipalityFactory()
    content_type = ContentType.objects.get_for_model(Rule)
    events = [
        AuditEvent(municipality=municipality, actor_label="system", verb="rule.imported",
                   content_type=content_type, object_id=str(i), object_repr=f"Regel {i}",
                   after={"hours_per_year": "12.50", "activities": i, "æøå": ["ja"]})
        for i in range(4)
    ]  # fmt: skip
    bulk_insert(events)
    stored = list(AuditEvent.objects.filter(municipality=municipality).order_by("object_id"))
    assert [e.after["activities"] for e in stored] == [0, 1, 2, 3]
    assert stored[0].after["æøå"] == ["ja"] and stored[0].before is None
    assert all(e.created_at is not None for e in stored)
    assert AuditEvent.objects.filter(municipality=municipality, after__activities=2).count() == 1


def test_nothing_to_insert_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk_insert([])


def test_collection_resumes_after_a_pause_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_postgresql_uses_copy():
    if connection.vendor != "postgresql":
        pytest.skip("COPY exists on PostgreSQL only; elsewhere bulk_create is used")
    municipality = MunicipalityFactory()
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        bulk_insert([Rule(municipality=municipality, title="R", kind="form", origin="council")],
                    set_pks=True)  # fmt: skip
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT"]
    assert Rule.objects.filter(municipality=municipality).count() == 1
