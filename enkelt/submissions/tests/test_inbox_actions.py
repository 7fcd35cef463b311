"""Inbox actions through the web: status, notes, assign, answer (templates), merge, moderation,
reveal identity and bulk actions. Each POST goes through one service; refusals come back as
messages in words."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from enkelt.audit.models import AuditEvent
from enkelt.submissions.models import AnswerTemplate, Submission, SubmissionEvent
from enkelt.submissions.services import submission_create
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
    UnitFactory,
)
from enkelt.tenants.models import Role

pytestmark = pytest.mark.django_db
Status = Submission.Status


def staff(municipality, role=Role.EMPLOYEE, **kwargs):
    user = MembershipFactory.create(municipality=municipality, role=role, **kwargs).user
    if role == Role.ADMINISTRATOR:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    return user


def action_url(submission, action):
    return reverse(
        "submissions:inbox_action",
        args=[submission.municipality.slug, submission.public_id, action],
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture(autouse=True)
def english(client):
    """The assertions below read the English messages."""
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def worker(municipality):
    return staff(municipality)


@pytest.fixture
def submission(municipality):
    return SubmissionFactory.create(
        municipality=municipality, contact_email="borger@example.dk", language="da"
    )


# ---------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------


def test_allowed_status_change_with_internal_note(client, worker, submission):
    client.force_login(worker)
    response = client.post(
        action_url(submission, "status"),
        {"status-to_status": "in_progress", "status-note": "Vejholdet er orienteret"},
        follow=True,
    )
    submission.refresh_from_db()
    assert submission.status == Status.IN_PROGRESS
    note = SubmissionEvent.objects.get(submission=submission, kind="internal_note")
    assert (note.text, note.is_public) == ("Vejholdet er orienteret", False)
    assert any("in progress" in m for m in messages_of(response))


def test_refused_status_change_is_not_offered_and_not_done(client, worker, municipality):
    closed = SubmissionFactory.create(municipality=municipality, status=Status.CLOSED)
    client.force_login(worker)
    page = client.get(
        reverse("submissions:inbox_detail", args=[municipality.slug, closed.public_id])
    )
    choices = [c for c, _ in page.context["forms"]["status"].fields["to_status"].choices]
    assert choices == ["in_progress"]

    response = client.post(action_url(closed, "status"), {"status-to_status": "answered"})
    assert response.status_code == 400  # not a choice: the form shows the error
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED


def test_rejection_needs_a_reason(client, worker, submission):
    client.force_login(worker)
    response = client.post(action_url(submission, "status"), {"status-to_status": "rejected"})
    assert response.status_code == 400
    assert "Choose a reason for the rejection." in response.content.decode()
    response = client.post(
        action_url(submission, "status"),
        {"status-to_status": "rejected", "status-reason": "not_ours"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.rejection_reason) == ("rejected", "not_ours")


def test_service_refusal_comes_back_as_a_message(client, worker, municipality, monkeypatch):
    from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode
    from enkelt.submissions.inbox import actions

    def refuse(**kwargs):
        raise SubmissionError(SubmissionErrorCode.TRANSITION_NOT_ALLOWED)

    monkeypatch.setattr(actions.services, "submission_transition", refuse)
    s = SubmissionFactory.create(municipality=municipality)
    client.force_login(worker)
    response = client.post(action_url(s, "status"), {"status-to_status": "closed"}, follow=True)
    assert "cannot move to that status" in " ".join(messages_of(response))


def test_get_on_an_action_is_not_allowed_and_unknown_action_is_404(client, worker, submission):
    client.force_login(worker)
    assert client.get(action_url(submission, "status")).status_code == 405
    assert client.post(action_url(submission, "explode")).status_code == 404


def test_council_member_cannot_act(client, municipality, submission):
    client.force_login(staff(municipality, Role.COUNCIL_MEMBER))
    response = client.post(action_url(submission, "status"), {"status-to_status": "closed"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == Status.RECEIVED


def test_other_municipality_cannot_act(client, submission):
    client.force_login(staff(MunicipalityFactory.create(), Role.ADMINISTRATOR))
    response = client.post(action_url(submission, "status"), {"status-to_status": "closed"})
    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.status == Status.RECEIVED


# ---------------------------------------------------------------------------
# Notes and assignment
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("choice", "public"), [("0", False), ("1", True)])
def test_note_public_or_internal(client, worker, submission, choice, public):
    client.force_login(worker)
    client.post(
        action_url(submission, "note"), {"note-text": "Vi kigger på det", "note-is_public": choice}
    )
    event = SubmissionEvent.objects.get(submission=submission, text="Vi kigger på det")
    assert event.is_public is public
    assert event.kind == ("public_update" if public else "internal_note")


def test_internal_note_is_marked_in_history(client, worker, submission):
    client.force_login(worker)
    client.post(action_url(submission, "note"), {"note-text": "Kun til os", "note-is_public": "0"})
    body = client.get(
        reverse(
            "submissions:inbox_detail", args=[submission.municipality.slug, submission.public_id]
        )
    ).content.decode()
    assert "Kun til os" in body
    assert "enkelt-internal" in body


def test_assign_to_unit_and_person(client, worker, municipality, submission):
    unit = UnitFactory.create(municipality=municipality)
    colleague = staff(municipality)
    client.force_login(worker)
    client.post(
        action_url(submission, "assign"), {"assign-unit": unit.pk, "assign-assignee": colleague.pk}
    )
    submission.refresh_from_db()
    assert (submission.unit, submission.assignee) == (unit, colleague)

    client.post(action_url(submission, "assign"), {"assign-assignee": "me"})
    submission.refresh_from_db()
    assert submission.assignee == worker
    client.post(action_url(submission, "assign"), {"assign-assignee": "none"})
    submission.refresh_from_db()
    assert submission.assignee is None
    assert AuditEvent.objects.filter(verb="submission.assigned").count() == 3


def test_assign_across_municipalities_is_refused(client, worker, submission):
    other = MunicipalityFactory.create()
    foreign_unit = UnitFactory.create(municipality=other)
    foreign_person = staff(other)
    client.force_login(worker)
    response = client.post(
        action_url(submission, "assign"),
        {"assign-unit": foreign_unit.pk, "assign-assignee": foreign_person.pk},
    )
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.unit != foreign_unit and submission.assignee is None


# ---------------------------------------------------------------------------
# Answer, with and without a template
# ---------------------------------------------------------------------------


@pytest.fixture
def templates(municipality, submission):
    own = AnswerTemplate.objects.create(
        municipality=municipality,
        category=submission.category,
        title="Udbedret",
        text_da="Hullet er lappet.",
        text_en="The hole is fixed.",
        set_status="closed",
    )
    reject = AnswerTemplate.objects.create(
        municipality=municipality,
        title="Ikke vores",
        text_da="Det hører ikke under kommunen.",
        set_status="rejected",
        rejection_reason="not_ours",
    )
    other_category = AnswerTemplate.objects.create(
        municipality=municipality,
        category=CategoryFactory.create(municipality=municipality),
        title="Andet",
        text_da="Andet",
    )
    return own, reject, other_category


def detail(client, submission, **query):
    url = reverse(
        "submissions:inbox_detail", args=[submission.municipality.slug, submission.public_id]
    )
    return client.get(url, query)


def test_picking_a_template_fills_the_answer_without_js(client, worker, submission, templates):
    own, _, _ = templates
    client.force_login(worker)
    response = detail(client, submission)
    offered = {t.title for t in response.context["pick_form"].fields["template"].queryset}
    assert offered == {"Udbedret", "Ikke vores"}  # not another category's

    response = detail(client, submission, template=own.pk)
    form = response.context["forms"]["answer"]
    assert form.initial["text"] == "Hullet er lappet."
    assert form.initial["set_status"] == "closed"
    assert "Hullet er lappet." in response.content.decode()


def test_answer_with_template_sets_status_and_sends_email(
    client, worker, submission, templates, django_capture_on_commit_callbacks
):
    own, _, _ = templates
    client.force_login(worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url(submission, "answer"),
            {
                "answer-template": own.pk,
                "answer-text": "Hullet er lappet i dag.",
                "answer-set_status": "closed",
            },
            follow=True,
        )
    submission.refresh_from_db()
    assert submission.status == Status.CLOSED
    assert submission.public_answer == "Hullet er lappet i dag."
    assert [m.to for m in mail.outbox] == [["borger@example.dk"]]
    assert "Hullet er lappet i dag." in mail.outbox[0].body
    audit = AuditEvent.objects.get(verb="submission.answered_with_template")
    assert (audit.after or {})["template"] == own.pk
    assert any("answer has been saved" in m for m in messages_of(response))


def test_rejecting_template_sets_reason(client, worker, submission, templates):
    _, reject, _ = templates
    client.force_login(worker)
    client.post(
        action_url(submission, "answer"),
        {
            "answer-template": reject.pk,
            "answer-text": reject.text_da,
            "answer-set_status": "rejected",
            "answer-reason": "not_ours",
        },
    )
    submission.refresh_from_db()
    assert (submission.status, submission.rejection_reason) == ("rejected", "not_ours")


def test_template_of_another_category_is_refused(client, worker, submission, templates):
    _, _, other_category = templates
    client.force_login(worker)
    response = client.post(
        action_url(submission, "answer"),
        {"answer-template": other_category.pk, "answer-text": "x", "answer-set_status": "answered"},
    )
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.public_answer == ""


def test_answer_without_text_is_refused(client, worker, submission):
    client.force_login(worker)
    response = client.post(
        action_url(submission, "answer"), {"answer-text": "  ", "answer-set_status": "answered"}
    )
    assert response.status_code == 400
    assert mail.outbox == []


# ---------------------------------------------------------------------------
# Merge, hide/unhide, moderation
# ---------------------------------------------------------------------------


def test_merge_by_tracking_code(client, worker, municipality, submission):
    into = SubmissionFactory.create(municipality=municipality, category=submission.category)
    client.force_login(worker)
    page = detail(client, submission)
    assert into.tracking_code in [
        n.submission.tracking_code for n in page.context["detail"].duplicates
    ]

    typed = into.tracking_code.lower().replace("-", "")
    client.post(action_url(submission, "merge"), {"merge-tracking_code": typed})
    submission.refresh_from_db()
    assert submission.merged_into == into
    assert (submission.status, submission.rejection_reason) == ("rejected", "duplicate")


def test_merge_into_unknown_or_itself_is_refused(client, worker, submission):
    client.force_login(worker)
    response = client.post(action_url(submission, "merge"), {"merge-tracking_code": "ZZZ-ZZZ"})
    assert response.status_code == 400
    assert "No submission has that tracking code." in response.content.decode()
    response = client.post(
        action_url(submission, "merge"),
        {"merge-tracking_code": submission.tracking_code},
        follow=True,
    )
    assert "cannot be merged into itself" in " ".join(messages_of(response))
    submission.refresh_from_db()
    assert submission.merged_into is None


def test_hide_and_unhide_by_moderator_only(client, municipality, submission):
    client.force_login(staff(municipality, Role.EMPLOYEE))
    assert client.post(action_url(submission, "hide"), {"hide-reason": "Spam"}).status_code == 403

    client.force_login(staff(municipality, Role.LEADER))
    assert client.post(action_url(submission, "hide"), {"hide-reason": ""}).status_code == 400
    client.post(action_url(submission, "hide"), {"hide-reason": "Krænkende sprog"})
    submission.refresh_from_db()
    assert (submission.is_hidden, submission.hidden_reason) == (True, "Krænkende sprog")
    client.post(action_url(submission, "unhide"))
    submission.refresh_from_db()
    assert (submission.is_hidden, submission.hidden_reason) == (False, "")
    verbs = list(
        AuditEvent.objects.filter(object_id=str(submission.pk)).values_list("verb", flat=True)
    )
    assert "submission.hidden" in verbs and "submission.unhidden" in verbs


def test_moderation_queue_lists_flagged_and_approve_clears_flag(client, municipality):
    flagged = SubmissionFactory.create(
        municipality=municipality, needs_moderation=True, moderation_note="Mange links"
    )
    clean = SubmissionFactory.create(municipality=municipality)
    client.force_login(staff(municipality, Role.LEADER))
    url = reverse("submissions:inbox_moderation", args=[municipality.slug])
    body = client.get(url).content.decode()
    assert flagged.tracking_code in body and "Mange links" in body
    assert clean.tracking_code not in body

    response = client.post(action_url(flagged, "approve"), {"next": url})
    assert response["Location"] == url
    flagged.refresh_from_db()
    assert (flagged.needs_moderation, flagged.moderation_note) == (False, "")
    assert AuditEvent.objects.filter(verb="submission.moderation_approved").exists()
    assert flagged.tracking_code not in client.get(url).content.decode()


def test_moderation_hide_from_queue_returns_to_queue(client, municipality):
    flagged = SubmissionFactory.create(municipality=municipality, needs_moderation=True)
    client.force_login(staff(municipality, Role.LEADER))
    url = reverse("submissions:inbox_moderation", args=[municipality.slug])
    response = client.post(action_url(flagged, "hide"), {"hide-reason": "Spam", "next": url})
    assert response["Location"] == url
    flagged.refresh_from_db()
    assert flagged.is_hidden


def test_next_to_another_host_is_ignored(client, municipality):
    flagged = SubmissionFactory.create(municipality=municipality, needs_moderation=True)
    client.force_login(staff(municipality, Role.LEADER))
    response = client.post(action_url(flagged, "approve"), {"next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]


# ---------------------------------------------------------------------------
# Pseudonymous employee submissions and revealing the identity
# ---------------------------------------------------------------------------


@pytest.fixture
def pseudonymous(municipality):
    unit = UnitFactory.create(municipality=municipality, name="Plejecenter Egelunden")
    author = MembershipFactory.create(
        municipality=municipality,
        unit=unit,
        user__first_name="Hemmelig",
        user__last_name="Medarbejdersen",
    ).user
    category = CategoryFactory.create(municipality=municipality, kind="hassle")
    return submission_create(
        actor=author,
        municipality=municipality,
        category=category,
        title="Dobbelt dokumentation",
        description="Vi skriver det samme to steder.",
        employee_mode=Submission.EmployeeMode.PSEUDONYMOUS,
    )


def without_pickers(body):
    """The page without its <select> lists: the author is staff, so listed there as anyone."""
    return re.sub(r"<select.*?</select>", "", body, flags=re.S)


def test_pseudonymous_submission_shows_only_the_unit(client, worker, pseudonymous):
    client.force_login(worker)
    response = detail(client, pseudonymous)
    body = without_pickers(response.content.decode())
    assert "An employee in Plejecenter Egelunden" in body
    assert "Medarbejdersen" not in body  # neither in the facts, the history nor the audit trail
    assert "Reveal identity" not in body
    assert client.post(action_url(pseudonymous, "reveal")).status_code == 403


def test_leader_cannot_reveal(client, municipality, pseudonymous):
    client.force_login(staff(municipality, Role.LEADER))
    assert client.post(action_url(pseudonymous, "reveal")).status_code == 403
    assert not AuditEvent.objects.filter(verb="submission.identity_revealed").exists()


def test_administrator_reveals_once_and_it_is_audited(client, municipality, pseudonymous):
    admin = staff(municipality, Role.ADMINISTRATOR)
    client.force_login(admin)
    assert "Reveal identity" in detail(client, pseudonymous).content.decode()

    response = client.post(action_url(pseudonymous, "reveal"))
    assert response.status_code == 200
    assert "Hemmelig Medarbejdersen" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    audit = AuditEvent.objects.get(verb="submission.identity_revealed")
    assert audit.actor == admin
    # shown once: the next page view does not name them
    assert "Medarbejdersen" not in without_pickers(detail(client, pseudonymous).content.decode())


def test_reveal_of_a_non_pseudonymous_submission_is_refused(client, municipality, submission):
    client.force_login(staff(municipality, Role.ADMINISTRATOR))
    response = client.post(action_url(submission, "reveal"), follow=True)
    assert "not pseudonymous" in " ".join(messages_of(response))
    assert not AuditEvent.objects.filter(verb="submission.identity_revealed").exists()


# ---------------------------------------------------------------------------
# Bulk actions
# ---------------------------------------------------------------------------


def bulk(client, municipality, **data):
    url = reverse("submissions:inbox_bulk", args=[municipality.slug])
    return client.post(url, data, follow=True)


def test_bulk_assign(client, worker, municipality):
    rows = SubmissionFactory.create_batch(3, municipality=municipality)
    unit = UnitFactory.create(municipality=municipality)
    client.force_login(worker)
    response = bulk(
        client,
        municipality,
        operation="assign",
        unit=unit.pk,
        assignee=worker.pk,
        selected=[str(s.public_id) for s in rows[:2]],
    )
    assert any("2 submissions were changed" in m for m in messages_of(response))
    assert Submission.objects.filter(unit=unit, assignee=worker).count() == 2
    rows[2].refresh_from_db()
    assert rows[2].unit != unit


def test_bulk_close_reports_per_item_failures(client, worker, municipality):
    open_one = SubmissionFactory.create(municipality=municipality)
    rejected = SubmissionFactory.create(
        municipality=municipality, status=Status.REJECTED, rejection_reason="spam"
    )
    client.force_login(worker)
    response = bulk(
        client,
        municipality,
        operation="close",
        selected=[str(open_one.public_id), str(rejected.public_id)],
    )
    msgs = messages_of(response)
    assert any("1 submission was changed" in m for m in msgs)
    assert any(rejected.tracking_code in m and "cannot move" in m for m in msgs)
    open_one.refresh_from_db()
    rejected.refresh_from_db()
    assert (open_one.status, rejected.status) == (Status.CLOSED, Status.REJECTED)


def test_bulk_answer_with_template_emails_each(
    client, worker, municipality, django_capture_on_commit_callbacks
):
    category = CategoryFactory.create(municipality=municipality)
    template = AnswerTemplate.objects.create(
        municipality=municipality,
        title="Tak",
        text_da="Tak for din henvendelse.",
        text_en="Thank you.",
        set_status="answered",
    )
    da = SubmissionFactory.create(
        municipality=municipality, category=category, contact_email="a@example.dk", language="da"
    )
    en = SubmissionFactory.create(
        municipality=municipality, category=category, contact_email="b@example.dk", language="en"
    )
    client.force_login(worker)
    with django_capture_on_commit_callbacks(execute=True):
        bulk(
            client,
            municipality,
            operation="answer",
            template=template.pk,
            selected=[str(da.public_id), str(en.public_id)],
        )
    da.refresh_from_db()
    en.refresh_from_db()
    assert (da.public_answer, en.public_answer) == ("Tak for din henvendelse.", "Thank you.")
    assert da.status == en.status == Status.ANSWERED
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.dk", "b@example.dk"]


def test_bulk_ignores_other_municipalitys_ids_and_needs_a_selection(client, worker, municipality):
    foreign = SubmissionFactory.create()
    client.force_login(worker)
    response = bulk(client, municipality, operation="close", selected=[str(foreign.public_id)])
    foreign.refresh_from_db()
    assert foreign.status == Status.RECEIVED
    assert not any("changed" in m for m in messages_of(response))

    response = bulk(client, municipality, operation="close")
    assert any("Select at least one submission." in m for m in messages_of(response))


def test_bulk_is_refused_to_council_members(client, municipality):
    s = SubmissionFactory.create(municipality=municipality)
    client.force_login(staff(municipality, Role.COUNCIL_MEMBER))
    url = reverse("submissions:inbox_bulk", args=[municipality.slug])
    assert (
        client.post(url, {"operation": "close", "selected": [str(s.public_id)]}).status_code == 403
    )
