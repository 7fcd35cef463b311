"""Portfolio and agreement services: scoping, audit trail, the agreement transition table."""

import datetime

import pytest

from enkelt.audit.models import AuditEvent
from enkelt.strategy import services
from enkelt.strategy.errors import StrategyError
from enkelt.strategy.models import Agreement, Initiative
from enkelt.strategy.services.agreements import AGREEMENT_TRANSITIONS
from enkelt.tenants.tests.factories import MunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_initiative_create_and_update_are_audited(director, municipality, programme, unit, leader):
    initiative = services.initiative_create(
        actor=director,
        municipality=municipality,
        programme=programme,
        title="Digital selvbetjening",
        owner_unit=unit,
        owner=leader,
    )
    assert initiative.status == Initiative.Status.PLANNED
    assert initiative.rag == Initiative.Rag.NOT_SET

    services.initiative_update(
        actor=leader,
        municipality=municipality,
        initiative=initiative,
        status="active",
        rag="amber",
        rag_comment="Leverandøren er forsinket.",
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.rag) == ("active", "amber")
    event = AuditEvent.objects.filter(verb="strategy.initiative_updated").get()
    assert event.before == {"status": "planned", "rag": "not_set", "rag_comment": ""}
    assert event.after["rag"] == "amber"


def test_services_refuse_objects_of_another_municipality(director, municipality, programme):
    foreign_unit = UnitFactory.create(municipality=MunicipalityFactory.create())
    with pytest.raises(StrategyError):
        services.initiative_create(
            actor=director,
            municipality=municipality,
            programme=programme,
            title="X",
            owner_unit=foreign_unit,
        )
    with pytest.raises(StrategyError):
        services.initiative_create(
            actor=director,
            municipality=MunicipalityFactory.create(),
            programme=programme,
            title="Y",
        )


def test_initiative_update_rejects_unknown_fields(director, municipality, initiative):
    with pytest.raises(TypeError):
        services.initiative_update(
            actor=director, municipality=municipality, initiative=initiative, municipality_id=1
        )


def _agreement(municipality, unit, **kwargs):
    return services.agreement_create(
        actor=None,
        municipality=municipality,
        level=kwargs.pop("level", "director"),
        title=kwargs.pop("title", "Direktøraftale"),
        unit=unit,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        **kwargs,
    )


def test_agreement_moves_only_along_the_transition_table(municipality, unit, director):
    agreement = _agreement(municipality, unit, parties=[director])
    assert agreement.state == Agreement.State.DRAFT
    assert list(agreement.parties.all()) == [director]
    with pytest.raises(StrategyError):
        services.agreement_set_state(
            actor=director, municipality=municipality, agreement=agreement, state="closed"
        )
    for state in ("in_dialogue", "agreed", "mid_year_follow_up", "closed"):
        agreement = services.agreement_set_state(
            actor=director, municipality=municipality, agreement=agreement, state=state
        )
    assert agreement.state == "closed"
    with pytest.raises(StrategyError):
        services.agreement_set_state(
            actor=director, municipality=municipality, agreement=agreement, state="agreed"
        )
    assert AuditEvent.objects.filter(verb="strategy.agreement_state_changed").count() == 4


@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s in Agreement.State.values for t in Agreement.State.values],
)
def test_transition_table_is_total(municipality, unit, source, target):
    agreement = _agreement(municipality, unit)
    Agreement.objects.filter(pk=agreement.pk).update(state=source)
    allowed = target in AGREEMENT_TRANSITIONS[source]
    if allowed:
        result = services.agreement_set_state(
            actor=None, municipality=municipality, agreement=agreement, state=target
        )
        assert result.state == target
    else:
        with pytest.raises(StrategyError):
            services.agreement_set_state(
                actor=None, municipality=municipality, agreement=agreement, state=target
            )


def test_agreement_chain_and_meetings(municipality, unit, director):
    parent = _agreement(municipality, unit)
    child = _agreement(municipality, unit, level="chief", title="Chefaftale", parent=parent)
    meeting = services.dialogue_meeting_add(
        actor=director,
        municipality=municipality,
        agreement=child,
        kind="start",
        held_on=datetime.date(2026, 1, 15),
        minutes="Mål aftalt.",
    )
    assert list(parent.children.all()) == [child]
    assert list(child.meetings.all()) == [meeting]
    other = MunicipalityFactory.create()
    foreign = _agreement(other, UnitFactory.create(municipality=other), title="Fremmed")
    with pytest.raises(StrategyError):
        _agreement(municipality, unit, level="chief", title="Forkert", parent=foreign)
