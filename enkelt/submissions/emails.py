"""The e-mails a submitter receives: the receipt and the answer.

Each is rendered in the submitter's language (stored on the submission when it
was sent in) as plain text, so that it reads the same in every mail client.
The link to the status page needs the public base address of the instance,
`ENKELT_PUBLIC_URL`; without it the e-mail gives the tracking code only.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from enkelt.submissions.models import Follower, Submission

STATUS_URL_NAME = "submissions:status"
UNSUBSCRIBE_URL_NAME = "submissions:unsubscribe"


def status_url(submission: Submission) -> str:
    """Absolute address of the public status page, or "" when it cannot be built."""
    base = str(getattr(settings, "ENKELT_PUBLIC_URL", "")).rstrip("/")
    if not base:
        return ""
    try:
        path = reverse(
            STATUS_URL_NAME,
            kwargs={
                "municipality_slug": submission.municipality.slug,
                "tracking_code": submission.tracking_code,
            },
        )
    except NoReverseMatch:
        return ""
    return base + path


def _language(submission: Submission) -> str:
    return submission.language or settings.LANGUAGE_CODE


def receipt_message(submission: Submission) -> EmailMessage:
    """Precondition: `submission.contact_email` is set."""
    with translation.override(_language(submission)):
        context = {"submission": submission, "status_url": status_url(submission)}
        subject = _("We have received your submission %(code)s") % {
            "code": submission.tracking_code
        }
        body = render_to_string("submissions/email/receipt.txt", context)
    return EmailMessage(subject=subject, body=body, to=[submission.contact_email])


def answer_message(recipient: Submission, answered: Submission) -> EmailMessage:
    """The answer given on `answered`, sent to the submitter of `recipient`.

    The two differ when `recipient` was merged into `answered` as a duplicate:
    its submitter gets the same answer under their own tracking code.
    Precondition: `recipient.contact_email` is set.
    """
    with translation.override(_language(recipient)):
        context = {
            "submission": recipient,
            "answered": answered,
            "is_duplicate": recipient.pk != answered.pk,
            "status_url": status_url(recipient),
        }
        subject = _("Answer to your submission %(code)s") % {"code": recipient.tracking_code}
        body = render_to_string("submissions/email/answer.txt", context)
    return EmailMessage(subject=subject, body=body, to=[recipient.contact_email])


def unsubscribe_url(follower: Follower) -> str:
    """Absolute address of the follower's unsubscribe page, or "" without ENKELT_PUBLIC_URL."""
    base = str(getattr(settings, "ENKELT_PUBLIC_URL", "")).rstrip("/")
    if not base:
        return ""
    try:
        path = reverse(
            UNSUBSCRIBE_URL_NAME,
            kwargs={
                "municipality_slug": follower.submission.municipality.slug,
                "token": follower.unsubscribe_token,
            },
        )
    except NoReverseMatch:
        return ""
    return base + path


def follower_answer_message(follower: Follower) -> EmailMessage:
    """The public answer of the followed submission, with the way to stop following."""
    submission = follower.submission
    with translation.override(follower.language or settings.LANGUAGE_CODE):
        context = {
            "submission": submission,
            "status_url": status_url(submission),
            "unsubscribe_url": unsubscribe_url(follower),
        }
        subject = _("Answer to the report %(code)s you follow") % {"code": submission.tracking_code}
        body = render_to_string("submissions/email/answer_follower.txt", context)
    return EmailMessage(subject=subject, body=body, to=[follower.email])
