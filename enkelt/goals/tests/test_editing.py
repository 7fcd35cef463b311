"""Creating agreements, adding goals and defining indicators: services and pages.

Who may and may not (a permission matrix per page), the golden-thread rule shown on
the form, bad input that saves nothing, and the audit trail of the new services.
"""

import datetime
from decimal import Decimal

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.urls import reverse

from enkelt.audit.models import AuditEvent
from enkelt.goals import services
from enkelt.goals.models import Goal, Indicator
from enkelt.goals.tests.factories import AgreementFactory, GoalFactory, IndicatorFactory
from enkelt.strategy import services as strategy_services
from enkelt.strategy.errors import StrategyError
from enkelt.strategy.models import Agreement
from enkelt.strategy.tests.factories import InitiativeFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip


def _login(client, user):
    """Log in; an administrator has set up two-factor authentication, as it must."""
    if user.membership.role == Role.ADMINISTRATOR:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    client.force_login(user)
    return client


def url(name, municipality, *args):
    return reverse(f"goals:{name}", args=[municipality.slug, *args])


@pytest.fixture
def chain(municipality, unit):
    director = AgreementFactory(municipality=municipality, unit=unit, title="Direktøraftale")
    chief = AgreementFactory(
        municipality=municipality, unit=unit, level="chief", parent=director, title="Chefaftale"
    )
    return director, chief


@pytest.fixture
def initiative(municipality):
    return InitiativeFactory(
        programme__area__plan__municipality=municipality, title="Ruteplanlægning"
    )


def _en(client):
    client.cookies["django_language"] = "en"
    return client


INDICATOR = {
    "title": "Andel tilfredse borgere",
    "definition": "Andel der svarer tilfreds eller meget tilfreds.",
    "unit": "percentage_points",
    "direction": "up",
    "source": "Borgerpanel",
    "frequency": "årligt",
    "baseline_value": "84",
    "baseline_date": "2024-01-01",
    "target_change": "3",
    "target_date": "2028-01-01",
    "milestones": "2026-01-01 85.5\n2027-01-01 86,2",
}


# --- services ---------------------------------------------------------------------------


def test_agreement_create_checks_the_parent_level(municipality, unit, chain):
    director, _chief = chain
    with pytest.raises(StrategyError) as error:
        strategy_services.agreement_create(
            actor=None, municipality=municipality, level="leader", title="Forkert",
            unit=unit, parent=director, period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        )  # fmt: skip
    assert error.value.code == "parent_level"
    assert not Agreement.objects.filter(title="Forkert").exists()


def test_agreement_update_changes_parties_and_is_audited(municipality, unit, chain):
    _director, chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    strategy_services.agreement_update(
        actor=chef, municipality=municipality, agreement=chief, parties=[chef],
        title="Chefaftale 2026",
    )  # fmt: skip
    chief.refresh_from_db()
    assert chief.title == "Chefaftale 2026" and list(chief.parties.all()) == [chef]
    event = AuditEvent.objects.get(verb="strategy.agreement_updated")
    assert event.after == {"title": "Chefaftale 2026", "parties": [chef.pk]}
    with pytest.raises(StrategyError):
        strategy_services.agreement_update(
            actor=chef, municipality=municipality, agreement=chief, parent=chief
        )


def test_indicator_update_replaces_milestones_and_checks_them(municipality):
    indicator = IndicatorFactory(municipality=municipality)
    services.indicator_update(
        actor=None, municipality=municipality, indicator=indicator, title="Ny titel",
        milestones=[(datetime.date(2026, 1, 1), Decimal("85.5"))],
    )  # fmt: skip
    assert [(m.date, m.value) for m in indicator.milestones.all()] == [
        (datetime.date(2026, 1, 1), Decimal("85.5"))
    ]
    event = AuditEvent.objects.get(verb="goals.indicator_updated")
    assert event.after["milestones"] == [["2026-01-01", "85.5000"]]
    with pytest.raises(ValidationError) as error:
        services.indicator_update(
            actor=None, municipality=municipality, indicator=indicator,
            milestones=[(datetime.date(2029, 1, 1), Decimal(86))],
        )  # fmt: skip
    assert set(error.value.error_dict) == {"milestones"}
    assert indicator.milestones.count() == 1


