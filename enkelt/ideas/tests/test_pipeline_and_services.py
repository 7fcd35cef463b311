"""Stage transitions (allowed and refused), notes, scores, guides, notifications, conversion."""

import pytest
from django.core import mail

from enkelt.audit.models import AuditEvent
from enkelt.ideas import pipeline, services
from enkelt.ideas.error_codes import IdeaError, IdeaErrorCode
from enkelt.ideas.models import IdeaDevelopment, IdeaNote, Stage
from enkelt.ideas.selectors import scores_of, weighted_score
from enkelt.ideas.tests.factories import idea_new
from enkelt.regulations.tests.factories import RuleFactory
from enkelt.strategy.tests.factories import ProgrammeFactory
from enkelt.submissions.models import Submission, SubmissionEvent
from enkelt.submissions.tests.factories import SubmissionFactory
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

ALLOWED = {(a, b) for a, targets in pipeline.ALLOWED_TRANSITIONS.items() for b in targets}
ALL_PAIRS = [(a, b) for a in Stage.values for b in Stage.values]

# The way to each stage from `new`.
WAY = {
    Stage.NEW: [],
    Stage.BEING_ASSESSED: [Stage.BEING_ASSESSED],
    Stage.IN_DEVELOPMENT: [Stage.BEING_ASSESSED, Stage.IN_DEVELOPMENT],
    Stage.TESTED: [Stage.BEING_ASSESSED, Stage.IN_DEVELOPMENT, Stage.TESTED],
    Stage.IMPLEMENTED: [Stage.BEING_ASSESSED, Stage.IN_DEVELOPMENT, Stage.IMPLEMENTED],
    Stage.NOT_PURSUED: [Stage.NOT_PURSUED],
}


def _move(idea, stages, actor=None):
    for stage in stages:
        services.idea_transition(
            actor=actor,
            municipality=idea.municipality,
            submission=idea,
            to_stage=stage,
            reason="Ikke muligt" if stage == Stage.NOT_PURSUED else "",
        )


def test_table_matches_the_documented_pipeline():
    assert pipeline.allowed_next(Stage.NEW) == [Stage.BEING_ASSESSED, Stage.NOT_PURSUED]
    assert pipeline.allowed_next(Stage.IMPLEMENTED) == []
    assert set(pipeline.ALLOWED_TRANSITIONS) == set(Stage.values)


@pytest.mark.parametrize(("from_stage", "to_stage"), ALL_PAIRS)
def test_every_transition_is_allowed_or_refused_by_the_table(
    municipality, unit, from_stage, to_stage
):
    # given an idea at `from_stage`
    idea = idea_new(municipality=municipality, unit=unit)
    _move(idea, WAY[from_stage])
    # when it moves to `to_stage`
    call = {
        "actor": None,
        "municipality": municipality,
        "submission": idea,
        "to_stage": to_stage,
        "reason": "Ikke muligt",
    }
    if (from_stage, to_stage) in ALLOWED:
        development = services.idea_transition(**call)
        assert development.stage == to_stage
    else:
        with pytest.raises(IdeaError) as refused:
            services.idea_transition(**call)
        assert refused.value.code == IdeaErrorCode.TRANSITION_NOT_ALLOWED
        stored = IdeaDevelopment.objects.filter(submission=idea).first()
        assert (stored.stage if stored else Stage.NEW) == from_stage


def test_not_pursued_needs_a_reason(idea):
    with pytest.raises(IdeaError) as refused:
        services.idea_transition(
            actor=None, municipality=idea.municipality, submission=idea, to_stage="not_pursued"
        )
    assert refused.value.code == IdeaErrorCode.REASON_REQUIRED
    development = services.idea_transition(
        actor=None,
        municipality=idea.municipality,
        submission=idea,
        to_stage="not_pursued",
        reason="Findes allerede",
    )
    assert development.reason == "Findes allerede"
    _move(idea, [Stage.BEING_ASSESSED])
    assert IdeaDevelopment.objects.get(submission=idea).reason == ""


def test_unknown_stage_and_non_ideas_are_refused(municipality, idea):
    with pytest.raises(IdeaError) as refused:
        services.idea_transition(
            actor=None, municipality=municipality, submission=idea, to_stage="done"
        )
    assert refused.value.code == IdeaErrorCode.INVALID_STAGE
    fault = SubmissionFactory(municipality=municipality)
    with pytest.raises(IdeaError) as refused:
        services.idea_transition(
            actor=None, municipality=municipality, submission=fault, to_stage="being_assessed"
        )
    assert refused.value.code == IdeaErrorCode.NOT_AN_IDEA


def test_another_municipalitys_idea_is_refused(idea):
    with pytest.raises(IdeaError) as refused:
        services.idea_transition(
            actor=None,
            municipality=MunicipalityFactory(),
            submission=idea,
            to_stage="being_assessed",
        )
    assert refused.value.code == IdeaErrorCode.WRONG_MUNICIPALITY


