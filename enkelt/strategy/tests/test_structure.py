"""Creating and changing plans, development areas and programmes: the services (audit,
scoping) and the pages (who may and may not; bad input gives a form error, saves nothing)."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.urls import reverse

from enkelt.audit.models import AuditEvent
from enkelt.strategy import services
from enkelt.strategy.errors import StrategyError
from enkelt.strategy.models import DevelopmentArea, Initiative, Programme, StrategyPlan
from enkelt.strategy.tests.factories import (
    DevelopmentAreaFactory,
    ProgrammeFactory,
    StrategyPlanFactory,
)
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _login(client, user):
    """Log in; an administrator has set up two-factor authentication, as it must."""
    if user.membership.role == Role.ADMINISTRATOR:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    client.force_login(user)
    return client


def _url(name, municipality, *args):
    return reverse(f"strategy:{name}", args=[municipality.slug, *args])


@pytest.fixture
def area(plan):
    return DevelopmentAreaFactory.create(plan=plan, title="Effektiv drift")


@pytest.fixture
def programme(area):
    return ProgrammeFactory.create(area=area, title="Digital velfærd")


# --- services ---------------------------------------------------------------------------


def test_plan_update_is_audited_with_only_what_changed(director, municipality, plan):
    services.plan_update(
        actor=director, municipality=municipality, plan=plan, title="Strategiplan 2027+",
        adopted_by="Byrådet", adopted_on=datetime.date(2027, 1, 28),
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.title == "Strategiplan 2027+" and plan.adopted_by == "Byrådet"
    event = AuditEvent.objects.get(verb="strategy.plan_updated")
    assert event.after["title"] == "Strategiplan 2027+"
    assert "period_start" not in event.after
    # saving the same values again records nothing
    services.plan_update(actor=director, municipality=municipality, plan=plan, title=plan.title)
    assert AuditEvent.objects.filter(verb="strategy.plan_updated").count() == 1


def test_plan_update_refuses_a_period_that_ends_before_it_starts(director, municipality, plan):
    with pytest.raises(ValidationError):
        services.plan_update(
            actor=director, municipality=municipality, plan=plan,
            period_end=plan.period_start - datetime.timedelta(days=1),
        )  # fmt: skip
    plan.refresh_from_db()
    assert plan.period_end is None


def test_area_and_programme_updates_are_audited(director, municipality, plan, area, programme):
    services.area_update(actor=director, municipality=municipality, area=area, order=7)
    other_area = DevelopmentAreaFactory.create(plan=plan)
    services.programme_update(
        actor=director, municipality=municipality, programme=programme, area=other_area
    )
    programme.refresh_from_db()
    assert programme.area == other_area
    assert DevelopmentArea.objects.get(pk=area.pk).order == 7
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"strategy.area_updated", "strategy.programme_updated"} <= verbs


def test_a_programme_cannot_move_to_another_plan_or_municipality(director, municipality, programme):
    other_plan = StrategyPlanFactory.create(municipality=municipality)
    with pytest.raises(StrategyError):
        services.programme_update(
            actor=director, municipality=municipality, programme=programme,
            area=DevelopmentAreaFactory.create(plan=other_plan),
        )  # fmt: skip
    foreign = MunicipalityFactory.create()
    with pytest.raises(StrategyError):
        services.area_update(
            actor=director, municipality=foreign, area=programme.area, title="Overtaget"
        )


# --- pages: who may and may not ---------------------------------------------------------

PAGES = [
    ("plan_create", lambda p, a, g: ()),
    ("plan_edit", lambda p, a, g: (p.public_id,)),
    ("area_create", lambda p, a, g: (p.public_id,)),
    ("area_edit", lambda p, a, g: (p.public_id, a.pk)),
    ("programme_create", lambda p, a, g: (p.public_id,)),
    ("programme_edit", lambda p, a, g: (p.public_id, g.pk)),
]
ALLOWED = {Role.DIRECTOR, Role.ADMINISTRATOR}
ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_only_directors_and_administrators_open_the_structure_pages(
    client, municipality, plan, area, programme, role
):
    user = MembershipFactory.create(municipality=municipality, role=role).user
    _login(client, user)
    for name, args in PAGES:
        response = client.get(_url(name, municipality, *args(plan, area, programme)))
        assert response.status_code == (200 if role in ALLOWED else 403), name
        # and a POST is refused the same way, saving nothing
        if role not in ALLOWED:
            response = client.post(
                _url(name, municipality, *args(plan, area, programme)), {"title": "Nyt"}
            )
            assert response.status_code == 403
    assert not StrategyPlan.objects.filter(title="Nyt").exists()
    assert not DevelopmentArea.objects.filter(title="Nyt").exists()


def test_another_municipalitys_staff_and_objects_get_404(client, municipality, plan, area):
    foreign_director = MembershipFactory.create(role=Role.DIRECTOR).user
    client.force_login(foreign_director)
    assert client.get(_url("plan_edit", municipality, plan.public_id)).status_code == 404
    # their own municipality, but our plan: also not found
    theirs = foreign_director.membership.municipality
    assert client.get(_url("plan_edit", theirs, plan.public_id)).status_code == 404
    assert client.get(_url("area_edit", theirs, plan.public_id, area.pk)).status_code == 404


def test_anonymous_callers_are_sent_to_log_in(client, municipality, plan):
    response = client.get(_url("plan_create", municipality))
    assert response.status_code == 302 and "login" in response["Location"]


# --- pages: the director's journey ------------------------------------------------------


def test_director_creates_a_plan_an_area_a_programme_and_an_initiative(
    client, director, municipality, unit
):
    client.force_login(director)
    response = client.post(
        _url("plan_create", municipality),
        {"title": "Strategiplan 2030", "period_start": "2030-01-01", "adopted_by": "Byrådet"},
    )
    plan = StrategyPlan.objects.get(municipality=municipality, title="Strategiplan 2030")
    assert response.status_code == 302 and str(plan.public_id) in response["Location"]

    client.post(_url("area_create", municipality, plan.public_id), {"title": "Grøn omstilling"})
    area = DevelopmentArea.objects.get(plan=plan)
    response = client.post(
        _url("programme_create", municipality, plan.public_id),
        {"area": area.pk, "title": "Klimatilpasning", "order": 1},
    )
    assert response.status_code == 302
    programme = Programme.objects.get(area=area)

    # the portfolio offers to change the area and the programme
    body = client.get(_url("portfolio", municipality), {"plan": plan.public_id}).content.decode()
    assert _url("programme_edit", municipality, plan.public_id, programme.pk) in body
    assert _url("area_edit", municipality, plan.public_id, area.pk) in body

    response = client.post(
        f"{_url('initiative_create', municipality)}?plan={plan.public_id}",
        {"programme": programme.pk, "title": "Regnvandsbede", "owner_unit": unit.pk,
         "status": "planned", "rag": "not_set"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Initiative.objects.get(title="Regnvandsbede").programme == programme

    response = client.post(
        _url("programme_edit", municipality, plan.public_id, programme.pk),
        {"area": area.pk, "title": "Klimatilpasning og skybrud", "order": 2},
    )
    assert response.status_code == 302
    assert Programme.objects.get(pk=programme.pk).title == "Klimatilpasning og skybrud"


def test_bad_input_gives_a_form_error_and_saves_nothing(
    client, director, municipality, plan, area, programme
):
    client.force_login(director)
    client.cookies["django_language"] = "en"
    # a programme title already used in the area
    response = client.post(
        _url("programme_create", municipality, plan.public_id),
        {"area": area.pk, "title": programme.title, "order": 0},
        **EN,
    )
    assert response.status_code == 400
    assert 'class="alert alert-error"' in response.content.decode()
    assert Programme.objects.filter(area=area).count() == 1
    # a plan that ends before it starts
    response = client.post(
        _url("plan_edit", municipality, plan.public_id),
        {"title": plan.title, "period_start": "2026-01-01", "period_end": "2025-01-01"},
        **EN,
    )
    assert response.status_code == 400
    assert "The end of the period must be after its start." in response.content.decode()
    plan.refresh_from_db()
    assert plan.period_end is None
    # an area of another plan is not a valid choice for this plan's programme
    other_area = DevelopmentAreaFactory.create(plan=StrategyPlanFactory.create(
        municipality=municipality))  # fmt: skip
    response = client.post(
        _url("programme_create", municipality, plan.public_id),
        {"area": other_area.pk, "title": "Smuglet ind", "order": 0},
        **EN,
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(title="Smuglet ind").exists()