# --- pages: who may and may not ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_an_agreement(client, municipality, role):
    user = MembershipFactory(municipality=municipality, role=role).user
    _login(client, user)
    allowed = role in {Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}
    assert client.get(url("agreement_create", municipality)).status_code == (
        200 if allowed else 403
    )
    body = client.get(url("agreement_list", municipality)).content.decode()
    assert (url("agreement_create", municipality) in body) is allowed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("party", [True, False])
def test_who_may_add_a_goal_and_define_an_indicator(client, municipality, chain, role, party):
    _director, chief = chain
    user = MembershipFactory(municipality=municipality, role=role).user
    if party:
        chief.parties.add(user)
    goal = GoalFactory(agreement=chief)
    indicator = IndicatorFactory(municipality=municipality, goal=goal)
    _login(client, user)
    allowed = role == Role.ADMINISTRATOR or (
        party and role in {Role.LEADER, Role.CHIEF, Role.DIRECTOR}
    )
    expected = 200 if allowed else 403
    pages = [
        url("goal_create", municipality, chief.public_id),
        url("indicator_create", municipality, chief.public_id, goal.public_id),
        url("indicator_edit", municipality, indicator.public_id),
    ]
    for page in pages:
        assert client.get(page).status_code == expected, page
    response = client.post(pages[0], {"title": "Uden lov", "is_local": "on"})
    assert response.status_code == (302 if allowed else 403)
    assert Goal.objects.filter(title="Uden lov").exists() is allowed
    detail = client.get(url("agreement_detail", municipality, chief.public_id)).content.decode()
    assert (pages[0] in detail) is allowed


def test_another_municipalitys_director_gets_404(client, municipality, chain):
    _director, chief = chain
    stranger = MembershipFactory(role=Role.DIRECTOR).user
    chief.parties.add(stranger)  # even as a party, a foreign member is not let in
    client.force_login(stranger)
    assert client.get(url("goal_create", municipality, chief.public_id)).status_code == 404
    theirs = stranger.membership.municipality
    assert client.get(url("goal_create", theirs, chief.public_id)).status_code == 404


# --- pages: the journey and its errors --------------------------------------------------


def test_a_chief_creates_an_agreement_adds_a_goal_and_its_indicator(
    client, municipality, unit, chain, initiative
):
    director_agreement, _chief = chain
    chef = MembershipFactory(municipality=municipality, unit=unit, role=Role.CHIEF).user
    leader = MembershipFactory(municipality=municipality, unit=unit, role=Role.LEADER).user
    client.force_login(chef)
    response = client.post(
        url("agreement_create", municipality),
        {"level": "chief", "title": "Chefaftale Veje", "unit": unit.pk,
         "parties": [chef.pk, leader.pk], "parent": director_agreement.pk,
         "period_start": "2027-01-01", "period_end": "2027-12-31"},
    )  # fmt: skip
    agreement = Agreement.objects.get(title="Chefaftale Veje")
    assert response.status_code == 302
    assert set(agreement.parties.all()) == {chef, leader} and agreement.state == "draft"

    response = client.post(
        url("goal_create", municipality, agreement.public_id),
        {"title": "Flere tilfredse borgere", "initiative": initiative.pk},
    )
    goal = Goal.objects.get(agreement=agreement)
    assert goal.initiative == initiative and goal.owner == chef
    assert response["Location"] == url(
        "indicator_create", municipality, agreement.public_id, goal.public_id
    )

    response = client.post(response["Location"], INDICATOR)
    indicator = Indicator.objects.get(goal=goal)
    assert response.status_code == 302
    assert indicator.target_change == Decimal(3) and indicator.unit == "percentage_points"
    assert [m.value for m in indicator.milestones.all()] == [Decimal("85.5"), Decimal("86.2")]
    assert AuditEvent.objects.filter(verb="goals.indicator_created").count() == 1

    detail = client.get(url("agreement_detail", municipality, agreement.public_id))
    assert indicator.title in detail.content.decode()