def test_transition_keeps_note_people_audit_and_starts_the_submission(idea, leader):
    development = services.idea_transition(
        actor=leader,
        municipality=idea.municipality,
        submission=idea,
        to_stage="being_assessed",
        note="Vi ser på den",
        people="Portør, planlægger",
    )
    note = IdeaNote.objects.get(development=development)
    assert (note.stage, note.text, note.people, note.author) == (
        "being_assessed",
        "Vi ser på den",
        "Portør, planlægger",
        leader,
    )
    assert development.people == "Portør, planlægger"
    idea.refresh_from_db()
    assert idea.status == Submission.Status.IN_PROGRESS
    event = AuditEvent.objects.get(verb="ideas.stage_changed")
    assert event.before["stage"] == "new" and event.after["stage"] == "being_assessed"


def test_submitter_is_told_on_the_status_page_and_by_email_at_each_stage(
    idea, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _move(idea, [Stage.BEING_ASSESSED])
    with django_capture_on_commit_callbacks(execute=True):
        _move(idea, [Stage.IN_DEVELOPMENT])
    # two e-mails, in the submitter's language (English), to the given address
    assert len(mail.outbox) == 2
    assert mail.outbox[-1].to == ["borger@example.org"]
    assert idea.tracking_code in mail.outbox[-1].subject
    assert "in development" in mail.outbox[-1].body
    public = list(
        SubmissionEvent.objects.filter(
            submission=idea, is_public=True, kind=SubmissionEvent.Kind.PUBLIC_UPDATE
        ).values_list("text", flat=True)
    )
    assert public == [
        "Your idea is now at the stage “being assessed”.",
        "Your idea is now at the stage “in development”.",
    ]


def test_the_reason_reaches_the_submitter(idea, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_transition(
            actor=None,
            municipality=idea.municipality,
            submission=idea,
            to_stage="not_pursued",
            reason="Findes allerede i borgerservice",
        )
    assert "Findes allerede i borgerservice" in mail.outbox[0].body


def test_no_email_without_an_address_and_none_on_rollback(
    municipality, unit, django_capture_on_commit_callbacks
):
    idea = idea_new(municipality=municipality, unit=unit, contact_email="", is_anonymous=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _move(idea, [Stage.BEING_ASSESSED])
    assert mail.outbox == []
    assert SubmissionEvent.objects.filter(submission=idea, kind="public_update").count() == 1


def test_guides_are_assigned_only_from_the_guides(idea, member, unit):
    employee = member()
    with pytest.raises(IdeaError) as refused:
        services.idea_assign_guide(
            actor=None, municipality=idea.municipality, submission=idea, guide=employee
        )
    assert refused.value.code == IdeaErrorCode.NOT_A_GUIDE
    services.idea_guide_add(actor=None, municipality=idea.municipality, user=employee, unit=unit)
    development = services.idea_assign_guide(
        actor=None, municipality=idea.municipality, submission=idea, guide=employee
    )
    assert development.guide == employee


def test_a_guide_must_be_staff_of_the_municipality(municipality):
    from enkelt.tenants.tests.factories import MembershipFactory

    stranger = MembershipFactory().user
    with pytest.raises(IdeaError) as refused:
        services.idea_guide_add(actor=None, municipality=municipality, user=stranger)
    assert refused.value.code == IdeaErrorCode.NOT_STAFF


def test_scores_give_a_weighted_score_with_effort_counted_against(idea):
    development = services.idea_development_ensure(
        actor=None, municipality=idea.municipality, submission=idea
    )
    criteria = list(
        development.municipality and services.idea_criteria_defaults(municipality=idea.municipality)
    )
    assert [c.code for c in criteria] == ["vaerdi-for-borgerne", "indsats", "sammenhaeng-med-maal"]
    with pytest.raises(IdeaError):
        services.idea_score(
            actor=None, municipality=idea.municipality, submission=idea, scores={criteria[0]: 6}
        )
    services.idea_score(
        actor=None,
        municipality=idea.municipality,
        submission=idea,
        scores={criteria[0]: 5, criteria[1]: 1, criteria[2]: 5},
    )
    assert weighted_score(criteria=criteria, scores=scores_of(development=development)) == 100
    services.idea_score(
        actor=None, municipality=idea.municipality, submission=idea, scores={criteria[1]: 5}
    )
    # effort 5 of 5 counts as 0: (1 + 0 + 1) / 3
    assert weighted_score(criteria=criteria, scores=scores_of(development=development)) == 67


def test_idea_becomes_an_initiative_and_keeps_the_link_back(idea):
    programme = ProgrammeFactory(area__plan__municipality=idea.municipality)
    initiative = services.idea_convert_to_initiative(
        actor=None, municipality=idea.municipality, submission=idea, programme=programme
    )
    development = IdeaDevelopment.objects.get(submission=idea)
    assert development.initiative == initiative
    assert initiative.title == idea.title
    assert list(initiative.source_ideas.all()) == [development]
    with pytest.raises(IdeaError) as refused:
        services.idea_convert_to_case(
            actor=None,
            municipality=idea.municipality,
            submission=idea,
            rule=RuleFactory(municipality=idea.municipality),
        )
    assert refused.value.code == IdeaErrorCode.ALREADY_CONVERTED


def test_idea_becomes_a_case_and_keeps_the_link_back(idea):
    rule = RuleFactory(municipality=idea.municipality)
    case = services.idea_convert_to_case(
        actor=None, municipality=idea.municipality, submission=idea, rule=rule
    )
    development = IdeaDevelopment.objects.get(submission=idea)
    assert development.case == case
    assert case.rule == rule
    assert list(case.source_ideas.all()) == [development]
    assert idea.title in case.flags.get().suggestion
