"""The audit trail: recording, reading per object, read-only admin, services that record."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from enkelt.accounts.services import user_set_language
from enkelt.accounts.tests.factories import UserFactory
from enkelt.audit.admin import AuditEventAdmin
from enkelt.audit.models import AuditEvent
from enkelt.audit.selectors import audit_events_for
from enkelt.audit.services import audit_record
from enkelt.tenants.models import Role, Unit
from enkelt.tenants.services import membership_set, unit_create
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def administrator(db):
    return MembershipFactory(role=Role.ADMINISTRATOR).user


def test_audit_record_stores_actor_before_after_and_municipality(administrator):
    municipality = administrator.membership.municipality
    unit = UnitFactory(municipality=municipality, name="Gammelt navn")
    event = audit_record(
        actor=administrator,
        municipality=municipality,
        obj=unit,
        verb="unit.renamed",
        before={"name": "Gammelt navn"},
        after={"name": "Nyt navn"},
    )
    event.refresh_from_db()
    assert event.actor == administrator
    assert event.actor_label == administrator.username
    assert event.municipality == municipality
    assert event.object_id == str(unit.pk)
    assert event.object_repr == "Gammelt navn"
    assert event.before == {"name": "Gammelt navn"}
    assert event.after == {"name": "Nyt navn"}
    assert event.changes() == [("name", "Gammelt navn", "Nyt navn")]


def test_audit_record_without_user_is_system(db):
    unit = UnitFactory()
    event = audit_record(
        actor=None,
        municipality=None,
        obj=unit,
        verb="unit.imported",
        after={"when": datetime.date(2025, 1, 2)},
    )
    assert event.actor is None
    assert event.actor_label == "system"
    assert event.after == {"when": "2025-01-02"}


def test_audit_events_for_returns_only_that_objects_events(administrator):
    municipality = administrator.membership.municipality
    unit, other_unit = (
        UnitFactory(municipality=municipality),
        UnitFactory(municipality=municipality),
    )
    # The user with the same pk as the unit must not mix in (other content type).
    for obj in (unit, unit, other_unit, administrator):
        audit_record(actor=administrator, municipality=municipality, obj=obj, verb="x.touched")
    events = list(audit_events_for(obj=unit))
    assert len(events) == 2
    assert {(e.content_type.model, e.object_id) for e in events} == {("unit", str(unit.pk))}
    # Newest first.
    assert events[0].pk > events[1].pk


def test_admin_is_read_only(administrator):
    model_admin = AuditEventAdmin(AuditEvent, admin.site)
    request = RequestFactory().get("/admin/audit/auditevent/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    event = audit_record(actor=administrator, municipality=None, obj=administrator, verb="x")
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_change_permission(request, event) is False
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_delete_permission(request, event) is False
    assert admin.site.is_registered(AuditEvent)


def test_unit_create_records_event(administrator):
    municipality = administrator.membership.municipality
    parent = UnitFactory(municipality=municipality)
    unit = unit_create(
        actor=administrator,
        municipality=municipality,
        name="Nyt Kontor",
        slug="nyt-kontor",
        kind=Unit.Kind.DEPARTMENT,
        parent=parent,
    )
    [event] = audit_events_for(obj=unit)
    assert event.verb == "unit.created"
    assert event.actor == administrator
    assert event.municipality == municipality
    assert event.after == {"name": "Nyt Kontor", "kind": "department", "parent": parent.pk}


def test_unit_create_refuses_parent_of_other_municipality_and_records_nothing(administrator):
    municipality = administrator.membership.municipality
    foreign_parent = UnitFactory()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=r"same municipality|samme kommune"):
        unit_create(
            actor=administrator,
            municipality=municipality,
            name="X",
            slug="x",
            kind=Unit.Kind.DEPARTMENT,
            parent=foreign_parent,
        )
    assert AuditEvent.objects.count() == before
    assert not Unit.objects.filter(slug="x").exists()


def test_membership_set_records_before_and_after(administrator):
    municipality = administrator.membership.municipality
    unit_a, unit_b = UnitFactory(municipality=municipality), UnitFactory(municipality=municipality)
    user = UserFactory()
    first = membership_set(
        actor=administrator, municipality=municipality, user=user, unit=unit_a, role=Role.EMPLOYEE
    )
    second = membership_set(
        actor=administrator, municipality=municipality, user=user, unit=unit_b, role=Role.LEADER
    )
    assert first.pk == second.pk
    newest, oldest = audit_events_for(obj=second)
    assert oldest.before is None
    assert oldest.after == {"municipality": municipality.pk, "unit": unit_a.pk, "role": "employee"}
    assert newest.before == oldest.after
    assert newest.after == {"municipality": municipality.pk, "unit": unit_b.pk, "role": "leader"}
    assert newest.verb == "membership.set"


def test_membership_set_refuses_unit_of_other_municipality(administrator):
    with pytest.raises(ValidationError, match=r"same municipality|samme kommune"):
        membership_set(
            actor=administrator,
            municipality=administrator.membership.municipality,
            user=UserFactory(),
            unit=UnitFactory(),
            role=Role.EMPLOYEE,
        )


def test_user_set_language_records_event_only_on_change(administrator):
    user_set_language(actor=administrator, user=administrator, language="en")
    administrator.refresh_from_db()
    assert administrator.language == "en"
    [event] = audit_events_for(obj=administrator)
    assert event.verb == "user.language_changed"
    assert event.before == {"language": ""}
    assert event.after == {"language": "en"}
    assert event.municipality == administrator.membership.municipality

    user_set_language(actor=administrator, user=administrator, language="en")
    assert audit_events_for(obj=administrator).count() == 1


def test_user_without_membership_language_event_has_no_municipality(db):
    citizen = UserFactory()
    user_set_language(actor=citizen, user=citizen, language="da")
    assert audit_events_for(obj=citizen).get().municipality is None


def test_audit_trail_is_per_municipality(db):
    a, b = MunicipalityFactory(), MunicipalityFactory()
    unit_create(actor=None, municipality=a, name="A1", slug="a1", kind=Unit.Kind.DEPARTMENT)
    unit_create(actor=None, municipality=b, name="B1", slug="b1", kind=Unit.Kind.DEPARTMENT)
    assert list(
        AuditEvent.objects.filter(municipality=a).values_list("object_repr", flat=True)
    ) == ["A1"]
