"""The idea pages: permission matrix, board and table, actions, query counts, status page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enkelt.ideas import services
from enkelt.ideas.models import IdeaDevelopment, IdeaGuide
from enkelt.ideas.tests.factories import idea_new
from enkelt.strategy.tests.factories import ProgrammeFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _url(name, municipality, *args):
    return reverse(f"ideas:{name}", args=[municipality.slug, *args])


def _english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def people(municipality, unit, other_unit, member):
    """Everyone in the matrix: the guides are plain employees with the guide role."""
    unit_guide = member(Role.EMPLOYEE)
    services.idea_guide_add(actor=None, municipality=municipality, user=unit_guide, unit=unit)
    wide_guide = member(Role.EMPLOYEE, other_unit)
    services.idea_guide_add(actor=None, municipality=municipality, user=wide_guide)
    return {
        "employee": member(Role.EMPLOYEE),
        "council_member": member(Role.COUNCIL_MEMBER),
        "unit_guide": unit_guide,
        "wide_guide": wide_guide,
        "leader": member(Role.LEADER, other_unit),
        "chief": member(Role.CHIEF, other_unit),
        "other_municipality": MembershipFactory(role=Role.LEADER).user,
    }


@pytest.fixture
def ideas(municipality, unit, other_unit):
    """One idea in the unit guide's subtree and one outside it."""
    return {
        "inside": idea_new(municipality=municipality, unit=unit, title="Idé i hjemmeplejen"),
        "outside": idea_new(municipality=municipality, unit=other_unit, title="Idé om veje"),
    }


