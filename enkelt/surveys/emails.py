"""E-mails to invitees of a survey round, in the municipality's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from enkelt.surveys.models import Invitation


def answer_url(invitation: Invitation) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    path = reverse("surveys:answer", args=[invitation.round.municipality.slug, invitation.token])
    return f"{base}{path}"


def invitation_message(invitation: Invitation, *, reminder: bool = False) -> EmailMessage:
    """The personal link; the answer itself is stored without any link back to it."""
    survey_round = invitation.round
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "survey": survey_round.survey.title,
            "municipality": survey_round.municipality.name,
            "closes": formats.date_format(survey_round.closes_on, "DATE_FORMAT"),
            "url": answer_url(invitation),
        }
        if reminder:
            subject = _("Reminder: %(survey)s") % values
        else:
            subject = _("You are invited to answer: %(survey)s") % values
        body = (
            _(
                "%(municipality)s asks for your answers to %(survey)s by %(closes)s.\n\n"
                "Your answers are anonymous: they are stored without your name, e-mail "
                "address or this link, and results are only shown for groups of at least "
                "five people.\n\n%(url)s\n"
            )
            % values
        )
    return EmailMessage(subject=subject, body=body, to=[invitation.email])
