from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from enkelt.audit.models import AuditEvent
from enkelt.submissions.deadlines import add_working_days
from enkelt.submissions.error_codes import SubmissionError
from enkelt.submissions.masking import PLACEHOLDER
from enkelt.submissions.models import CategoryQuestion, Submission, SubmissionEvent
from enkelt.submissions.services import submission_create
from enkelt.submissions.tests.factories import (
    AreaRouteFactory,
    CategoryFactory,
    CategoryQuestionFactory,
    MembershipFactory,
    MunicipalityFactory,
    UnitFactory,
    UserFactory,
)
from enkelt.submissions.tracking import ALPHABET

pytestmark = pytest.mark.django_db


def create(municipality, category, **kwargs):
    params = {
        "actor": None,
        "municipality": municipality,
        "category": category,
        "title": "Hul i vejen",
        "description": "Et stort hul ud for nr. 12",
        "lat": Decimal("55.716"),
        "lon": Decimal("11.713"),
    }
    params.update(kwargs)
    return submission_create(**params)


def test_create_stores_routes_and_sets_deadline(municipality, category):
    depot = UnitFactory.create(municipality=municipality)
    AreaRouteFactory.create(category=category, unit=depot, postal_codes=["4340"])

    submission = create(municipality, category, postal_code="4340")

    assert submission.pk and submission.status == Submission.Status.RECEIVED
    assert submission.unit == depot
    assert submission.kind == category.kind
    assert submission.due_at == add_working_days(
        timezone.localdate(), category.deadline_working_days
    )
    code = submission.tracking_code
    assert len(code) == 7 and code[3] == "-"
    assert all(c in ALPHABET for c in code.replace("-", ""))
    assert create(municipality, category, postal_code="4300").unit == category.unit


def test_create_records_event_and_audit(municipality, category):
    submission = create(municipality, category)
    event = SubmissionEvent.objects.get(submission=submission)
    assert event.kind == SubmissionEvent.Kind.CREATED and event.is_public
    assert event.municipality == municipality
    audit = AuditEvent.objects.get(verb="submission.created", object_id=str(submission.pk))
    assert audit.actor_label == "system"
    assert (audit.after or {})["tracking_code"] == submission.tracking_code


def test_public_copies_are_masked_and_originals_kept(municipality, category):
    submission = create(
        municipality,
        category,
        title="Ring 12 34 56 78",
        description="Mit CPR er 010190-1234 og min mail er a@b.dk. Vejnummer 12.",
        suggestion="Skriv til 0045 87654321",
    )
    assert submission.public_title == f"Ring {PLACEHOLDER}"
    assert "010190-1234" not in submission.public_description
    assert "a@b.dk" not in submission.public_description
    assert "Vejnummer 12" in submission.public_description
    assert PLACEHOLDER in submission.public_suggestion
    assert "010190-1234" in submission.description  # staff see the original


def test_idempotency_key_returns_the_same_submission(municipality, category):
    first = create(municipality, category, idempotency_key="abc-123", contact_email="a@b.dk")
    again = create(municipality, category, idempotency_key="abc-123", contact_email="a@b.dk")
    assert again.pk == first.pk
    assert Submission.objects.count() == 1
    assert SubmissionEvent.objects.count() == 1


def test_overlong_idempotency_key_refused(municipality, category):
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, idempotency_key="k" * 201)
    assert "idempotency_key" in raised.value.error_dict


def test_idempotency_key_is_per_municipality(municipality, category):
    other = MunicipalityFactory.create()
    other_category = CategoryFactory.create(municipality=other)
    create(municipality, category, idempotency_key="same")
    create(other, other_category, idempotency_key="same")
    assert Submission.objects.count() == 2


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (Decimal("52.52"), Decimal("13.40")),  # Berlin
        (Decimal("59.33"), Decimal("18.07")),  # Stockholm
        (Decimal("55.68"), Decimal("7.5")),
        ("nan", "12.0"),
        ("abc", "12.0"),
    ],
)
def test_coordinates_outside_denmark_are_refused(municipality, category, lat, lon):
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, lat=lat, lon=lon)
    assert "lat" in raised.value.error_dict
    assert Submission.objects.count() == 0
    assert SubmissionEvent.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_bornholm_is_inside(municipality, category):
    assert create(municipality, category, lat="55.10", lon="14.90").pk


def test_half_a_position_is_refused(municipality, category):
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, lon=None)
    assert raised.value.error_dict["lat"][0].code == "incomplete"


def test_location_required(municipality, category):
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, lat=None, lon=None)
    assert raised.value.error_dict["lat"][0].code == "location_required"
    assert create(municipality, category, lat=None, lon=None, address="Storegade 1").pk
    not_required = CategoryFactory.create(municipality=municipality, location_required=False)
    assert create(municipality, not_required, lat=None, lon=None).pk


def test_anonymous_refused_where_not_allowed(municipality):
    category = CategoryFactory.create(municipality=municipality, allow_anonymous=False)
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, is_anonymous=True)
    assert raised.value.error_dict["is_anonymous"][0].code == "anonymous_not_allowed"
    with pytest.raises(ValidationError) as raised:
        create(municipality, category)  # nobody to answer
    assert raised.value.error_dict["contact_email"][0].code == "contact_required"
    assert Submission.objects.count() == 0
    assert create(municipality, category, contact_phone="12345678").pk