# person -> (board, inside idea, outside idea, develop inside, guides page)
MATRIX = {
    "employee": (403, 403, 403, 403, 403),
    "council_member": (403, 403, 403, 403, 403),
    "unit_guide": (200, 200, 403, 302, 403),
    "wide_guide": (200, 200, 200, 302, 403),
    "leader": (200, 200, 200, 302, 200),
    "chief": (200, 200, 200, 302, 200),
    "other_municipality": (404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("person", list(MATRIX))
def test_permission_matrix(client, municipality, people, ideas, person):
    client.force_login(people[person])
    board, inside, outside, develop, guides = MATRIX[person]
    assert client.get(_url("board", municipality)).status_code == board
    assert client.get(_url("detail", municipality, ideas["inside"].public_id)).status_code == inside
    assert (
        client.get(_url("detail", municipality, ideas["outside"].public_id)).status_code == outside
    )
    response = client.post(
        _url("transition", municipality, ideas["inside"].public_id), {"stage": "being_assessed"}
    )
    assert response.status_code == develop
    assert client.get(_url("guides", municipality)).status_code == guides


def test_unit_guide_sees_only_their_subtree_on_the_board(client, municipality, people, ideas):
    client.force_login(people["unit_guide"])
    page = client.get(_url("board", municipality)).content.decode()
    assert "Idé i hjemmeplejen" in page
    assert "Idé om veje" not in page
    client.force_login(people["leader"])
    page = client.get(_url("board", municipality)).content.decode()
    assert "Idé i hjemmeplejen" in page and "Idé om veje" in page


def test_a_guide_keeps_the_ideas_they_guide_outside_their_unit(client, municipality, people, ideas):
    services.idea_assign_guide(
        actor=None,
        municipality=municipality,
        submission=ideas["outside"],
        guide=people["unit_guide"],
    )
    client.force_login(people["unit_guide"])
    assert client.get(_url("detail", municipality, ideas["outside"].public_id)).status_code == 200


def test_board_filters_by_unit_and_guide_and_shows_a_table(
    client, municipality, people, ideas, unit
):
    services.idea_assign_guide(
        actor=None,
        municipality=municipality,
        submission=ideas["inside"],
        guide=people["wide_guide"],
    )
    client.force_login(people["leader"])
    page = client.get(_url("board", municipality), {"unit": unit.pk}).content.decode()
    assert "Idé i hjemmeplejen" in page and "Idé om veje" not in page
    page = client.get(
        _url("board", municipality), {"guide": people["wide_guide"].pk}
    ).content.decode()
    assert "Idé i hjemmeplejen" in page and "Idé om veje" not in page
    table = _english(client).get(_url("board", municipality), {"view": "table"})
    assert table.content.decode().count("data-idea-row") == 2
    assert "<caption" in table.content.decode()


def test_guide_picks_an_idea_and_moves_it(client, municipality, people, ideas):
    idea = ideas["inside"]
    client.force_login(people["unit_guide"])
    detail = _english(client).get(_url("detail", municipality, idea.public_id)).content.decode()
    assert "Be the guide of this idea" in detail
    client.post(_url("pick", municipality, idea.public_id))
    assert IdeaDevelopment.objects.get(submission=idea).guide == people["unit_guide"]
    # a picked idea cannot be picked again by someone else
    client.force_login(people["wide_guide"])
    assert client.post(_url("pick", municipality, idea.public_id)).status_code == 403
    client.force_login(people["unit_guide"])
    client.post(_url("transition", municipality, idea.public_id), {"stage": "being_assessed"})
    response = client.post(
        _url("transition", municipality, idea.public_id),
        {"stage": "in_development", "note": "Prototype", "people": "Portør"},
        follow=True,
    )
    assert IdeaDevelopment.objects.get(submission=idea).stage == "in_development"
    assert "in development" in response.content.decode()


def test_refused_transition_says_what_to_do(client, municipality, people, ideas):
    client.force_login(people["leader"])
    idea = ideas["inside"]
    response = _english(client).post(
        _url("transition", municipality, idea.public_id), {"stage": "not_pursued"}, follow=True
    )
    assert "Write why the idea is not pursued." in response.content.decode()
    assert not IdeaDevelopment.objects.filter(submission=idea, stage="not_pursued").exists()


def test_notes_scores_and_assignment_through_the_page(client, municipality, people, ideas):
    idea = ideas["inside"]
    client.force_login(people["leader"])
    client.post(_url("note_add", municipality, idea.public_id), {"text": "Godt forslag"})
    client.get(_url("detail", municipality, idea.public_id))
    criteria = services.idea_criteria_defaults(municipality=municipality)
    client.post(
        _url("score", municipality, idea.public_id),
        {f"criterion_{c.pk}": "4" for c in criteria},
    )
    client.post(_url("assign", municipality, idea.public_id), {"guide": people["wide_guide"].pk})
    development = IdeaDevelopment.objects.get(submission=idea)
    assert development.notes.get().text == "Godt forslag"
    assert sorted(development.scores.values_list("score", flat=True)) == [4, 4, 4]
    assert development.guide == people["wide_guide"]
    page = _english(client).get(_url("detail", municipality, idea.public_id)).content.decode()
    assert "Godt forslag" in page and "Weighted score" in page


def test_leader_turns_the_idea_into_an_initiative_whose_page_links_back(
    client, municipality, people, ideas
):
    idea = ideas["inside"]
    programme = ProgrammeFactory(area__plan__municipality=municipality)
    client.force_login(people["wide_guide"])
    assert (
        client.post(
            _url("to_initiative", municipality, idea.public_id), {"programme": programme.pk}
        ).status_code
        == 403
    )
    client.force_login(people["leader"])
    client.post(_url("to_initiative", municipality, idea.public_id), {"programme": programme.pk})
    development = IdeaDevelopment.objects.get(submission=idea)
    assert development.initiative is not None
    detail = client.get(_url("detail", municipality, idea.public_id)).content.decode()
    assert str(development.initiative.public_id) in detail


def test_leaders_make_and_remove_guides(client, municipality, people, unit):
    employee = people["employee"]
    client.force_login(people["leader"])
    response = client.post(_url("guides", municipality), {"user": employee.pk, "unit": unit.pk})
    assert response.status_code == 302
    guide = IdeaGuide.objects.get(user=employee)
    assert guide.unit == unit
    page = client.get(_url("guides", municipality)).content.decode()
    assert employee.get_full_name() or employee.username in page
    client.post(_url("guide_remove", municipality, guide.pk))
    assert not IdeaGuide.objects.filter(user=employee).exists()


def test_status_page_shows_the_idea_stage(client, municipality, ideas):
    idea = ideas["inside"]
    services.idea_transition(
        actor=None, municipality=municipality, submission=idea, to_stage="being_assessed"
    )
    url = reverse("submissions:status", args=[municipality.slug, idea.tracking_code])
    page = _english(client).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your idea is now at the stage “being assessed”." in page


def test_board_query_count_is_constant(client, municipality, unit, people):
    client.force_login(people["leader"])
    idea_new(municipality=municipality, unit=unit)
    with CaptureQueriesContext(connection) as few:
        client.get(_url("board", municipality))
    for n in range(8):
        idea = idea_new(municipality=municipality, unit=unit, title=f"Idé {n}")
        services.idea_assign_guide(
            actor=None, municipality=municipality, submission=idea, guide=people["wide_guide"]
        )
        services.idea_transition(
            actor=None, municipality=municipality, submission=idea, to_stage="being_assessed"
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url("board", municipality), {"view": "table"})
    assert response.content.decode().count("data-idea-row") == 9
    assert len(many) <= len(few) + 1


def test_board_queries_are_few(client, municipality, unit, people, django_assert_max_num_queries):
    client.force_login(people["unit_guide"])
    for n in range(5):
        idea_new(municipality=municipality, unit=unit, title=f"Idé {n}")
    with django_assert_max_num_queries(15):
        client.get(_url("board", municipality))


def test_initiative_and_case_pages_show_where_they_came_from(client, municipality, people, ideas):
    from enkelt.regulations.tests.factories import RuleFactory

    leader = people["leader"]
    initiative = services.idea_convert_to_initiative(
        actor=leader,
        municipality=municipality,
        submission=ideas["inside"],
        programme=ProgrammeFactory(area__plan__municipality=municipality),
    )
    case = services.idea_convert_to_case(
        actor=leader,
        municipality=municipality,
        submission=ideas["outside"],
        rule=RuleFactory(municipality=municipality),
    )
    client.force_login(people["chief"])
    page = client.get(
        reverse("strategy:initiative_detail", args=[municipality.slug, initiative.public_id])
    ).content.decode()
    assert ideas["inside"].tracking_code in page
    assert str(ideas["inside"].public_id) in page
    page = client.get(
        reverse("simplification:case_detail", args=[municipality.slug, case.public_id])
    ).content.decode()
    assert ideas["outside"].tracking_code in page


def test_status_page_lists_the_stage(client, municipality, ideas):
    idea = ideas["inside"]
    services.idea_transition(
        actor=None, municipality=municipality, submission=idea, to_stage="being_assessed"
    )
    url = reverse("submissions:status", args=[municipality.slug, idea.tracking_code])
    assert 'data-idea-stage="being_assessed"' in client.get(url).content.decode()
