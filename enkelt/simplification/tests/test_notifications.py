"""Every linked submitter is told the outcome: status page and e-mail, and again at follow-up."""

from decimal import Decimal

import pytest
from django.core import mail

from enkelt.simplification import pipeline, services
from enkelt.simplification.error_codes import SimplificationError
from enkelt.simplification.models import Flag, Outcome
from enkelt.simplification.tests.factories import (
    ActivityFactory,
    HassleSubmissionFactory,
    RuleFactory,
    case_in_state,
)
from enkelt.submissions.models import SubmissionEvent
from enkelt.submissions.tests.factories import SubmissionFactory
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _public_texts(submission) -> list[str]:
    return list(
        SubmissionEvent.objects.filter(submission=submission, is_public=True)
        .order_by("id")
        .values_list("text", flat=True)
    )


def test_flags_from_several_submissions_gather_on_one_case():
    rule = RuleFactory()
    first, second = HassleSubmissionFactory.create_batch(2, municipality=rule.municipality)
    a = services.case_flag_from_submission(
        actor=None, municipality=rule.municipality, submission=first, rule=rule
    )
    b = services.case_flag_from_submission(
        actor=None, municipality=rule.municipality, submission=second, rule=rule
    )
    again = services.case_flag_from_submission(
        actor=None, municipality=rule.municipality, submission=first, rule=rule
    )
    assert a.case_id == b.case_id
    assert again.pk == a.pk
    assert Flag.objects.filter(case_id=a.case_id).count() == 2
    assert (
        "linked to the rule" in _public_texts(first)[-1] or rule.title in _public_texts(first)[-1]
    )


def test_only_hassle_submissions_are_linked():
    rule = RuleFactory()
    fault = SubmissionFactory(municipality=rule.municipality)
    with pytest.raises(SimplificationError):
        services.case_flag_from_submission(
            actor=None, municipality=rule.municipality, submission=fault, rule=rule
        )


def test_every_linked_submitter_is_told_the_decision_and_the_realised_hours(
    settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "da"
    # given three hassle submissions and an employee's own flag on one rule
    rule = RuleFactory(title="Ugentlig rapport om kørsel")
    ActivityFactory(rule=rule)
    municipality = rule.municipality
    submissions = HassleSubmissionFactory.create_batch(3, municipality=municipality)
    submissions[2].language = "en"
    submissions[2].save()
    for submission in submissions:
        services.case_flag_from_submission(
            actor=None, municipality=municipality, submission=submission, rule=rule
        )
    employee = MembershipFactory(municipality=municipality).user
    services.case_flag_rule(
        actor=employee, municipality=municipality, rule=rule, suggestion="Hver måned er nok"
    )
    case = rule.simplification_cases.get()
    leader = MembershipFactory(municipality=municipality, role="leader").user
    services.case_select(actor=leader, municipality=municipality, case=case)
    mail.outbox.clear()

    # when the leader decides "abolished" with a reason
    with django_capture_on_commit_callbacks(execute=True):
        services.case_decide(
            actor=leader,
            municipality=municipality,
            case=case,
            outcome=Outcome.ABOLISHED,
            reason="Ingen læser rapporten.",
        )

    # then every submitter has a public update and an e-mail; the employee an e-mail
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([*(s.contact_email for s in submissions), employee.email])
    for submission in submissions:
        texts = _public_texts(submission)
        assert "Ingen læser rapporten." in texts[-1]
        assert rule.title in texts[-1]
    english = next(m for m in mail.outbox if m.to == [submissions[2].contact_email])
    assert "has been abolished" in english.body
    assert submissions[0].tracking_code in next(
        m.body for m in mail.outbox if m.to == [submissions[0].contact_email]
    )

    # and again when the realised hours are recorded
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_record_realised(
            actor=leader,
            municipality=municipality,
            case=case,
            hours=Decimal("590"),
            used_for="Hjemmebesøg",
        )
    assert len(mail.outbox) == 4
    for submission in submissions:
        assert "Hjemmebesøg" in _public_texts(submission)[-1]


def test_nothing_is_sent_when_the_decision_is_refused(django_capture_on_commit_callbacks):
    case = case_in_state(pipeline.FLAGGED)
    submission = HassleSubmissionFactory(municipality=case.municipality)
    services.case_flag_from_submission(
        actor=None, municipality=case.municipality, submission=submission, rule=case.rule
    )
    mail.outbox.clear()
    before = len(_public_texts(submission))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SimplificationError):
        services.case_decide(
            actor=None, municipality=case.municipality, case=case, outcome=Outcome.ABOLISHED
        )
    assert not mail.outbox
    assert len(_public_texts(submission)) == before
