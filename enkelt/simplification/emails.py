"""What a submitter reads about the rule they pointed at, on the status page and by e-mail.

Plain text in the recipient's language (the caller activates it). The status
page shows the same words as the e-mail, so the two never disagree.
"""

from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from enkelt.simplification.models import Case, Flag, Outcome
from enkelt.submissions.emails import status_url

REASON_MAX_IN_NOTE = 2_000


def _hours(value: Decimal | int) -> str:
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def news_text(case: Case, news: str) -> str:
    """One paragraph about the case, for `news` in notifications.NEWS."""
    rule = case.rule.title
    if news == "linked":
        return _(
            "Your report has been linked to the rule “%(rule)s”. The municipality will decide "
            "whether the rule is abolished, streamlined or kept, and you will be told."
        ) % {"rule": rule}
    if news == "realised":
        text = _(
            "Follow-up on the rule “%(rule)s”: the change has freed %(hours)s hours a year."
        ) % {"rule": rule, "hours": _hours(case.realised_freed_hours_per_year or 0)}
        if case.freed_time_used_for:
            text += " " + _("The time is now used for: %(use)s") % {
                "use": case.freed_time_used_for[:REASON_MAX_IN_NOTE]
            }
        return text
    outcome_sentences = {
        Outcome.ABOLISHED: _("The rule “%(rule)s” has been abolished."),
        Outcome.STREAMLINED: _("The rule “%(rule)s” has been streamlined."),
        Outcome.KEPT: _("The rule “%(rule)s” is kept."),
        Outcome.ESCALATED: _(
            "The rule “%(rule)s” is set by the state; the municipality has asked for an exemption."
        ),
        Outcome.NOT_HANDLED: _("The rule “%(rule)s” has not been handled this time."),
    }
    text = outcome_sentences[Outcome(case.outcome)] % {"rule": rule}
    if case.reason:
        text += " " + _("Reason: %(reason)s") % {"reason": case.reason[:REASON_MAX_IN_NOTE]}
    if case.expected_freed_hours_per_year:
        text += " " + _("Expected to free %(hours)s hours a year.") % {
            "hours": _hours(case.expected_freed_hours_per_year)
        }
    return text


def news_message(flag: Flag, news: str) -> EmailMessage | None:
    """The e-mail for one flag, or None when there is nobody to write to."""
    submission = flag.submission
    if submission is not None:
        address, language = submission.contact_email, submission.language
    else:
        user = flag.flagged_by
        address = user.email if user else ""
        language = user.language if user else ""
    if not address:
        return None
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "submission": submission,
            "text": news_text(flag.case, news),
            "status_url": status_url(submission) if submission is not None else "",
        }
        subject = _("News about the rule “%(rule)s”") % {"rule": flag.case.rule.title}
        body = render_to_string("simplification/email/case_news.txt", context)
    return EmailMessage(subject=subject, body=body, to=[address])
