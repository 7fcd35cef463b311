"""The assessment criteria page: leaders change and add criteria; scores stay on the scale."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enkelt.audit.models import AuditEvent
from enkelt.ideas import services
from enkelt.ideas.models import IdeaCriterion
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def _url(municipality):
    return reverse("ideas:criteria", args=[municipality.slug])


def _values(criterion, **changes):
    fields = {
        "name_da": criterion.name_da, "name_en": criterion.name_en,
        "description_da": criterion.description_da, "description_en": criterion.description_en,
        "scale_max": criterion.scale_max, "weight": criterion.weight,
        "higher_is_better": "on" if criterion.higher_is_better else "", "order": criterion.order,
    } | changes  # fmt: skip
    return {"criterion": str(criterion.pk)} | {f"c{criterion.pk}-{k}": v for k, v in fields.items()}


def test_a_leader_sees_the_defaults_and_changes_a_weight(client, municipality, leader):
    client.force_login(leader)
    page = client.get(_url(municipality)).content.decode()
    criteria = list(IdeaCriterion.objects.filter(municipality=municipality))
    assert len(criteria) == 3 and page.count("data-criterion") == 3
    effort = next(c for c in criteria if not c.higher_is_better)
    response = client.post(_url(municipality), _values(effort, weight="2.5"))
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.weight == Decimal("2.5") and not effort.higher_is_better
    event = AuditEvent.objects.get(verb="ideas.criterion_changed", object_id=str(effort.pk))
    assert Decimal(event.before["weight"]) == 1 and Decimal(event.after["weight"]) == Decimal("2.5")


def test_new_criteria_get_unique_codes(client, municipality, leader):
    client.force_login(leader)
    services.idea_criteria_defaults(municipality=municipality)
    form = {"criterion": "new", "new-name_da": "Bæredygtighed", "new-scale_max": "5",
            "new-weight": "1", "new-higher_is_better": "on", "new-order": "9"}  # fmt: skip
    assert client.post(_url(municipality), form).status_code == 302
    assert client.post(_url(municipality), form).status_code == 302
    codes = set(
        IdeaCriterion.objects.filter(name_da="Bæredygtighed").values_list("code", flat=True)
    )
    assert codes == {"baeredygtighed", "baeredygtighed-2"}
    # bad input: a scale of 1 is refused beside the new form, nothing is added
    response = client.post(_url(municipality), form | {"new-scale_max": "1"})
    assert response.status_code == 400
    assert IdeaCriterion.objects.filter(name_da="Bæredygtighed").count() == 2


def test_the_scale_cannot_drop_below_existing_scores(client, municipality, leader, idea):
    client.force_login(leader)
    services.idea_development_ensure(actor=leader, municipality=municipality, submission=idea)
    value = IdeaCriterion.objects.filter(municipality=municipality).first()
    services.idea_score(actor=leader, municipality=municipality, submission=idea,
                        scores={value: 4})  # fmt: skip
    response = client.post(_url(municipality), _values(value, scale_max="3"))
    assert response.status_code == 400
    value.refresh_from_db()
    assert value.scale_max == 5
    assert client.post(_url(municipality), _values(value, scale_max="4")).status_code == 302


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.COUNCIL_MEMBER])
def test_only_leaders_manage_criteria(client, municipality, member, role):
    client.force_login(member(role))
    assert client.get(_url(municipality)).status_code == 403


def test_another_municipality_sees_nothing(client, municipality):
    other = MembershipFactory(municipality=MunicipalityFactory(), role=Role.LEADER).user
    client.force_login(other)
    assert client.get(_url(municipality)).status_code == 404
    criterion = services.idea_criteria_defaults(municipality=municipality)[0]
    client.post(_url(municipality), _values(criterion, weight="9"))
    criterion.refresh_from_db()
    assert criterion.weight == Decimal("1.00")


def test_a_criterion_with_a_large_id_is_named_without_thousand_separators(
    client, municipality, leader
):
    """Found in CI on PostgreSQL, whose ids keep growing: Danish formatting made 1234 "1.234"."""
    IdeaCriterion.objects.create(
        pk=123_456, municipality=municipality, code="stor", name_da="Stor", name_en="Large"
    )
    client.force_login(leader)
    page = client.get(_url(municipality), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert 'name="criterion" value="123456"' in page and "123.456" not in page
    criterion = IdeaCriterion.objects.get(pk=123_456)
    response = client.post(_url(municipality), _values(criterion, weight="3"))
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.weight == 3
