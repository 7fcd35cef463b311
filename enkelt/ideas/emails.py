"""The e-mail a submitter receives when their idea moves to another stage.

Rendered in the submitter's language as plain text, with the link to the public
status page (`submissions.emails.status_url`, empty without ENKELT_PUBLIC_URL).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from enkelt.ideas.models import IdeaDevelopment, Stage
from enkelt.submissions.emails import status_url


def recipient_of(development: IdeaDevelopment) -> str:
    """The submitter's address: the one given with the idea, else the employee's own."""
    submission = development.submission
    if submission.contact_email:
        return submission.contact_email
    user = submission.submitted_by
    return user.email if user is not None and user.email else ""


def stage_text(development: IdeaDevelopment) -> str:
    """One sentence for the status page and the e-mail, in the active language."""
    stage = Stage(development.stage).label
    text = _("Your idea is now at the stage “%(stage)s”.") % {"stage": stage}
    if development.stage == Stage.NOT_PURSUED and development.reason:
        text += " " + _("Reason: %(reason)s") % {"reason": development.reason}
    return text


def stage_message(development: IdeaDevelopment) -> EmailMessage | None:
    to = recipient_of(development)
    if not to:
        return None
    submission = development.submission
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        context = {
            "submission": submission,
            "text": stage_text(development),
            "status_url": status_url(submission),
        }
        subject = _("News about your idea %(code)s") % {"code": submission.tracking_code}
        body = render_to_string("ideas/email/stage.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])
