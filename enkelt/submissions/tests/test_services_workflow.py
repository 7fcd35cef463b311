import pytest
from django.core import mail

from enkelt.audit.models import AuditEvent
from enkelt.submissions import pipeline
from enkelt.submissions.error_codes import SubmissionError
from enkelt.submissions.models import Submission, SubmissionEvent
from enkelt.submissions.services import (
    submission_add_note,
    submission_answer,
    submission_assign,
    submission_merge,
    submission_set_hidden,
    submission_transition,
)
from enkelt.submissions.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Status = Submission.Status
ALLOWED = [(a, b) for a, targets in pipeline.ALLOWED_TRANSITIONS.items() for b in sorted(targets)]


def at_status(municipality, status, **kwargs):
    reason = Submission.RejectionReason.SPAM if status == Status.REJECTED else ""
    return SubmissionFactory.create(
        municipality=municipality, status=status, rejection_reason=reason, **kwargs
    )


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_every_allowed_transition(municipality, case_worker, from_status, to_status):
    submission = at_status(municipality, from_status)
    submission_transition(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        to_status=to_status,
        reason="not_ours",
    )
    submission.refresh_from_db()
    assert submission.status == to_status
    assert submission.rejection_reason == ("not_ours" if to_status == Status.REJECTED else "")
    event = SubmissionEvent.objects.get(submission=submission, kind="status_changed")
    assert (event.status_from, event.status_to, event.is_public) == (from_status, to_status, True)
    assert event.actor == case_worker
    audit = AuditEvent.objects.get(verb="submission.transitioned")
    assert (audit.before or {})["status"] == from_status
    assert (audit.after or {})["status"] == to_status


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        ("received", "received"),
        ("in_progress", "received"),
        ("answered", "rejected"),
        ("closed", "answered"),
        ("closed", "received"),
        ("rejected", "closed"),
        ("rejected", "in_progress"),
    ],
)
def test_refused_transitions(municipality, case_worker, from_status, to_status):
    submission = at_status(municipality, from_status)
    with pytest.raises(SubmissionError) as raised:
        submission_transition(
            actor=case_worker,
            municipality=municipality,
            submission=submission,
            to_status=to_status,
            reason="spam",
        )
    assert raised.value.code == "transition_not_allowed"
    submission.refresh_from_db()
    assert submission.status == from_status
    assert not SubmissionEvent.objects.filter(submission=submission).exists()