def test_the_golden_thread_error_is_shown_on_the_form(client, municipality, unit, chain):
    _director, chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    chief.parties.add(chef)
    client = _en(client)
    client.force_login(chef)
    page = url("goal_create", municipality, chief.public_id)
    # neither linked nor local
    response = client.post(page, {"title": "Løst mål"}, **EN)
    assert response.status_code == 400
    assert "Link the goal to exactly one initiative" in response.content.decode()
    # linked and local at once
    area = InitiativeFactory(programme__area__plan__municipality=municipality).programme.area
    response = client.post(page, {"title": "Løst mål", "area": area.pk, "is_local": "on"}, **EN)
    assert response.status_code == 400
    # a parent goal from an agreement that is not the parent: not even a choice
    stray = GoalFactory(agreement=AgreementFactory(municipality=municipality))
    response = client.post(page, {"title": "Løst mål", "parent_goal": stray.pk}, **EN)
    assert response.status_code == 400
    assert not Goal.objects.filter(title="Løst mål").exists()


def test_bad_indicator_input_gives_form_errors_and_saves_nothing(client, municipality, chain):
    _director, chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    chief.parties.add(chef)
    goal = GoalFactory(agreement=chief)
    client = _en(client)
    client.force_login(chef)
    page = url("indicator_create", municipality, chief.public_id, goal.public_id)
    cases = [
        ({"target_value": "90"}, "not both"),  # level and change
        ({"target_change": "-3"}, "does not fit the baseline and direction"),
        ({"target_date": "2023-01-01"}, "target date must be after"),
        ({"milestones": "1. januar 85"}, "Line 1"),
        ({"milestones": "2030-01-01 85"}, "between the baseline and the target date"),
    ]
    for change, message in cases:
        response = client.post(page, {**INDICATOR, **change}, **EN)
        assert response.status_code == 400, change
        assert message in response.content.decode(), change
    assert not Indicator.objects.filter(goal=goal).exists()


