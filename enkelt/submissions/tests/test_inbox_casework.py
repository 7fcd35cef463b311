"""casework.py services and the inbox selectors, without the web layer."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied

from enkelt.audit.models import AuditEvent
from enkelt.submissions.casework import (
    saved_filter_delete,
    saved_filter_save,
    submission_answer_compose,
    submission_moderation_approve,
    submission_reveal_identity,
    submissions_bulk_close,
)
from enkelt.submissions.demo import load_demo_categories
from enkelt.submissions.demo_casework import DEMO_TEMPLATES, load_demo_answer_templates
from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode
from enkelt.submissions.models import (
    AnswerTemplate,
    Category,
    SavedFilter,
    Submission,
    SubmissionEvent,
)
from enkelt.submissions.selectors_inbox import (
    InboxFilters,
    answer_templates_for,
    inbox_search,
    submitter_label,
)
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
)
from enkelt.tenants.models import Role

pytestmark = pytest.mark.django_db
Status = Submission.Status


def test_compose_takes_text_status_and_reason_from_template_in_submitters_language(
    municipality, case_worker
):
    submission = SubmissionFactory.create(municipality=municipality, language="en")
    template = AnswerTemplate.objects.create(
        municipality=municipality,
        title="Not ours",
        text_da="Ikke vores.",
        text_en="Not ours.",
        set_status="rejected",
        rejection_reason="not_ours",
    )
    submission_answer_compose(
        actor=case_worker, municipality=municipality, submission=submission, template=template
    )
    submission.refresh_from_db()
    assert (submission.public_answer, submission.status, submission.rejection_reason) == (
        "Not ours.",
        "rejected",
        "not_ours",
    )


def test_compose_refuses_template_of_another_municipality_or_category(municipality, case_worker):
    submission = SubmissionFactory.create(municipality=municipality)
    foreign = AnswerTemplate.objects.create(
        municipality=MunicipalityFactory.create(), title="x", text_da="x"
    )
    other_category = AnswerTemplate.objects.create(
        municipality=municipality,
        category=CategoryFactory.create(municipality=municipality),
        title="y",
        text_da="y",
    )
    for template in (foreign, other_category):
        with pytest.raises(SubmissionError):
            submission_answer_compose(
                actor=case_worker,
                municipality=municipality,
                submission=submission,
                template=template,
            )
    submission.refresh_from_db()
    assert submission.public_answer == ""


def test_bulk_rolls_back_only_the_refused_item(municipality, case_worker):
    ok = SubmissionFactory.create(municipality=municipality)
    refused = SubmissionFactory.create(
        municipality=municipality, status=Status.REJECTED, rejection_reason="spam"
    )
    result = submissions_bulk_close(
        actor=case_worker, municipality=municipality, submissions=[ok, refused]
    )
    assert result.done == [ok]
    assert [(s, e.code) for s, e in result.failed] == [
        (refused, SubmissionErrorCode.TRANSITION_NOT_ALLOWED)
    ]
    assert not SubmissionEvent.objects.filter(submission=refused, kind="status_changed").exists()
    assert SubmissionEvent.objects.filter(submission=ok, status_to="closed").exists()


def test_saved_filter_save_overwrites_by_name_and_delete_checks_owner(municipality, case_worker):
    first = saved_filter_save(
        actor=case_worker, municipality=municipality, name="Mine", query="?kind=fault"
    )
    second = saved_filter_save(
        actor=case_worker, municipality=municipality, name="Mine", query="kind=idea"
    )
    assert first.pk == second.pk
    assert SavedFilter.objects.get().query == "kind=idea"
    with pytest.raises(SubmissionError):
        saved_filter_save(actor=case_worker, municipality=municipality, name="  ", query="")
    colleague = MembershipFactory.create(municipality=municipality).user
    with pytest.raises(PermissionDenied):
        saved_filter_delete(actor=colleague, municipality=municipality, saved_filter=second)
    saved_filter_delete(actor=case_worker, municipality=municipality, saved_filter=second)
    assert not SavedFilter.objects.exists()


def test_reveal_checks_the_permission_itself(municipality):
    author = MembershipFactory.create(municipality=municipality).user
    submission = SubmissionFactory.create(
        municipality=municipality,
        submitted_by=author,
        employee_mode=Submission.EmployeeMode.PSEUDONYMOUS,
    )
    leader = MembershipFactory.create(municipality=municipality, role=Role.LEADER).user
    with pytest.raises(PermissionDenied):
        submission_reveal_identity(actor=leader, municipality=municipality, submission=submission)
    admin = MembershipFactory.create(municipality=municipality, role=Role.ADMINISTRATOR).user
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    revealed = submission_reveal_identity(
        actor=admin, municipality=municipality, submission=submission
    )
    assert revealed.username == author.username
    assert AuditEvent.objects.filter(verb="submission.identity_revealed", actor=admin).count() == 1


def test_submitter_label_hides_pseudonymous_author(municipality):
    author = MembershipFactory.create(municipality=municipality, user__first_name="Navn").user
    submission = SubmissionFactory.create(
        municipality=municipality,
        submitted_by=author,
        submitter_unit=author.membership.unit,
        employee_mode=Submission.EmployeeMode.PSEUDONYMOUS,
    )
    assert submitter_label(submission) == f"An employee in {author.membership.unit.name}"
    submission.employee_mode = Submission.EmployeeMode.OWN_NAME
    assert submitter_label(submission) == "Navn"


def test_approve_clears_the_flag_with_an_event(municipality, case_worker):
    submission = SubmissionFactory.create(
        municipality=municipality, needs_moderation=True, moderation_note="honeypot"
    )
    submission_moderation_approve(
        actor=case_worker, municipality=municipality, submission=submission
    )
    submission.refresh_from_db()
    assert not submission.needs_moderation
    assert SubmissionEvent.objects.filter(submission=submission, kind="moderated").exists()
    with pytest.raises(SubmissionError):
        submission_moderation_approve(
            actor=case_worker, municipality=MunicipalityFactory.create(), submission=submission
        )


def test_inbox_search_is_scoped(municipality):
    own = SubmissionFactory.create(municipality=municipality, title="Fælles ord")
    SubmissionFactory.create(title="Fælles ord")  # another municipality
    rows = inbox_search(municipality=municipality, filters=InboxFilters(q="fælles"))
    assert list(rows) == [own]


def test_demo_templates_are_idempotent(municipality):
    from enkelt.tenants.models import Unit

    Unit.objects.create(
        municipality=municipality, name="Veje", slug="veje-og-parker", kind="department"
    )
    load_demo_categories(municipality)
    assert load_demo_answer_templates(municipality) == len(DEMO_TEMPLATES)
    assert load_demo_answer_templates(municipality) == len(DEMO_TEMPLATES)
    assert AnswerTemplate.objects.filter(municipality=municipality).count() == len(DEMO_TEMPLATES)
    general = answer_templates_for(municipality=municipality, category=None)
    assert {t.title for t in general} == {t.title for t in DEMO_TEMPLATES if not t.category_code}
    roads = Category.objects.get(municipality=municipality, code="huller-i-vejen")
    for_roads = answer_templates_for(municipality=municipality, category=roads)
    assert "Hul i vejen udbedret" in {t.title for t in for_roads}