def test_rejection_needs_a_reason(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    with pytest.raises(SubmissionError) as raised:
        submission_transition(
            actor=case_worker,
            municipality=municipality,
            submission=submission,
            to_status="rejected",
        )
    assert raised.value.code == "rejection_reason_required"


def test_unknown_status(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    with pytest.raises(SubmissionError) as raised:
        submission_transition(
            actor=case_worker, municipality=municipality, submission=submission, to_status="fixed"
        )
    assert raised.value.code == "invalid_status"


def test_transition_note_is_internal_by_default(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    submission_transition(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        to_status="in_progress",
        note="Sendt til driften",
    )
    note = SubmissionEvent.objects.get(submission=submission, kind="internal_note")
    assert note.text == "Sendt til driften" and not note.is_public


def test_transition_of_other_municipality_refused(municipality, case_worker):
    foreign = at_status(MunicipalityFactory.create(), Status.RECEIVED)
    with pytest.raises(SubmissionError) as raised:
        submission_transition(
            actor=case_worker,
            municipality=municipality,
            submission=foreign,
            to_status="in_progress",
        )
    assert raised.value.code == "wrong_municipality"


def test_answer_sets_text_status_and_emails_everyone(
    municipality, case_worker, django_capture_on_commit_callbacks
):
    main = at_status(municipality, Status.IN_PROGRESS, contact_email="first@example.dk")
    duplicate = at_status(municipality, Status.RECEIVED, contact_email="second@example.dk")
    silent = at_status(municipality, Status.RECEIVED, contact_email="")
    submission_merge(actor=case_worker, municipality=municipality, duplicate=duplicate, into=main)
    submission_merge(actor=case_worker, municipality=municipality, duplicate=silent, into=main)

    with django_capture_on_commit_callbacks(execute=True):
        submission_answer(
            actor=case_worker,
            municipality=municipality,
            submission=main,
            text="Hullet er lappet. Tak for hjælpen!",
        )
        assert mail.outbox == []

    main.refresh_from_db()
    assert main.status == Status.ANSWERED
    assert main.public_answer == "Hullet er lappet. Tak for hjælpen!"
    assert main.answered_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.dk", "second@example.dk"]
    for message in mail.outbox:
        assert "Hullet er lappet" in message.body
    to_duplicate = next(m for m in mail.outbox if m.to == ["second@example.dk"])
    assert duplicate.tracking_code in to_duplicate.subject
    assert main.tracking_code in to_duplicate.body
    kinds = list(SubmissionEvent.objects.filter(submission=main).values_list("kind", flat=True))
    assert "answered" in kinds and "status_changed" in kinds


def test_answer_with_template_status(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    submission_answer(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="Det er ikke kommunens vej.",
        set_status="rejected",
        reason="not_ours",
    )
    submission.refresh_from_db()
    assert (submission.status, submission.rejection_reason) == ("rejected", "not_ours")


def test_answer_keeps_status_when_asked(municipality, case_worker):
    submission = at_status(municipality, Status.CLOSED)
    submission_answer(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="Supplerende svar",
        set_status="",
    )
    submission.refresh_from_db()
    assert submission.status == Status.CLOSED and submission.public_answer


def test_answer_needs_text(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    with pytest.raises(SubmissionError) as raised:
        submission_answer(
            actor=case_worker, municipality=municipality, submission=submission, text="   "
        )
    assert raised.value.code == "empty_text"


def test_merge(municipality, case_worker):
    into = at_status(municipality, Status.IN_PROGRESS)
    duplicate = at_status(municipality, Status.RECEIVED)
    submission_merge(actor=case_worker, municipality=municipality, duplicate=duplicate, into=into)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.REJECTED
    assert duplicate.rejection_reason == Submission.RejectionReason.DUPLICATE
    assert duplicate.merged_into == into
    merged_on_duplicate = SubmissionEvent.objects.get(submission=duplicate, kind="merged")
    assert merged_on_duplicate.related_submission == into and merged_on_duplicate.is_public
    merged_on_into = SubmissionEvent.objects.get(submission=into, kind="merged")
    assert merged_on_into.related_submission == duplicate and not merged_on_into.is_public
    assert AuditEvent.objects.filter(verb="submission.merged").count() == 1


def test_merge_into_answered_sends_answer_at_once(
    municipality, case_worker, django_capture_on_commit_callbacks
):
    into = at_status(municipality, Status.ANSWERED, public_answer="Ordnet.")
    duplicate = at_status(municipality, Status.RECEIVED, contact_email="late@example.dk")
    with django_capture_on_commit_callbacks(execute=True):
        submission_merge(
            actor=case_worker, municipality=municipality, duplicate=duplicate, into=into
        )
    assert [m.to for m in mail.outbox] == [["late@example.dk"]]


def test_merge_refusals(municipality, case_worker):
    a = at_status(municipality, Status.RECEIVED)
    b = at_status(municipality, Status.RECEIVED)
    c = at_status(municipality, Status.RECEIVED)
    with pytest.raises(SubmissionError, match="merge_into_self"):
        submission_merge(actor=case_worker, municipality=municipality, duplicate=a, into=a)
    submission_merge(actor=case_worker, municipality=municipality, duplicate=a, into=b)
    with pytest.raises(SubmissionError, match="already_merged"):
        submission_merge(actor=case_worker, municipality=municipality, duplicate=a, into=c)
    with pytest.raises(SubmissionError, match="merge_into_merged"):
        submission_merge(actor=case_worker, municipality=municipality, duplicate=c, into=a)
    closed = at_status(municipality, Status.CLOSED)
    with pytest.raises(SubmissionError, match="transition_not_allowed"):
        submission_merge(actor=case_worker, municipality=municipality, duplicate=closed, into=b)
    foreign = at_status(MunicipalityFactory.create(), Status.RECEIVED)
    with pytest.raises(SubmissionError, match="wrong_municipality"):
        submission_merge(actor=case_worker, municipality=municipality, duplicate=foreign, into=b)


def test_undoing_a_merge_rejection_unlinks(municipality, case_worker):
    into = at_status(municipality, Status.RECEIVED)
    duplicate = at_status(municipality, Status.RECEIVED)
    submission_merge(actor=case_worker, municipality=municipality, duplicate=duplicate, into=into)
    submission_transition(
        actor=case_worker, municipality=municipality, submission=duplicate, to_status="received"
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.rejection_reason == ""


def test_assign_unit_and_person(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    unit = UnitFactory.create(municipality=municipality)
    submission_assign(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        unit=unit,
        assignee=case_worker,
    )
    submission.refresh_from_db()
    assert (submission.unit, submission.assignee) == (unit, case_worker)
    submission_assign(
        actor=case_worker, municipality=municipality, submission=submission, clear_assignee=True
    )
    submission.refresh_from_db()
    assert submission.assignee is None and submission.unit == unit
    assert SubmissionEvent.objects.filter(submission=submission, kind="assigned").count() == 2
    audit = AuditEvent.objects.filter(verb="submission.assigned").order_by("id").first()
    assert audit is not None
    assert audit.after == {"unit": unit.pk, "assignee": case_worker.pk}


def test_assign_across_municipalities_refused(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    foreign_unit = UnitFactory.create()
    foreign_worker = MembershipFactory.create().user
    with pytest.raises(SubmissionError) as raised:
        submission_assign(
            actor=case_worker, municipality=municipality, submission=submission, unit=foreign_unit
        )
    assert raised.value.code == "wrong_municipality"
    with pytest.raises(SubmissionError) as raised:
        submission_assign(
            actor=case_worker,
            municipality=municipality,
            submission=submission,
            assignee=foreign_worker,
        )
    assert raised.value.code == "assignee_not_staff"
    with pytest.raises(SubmissionError) as raised:
        submission_assign(
            actor=case_worker,
            municipality=municipality,
            submission=submission,
            assignee=UserFactory.create(),
        )  # a citizen, no membership
    assert raised.value.code == "assignee_not_staff"
    with pytest.raises(SubmissionError) as raised:
        submission_assign(actor=case_worker, municipality=municipality, submission=submission)
    assert raised.value.code == "nothing_to_assign"
    submission.refresh_from_db()
    assert submission.assignee is None
    assert not SubmissionEvent.objects.filter(submission=submission).exists()


def test_notes(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    public = submission_add_note(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="Vi kigger på det",
        is_public=True,
    )
    internal = submission_add_note(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="Ring til vejfolk",
        is_public=False,
    )
    assert (public.kind, public.is_public) == ("public_update", True)
    assert (internal.kind, internal.is_public) == ("internal_note", False)
    with pytest.raises(SubmissionError, match="text_too_long"):
        submission_add_note(
            actor=case_worker,
            municipality=municipality,
            submission=submission,
            text="x" * 10_001,
            is_public=False,
        )


def test_hide_and_unhide(municipality, case_worker):
    submission = at_status(municipality, Status.RECEIVED)
    with pytest.raises(SubmissionError, match="empty_text"):
        submission_set_hidden(
            actor=case_worker, municipality=municipality, submission=submission, is_hidden=True
        )
    submission_set_hidden(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        is_hidden=True,
        reason="Krænkende sprog",
    )
    submission.refresh_from_db()
    assert submission.is_hidden and submission.hidden_reason == "Krænkende sprog"
    submission_set_hidden(
        actor=case_worker, municipality=municipality, submission=submission, is_hidden=False
    )
    submission.refresh_from_db()
    assert not submission.is_hidden and submission.hidden_reason == ""
    assert list(
        AuditEvent.objects.filter(object_id=str(submission.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    ) == ["submission.hidden", "submission.unhidden"]