def test_anonymous_allowed_stores_no_identity(municipality, category):
    citizen = UserFactory.create()
    submission = create(municipality, category, actor=citizen, is_anonymous=True)
    assert submission.is_anonymous and submission.submitted_by is None
    with pytest.raises(ValidationError):
        create(municipality, category, is_anonymous=True, contact_email="a@b.dk")


def test_logged_in_citizen_is_recorded(municipality, category):
    citizen = UserFactory.create()
    assert create(municipality, category, actor=citizen).submitted_by == citizen


def test_lengths_and_required_text(municipality, category):
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, title=" ", description="x" * 10_001)
    assert set(raised.value.error_dict) >= {"title", "description"}
    with pytest.raises(ValidationError):
        create(municipality, category, title="x" * 201)
    # Open311 clients retry forever on errors: long descriptions are stored whole.
    long = create(municipality, category, channel="open311", description="x" * 20_000)
    assert len(long.description) == 20_000


def test_invalid_email_and_postal_code(municipality, category):
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, contact_email="not-an-address", postal_code="43")
    assert set(raised.value.error_dict) == {"contact_email", "postal_code"}


def test_category_of_other_municipality_refused(municipality):
    foreign = CategoryFactory.create()
    with pytest.raises(SubmissionError) as raised:
        create(municipality, foreign)
    assert raised.value.code == "wrong_municipality"


def test_inactive_category_refused(municipality):
    category = CategoryFactory.create(municipality=municipality, is_active=False)
    with pytest.raises(ValidationError) as raised:
        create(municipality, category)
    assert "category" in raised.value.error_dict


def test_employee_modes(municipality, category):
    membership = MembershipFactory.create(municipality=municipality)
    submission = create(
        municipality,
        category,
        actor=membership.user,
        employee_mode="pseudonymous",
        channel="employee",
    )
    assert submission.submitted_by == membership.user
    assert submission.submitter_unit == membership.unit
    outsider = MembershipFactory.create().user
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, actor=outsider, employee_mode="internal")
    assert raised.value.error_dict["employee_mode"][0].code == "not_employee"
    with pytest.raises(ValidationError):
        create(municipality, category, actor=None, employee_mode="own_name")


def test_answers_to_extra_questions(municipality, category):
    CategoryQuestionFactory.create(
        category=category,
        code="size",
        required=True,
        datatype=CategoryQuestion.Datatype.SINGLE_VALUE_LIST,
        choices=[{"key": "small", "name_da": "Lille"}, {"key": "big", "name_da": "Stor"}],
    )
    CategoryQuestionFactory.create(
        category=category, code="count", datatype=CategoryQuestion.Datatype.NUMBER
    )
    CategoryQuestionFactory.create(
        category=category,
        code="kinds",
        datatype=CategoryQuestion.Datatype.MULTI_VALUE_LIST,
        choices=[{"key": "a", "name_da": "A"}, {"key": "b", "name_da": "B"}],
    )
    with pytest.raises(ValidationError) as raised:
        create(municipality, category, answers={"count": "many"})
    assert set(raised.value.error_dict) == {"answers.size", "answers.count"}

    submission = create(
        municipality,
        category,
        answers={
            "size": "big",
            "count": "3,5",
            "kinds": ["a", "b"],
            "unknown_attribute": "ignored",
        },
    )
    assert submission.answers == {"size": "big", "count": "3.5", "kinds": ["a", "b"]}


def test_receipt_email_after_commit_only(
    municipality, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submission = create(
            municipality, category, contact_email="borger@example.dk", language="en"
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["borger@example.dk"]
    assert submission.tracking_code in message.subject
    assert submission.tracking_code in message.body
    assert "&amp;" not in message.body


def test_receipt_in_the_submitters_language(
    municipality, category, django_capture_on_commit_callbacks
):
    from django.utils import translation

    # The request was in English; the worker runs in the default language.
    with translation.override("en"):
        submission = create(municipality, category, contact_email="a@b.dk")
    assert submission.language == "en"
    with translation.override("da"), django_capture_on_commit_callbacks(execute=True):
        create(municipality, category, contact_email="a@b.dk", language="en")
    assert mail.outbox[0].subject.startswith("We have received your submission")


def test_no_receipt_without_email(municipality, category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create(municipality, category, contact_phone="12345678")
    assert callbacks == []
    assert mail.outbox == []


def test_no_receipt_when_refused(municipality, category, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        create(municipality, category, contact_email="a@b.dk", lat="40.0", lon="10.0")
    assert callbacks == []
    assert mail.outbox == []


def test_retry_of_idempotent_post_sends_no_second_receipt(
    municipality, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create(municipality, category, contact_email="a@b.dk", idempotency_key="k1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create(municipality, category, contact_email="a@b.dk", idempotency_key="k1")
    assert callbacks == []
    assert len(mail.outbox) == 1


def test_failing_mail_server_loses_nothing(
    municipality, category, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMessage

    def broken_send(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMessage, "send", broken_send)
    with django_capture_on_commit_callbacks(execute=True):
        submission = create(municipality, category, contact_email="a@b.dk")
    # The task failed (and would be retried by a deferring backend); the row is there.
    assert Submission.objects.filter(pk=submission.pk).exists()
    assert mail.outbox == []


def test_language_falls_back_to_a_supported_one(municipality, category):
    assert create(municipality, category, language="en-gb").language == "en"
    assert create(municipality, category, language="xx").language == "da"