def test_an_agreement_form_error_for_the_wrong_parent_level(client, municipality, unit, chain):
    director_agreement, _chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    client = _en(client)
    client.force_login(chef)
    response = client.post(
        url("agreement_create", municipality),
        {"level": "director", "title": "Forkert niveau", "unit": unit.pk, "parties": [chef.pk],
         "parent": director_agreement.pk, "period_start": "2027-01-01",
         "period_end": "2027-12-31"},
        **EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert "one level up" in response.content.decode()
    assert not Agreement.objects.filter(title="Forkert niveau").exists()


def test_a_party_changes_an_indicator(client, municipality, chain):
    _director, chief = chain
    leader = MembershipFactory(municipality=municipality, role=Role.LEADER).user
    chief.parties.add(leader)
    indicator = IndicatorFactory(municipality=municipality, goal=GoalFactory(agreement=chief))
    client.force_login(leader)
    page = url("indicator_edit", municipality, indicator.public_id)
    assert "84" in client.get(page).content.decode()
    response = client.post(page, {**INDICATOR, "title": "Ændret indikator", "milestones": ""})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.title == "Ændret indikator" and indicator.milestones.count() == 0


def test_a_closed_agreement_takes_no_new_goal(client, municipality, chain):
    _director, chief = chain
    user = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    chief.parties.add(user)
    goal = GoalFactory(agreement=chief)
    chief.state = Agreement.State.CLOSED
    chief.save()
    client.force_login(user)
    pages = [
        url("goal_create", municipality, chief.public_id),
        url("indicator_create", municipality, chief.public_id, goal.public_id),
    ]
    for page in pages:
        assert client.get(page).status_code == 403, page
    response = client.post(pages[0], {"title": "For sent", "is_local": "on"})
    assert response.status_code == 403
    assert not Goal.objects.filter(title="For sent").exists()
    detail = client.get(url("agreement_detail", municipality, chief.public_id)).content.decode()
    assert pages[0] not in detail and "data-add-indicator" not in detail
    # The service refuses too, whoever calls it.
    with pytest.raises(ValidationError) as refused:
        services.goal_create(
            actor=user, municipality=municipality, agreement=chief, title="x", is_local=True
        )
    assert refused.value.code == "agreement_closed"
    assert Goal.objects.filter(agreement=chief).count() == 1


def test_a_party_changes_a_goal_and_its_link(client, municipality, chain, initiative):
    _director, chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    chief.parties.add(chef)
    goal = GoalFactory(agreement=chief, title="Kortere ventetid", is_local=True)
    client.force_login(chef)
    page = url("goal_edit", municipality, chief.public_id, goal.public_id)
    detail = client.get(url("agreement_detail", municipality, chief.public_id)).content.decode()
    assert page in detail  # the agreement's page offers the change

    form = client.get(page, **EN).content.decode()
    assert 'value="Kortere ventetid"' in form
    response = client.post(
        page, {"title": "Kortere ventetid på svar", "initiative": initiative.pk}, **EN
    )
    assert response.status_code == 302
    assert response["Location"] == url("agreement_detail", municipality, chief.public_id)
    goal.refresh_from_db()
    assert (goal.title, goal.initiative, goal.is_local) == (
        "Kortere ventetid på svar",
        initiative,
        False,
    )
    event = AuditEvent.objects.get(verb="goals.goal_changed")
    assert event.before == {
        "title": "Kortere ventetid", "initiative": None, "is_local": True
    }  # fmt: skip
    assert event.after["initiative"] == initiative.pk and "description" not in event.after


def test_a_goal_change_that_breaks_the_golden_thread_saves_nothing(
    client, municipality, chain, initiative
):
    _director, chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    chief.parties.add(chef)
    goal = GoalFactory(agreement=chief, title="Før", is_local=True)
    client.force_login(chef)
    page = url("goal_edit", municipality, chief.public_id, goal.public_id)
    response = client.post(
        page, {"title": "Efter", "initiative": initiative.pk, "is_local": "on"}, **EN
    )
    assert response.status_code == 400
    assert "exactly one" in response.content.decode()
    response = client.post(page, {"title": " ", "is_local": "on"}, **EN)
    assert response.status_code == 400
    goal.refresh_from_db()
    assert (goal.title, goal.initiative, goal.is_local) == ("Før", None, True)
    assert not AuditEvent.objects.filter(verb="goals.goal_changed").exists()


@pytest.mark.parametrize("who", ["leader_not_party", "council_member", "stranger"])
def test_who_may_not_change_a_goal(client, municipality, chain, who):
    _director, chief = chain
    goal = GoalFactory(agreement=chief, title="Uændret", is_local=True)
    role = {"leader_not_party": Role.LEADER, "council_member": Role.COUNCIL_MEMBER}.get(who)
    if role:
        user = MembershipFactory(municipality=municipality, role=role).user
    else:
        user = MembershipFactory(role=Role.CHIEF).user  # another municipality's chief
        chief.parties.add(user)
    client.force_login(user)
    page = url("goal_edit", municipality, chief.public_id, goal.public_id)
    expected = 404 if who == "stranger" else 403
    assert client.get(page).status_code == expected
    assert client.post(page, {"title": "Ændret", "is_local": "on"}).status_code == expected
    goal.refresh_from_db()
    assert goal.title == "Uændret"


def test_a_closed_agreements_goals_cannot_change(client, municipality, chain):
    _director, chief = chain
    chef = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    chief.parties.add(chef)
    goal = GoalFactory(agreement=chief, title="Afsluttet", is_local=True)
    chief.state = Agreement.State.CLOSED
    chief.save()
    client.force_login(chef)
    page = url("goal_edit", municipality, chief.public_id, goal.public_id)
    assert client.post(page, {"title": "Ændret", "is_local": "on"}).status_code == 403
    detail = client.get(url("agreement_detail", municipality, chief.public_id)).content.decode()
    assert "data-edit-goal" not in detail
    with pytest.raises(ValidationError):
        services.goal_update(
            actor=chef, municipality=municipality, goal=goal, title="Ændret", is_local=True
        )
    goal.refresh_from_db()
    assert goal.title == "Afsluttet"
