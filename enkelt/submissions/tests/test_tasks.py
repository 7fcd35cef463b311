import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from enkelt.submissions.tasks import MAX_ATTEMPTS, send_submission_receipt
from enkelt.submissions.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_receipt_task_sends_once():
    submission = SubmissionFactory.create(contact_email="a@b.dk")
    assert send_submission_receipt.call(submission.pk) is True
    assert [m.to for m in mail.outbox] == [["a@b.dk"]]


def test_receipt_task_for_vanished_submission_does_nothing():
    assert send_submission_receipt.call(987654) is False
    assert mail.outbox == []


@override_settings(TASKS=DATABASE_TASKS)
def test_failed_send_is_retried_later(monkeypatch):
    submission = SubmissionFactory.create(contact_email="a@b.dk")

    def broken_send(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMessage, "send", broken_send)
    with pytest.raises(ConnectionRefusedError):
        send_submission_receipt.call(submission.pk)
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs == {"args": [submission.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after is not None

    with pytest.raises(ConnectionRefusedError):
        send_submission_receipt.call(submission.pk, attempt=MAX_ATTEMPTS)
    assert DBTaskResult.objects.count() == 1  # attempts used up: no further retry
