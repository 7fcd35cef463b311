"""Telling the people behind the flags what happened to the rule they pointed at.

Every submitter linked to a case hears the decision, and again when the realised
freed hours are recorded: on their submission's public status page at once (a
public update through `submissions.services.submission_add_note`, written in
the submitter's language) and by e-mail after commit, through the task queue.
Employees who flagged a rule directly get the e-mail.
"""

from functools import partial
from typing import Final

from django.conf import settings
from django.db import transaction
from django.utils import translation

from enkelt.simplification.emails import news_text
from enkelt.simplification.models import Case, Flag
from enkelt.simplification.tasks import send_case_news
from enkelt.simplification.texts import Actor
from enkelt.submissions.services import submission_add_note
from enkelt.tenants.models import Municipality

LINKED: Final = "linked"
DECIDED: Final = "decided"
REALISED: Final = "realised"
NEWS: Final = frozenset({LINKED, DECIDED, REALISED})


def _enqueue(flag: Flag, news: str) -> None:
    transaction.on_commit(partial(send_case_news.enqueue, flag.pk, news), robust=True)


def _has_address(flag: Flag) -> bool:
    if flag.submission is not None:
        return bool(flag.submission.contact_email)
    return bool(flag.flagged_by and flag.flagged_by.email)


def tell_linked(*, actor: Actor, municipality: Municipality, flag: Flag) -> None:
    """The submitter sees on the status page that the report now points at a rule."""
    submission = flag.submission
    if submission is None:
        return
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        text = news_text(flag.case, LINKED)
    submission_add_note(
        actor=actor, municipality=municipality, submission=submission, text=text, is_public=True
    )


def tell_submitters(*, actor: Actor, municipality: Municipality, case: Case, news: str) -> None:
    """Status page update for every linked submission; an e-mail to everyone with an address."""
    flags = Flag.objects.filter(municipality=municipality, case=case).select_related(
        "submission", "flagged_by", "case__rule"
    )
    told_submissions: set[int] = set()
    for flag in flags:
        submission = flag.submission
        if submission is not None and submission.pk not in told_submissions:
            told_submissions.add(submission.pk)
            with translation.override(submission.language or settings.LANGUAGE_CODE):
                text = news_text(case, news)
            submission_add_note(
                actor=actor,
                municipality=municipality,
                submission=submission,
                text=text,
                is_public=True,
            )
        if _has_address(flag):
            _enqueue(flag, news)
