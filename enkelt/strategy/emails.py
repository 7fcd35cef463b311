"""E-mails to initiative owners about review rounds. Rendered in the municipality's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from enkelt.strategy.models import ReviewItem


def _item_url(item: ReviewItem) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    path = reverse(
        "strategy:review_item_update",
        args=[item.round.municipality.slug, item.round.public_id, item.public_id],
    )
    return f"{base}{path}"


def update_request_message(item: ReviewItem, *, reminder: bool = False) -> EmailMessage:
    """Ask the owner of `item.initiative` for an update before the round's deadline."""
    with translation.override(settings.LANGUAGE_CODE):
        deadline = formats.date_format(item.round.deadline, "DATE_FORMAT")
        if reminder:
            subject = _("Reminder: update on %(initiative)s") % {"initiative": item.initiative}
        else:
            subject = _("Update requested: %(initiative)s") % {"initiative": item.initiative}
        body = _(
            "The review round %(round)s has opened. Please give the status, progress, a "
            "comment and your proposed decision for the initiative %(initiative)s "
            "by %(deadline)s:\n\n%(url)s\n"
        ) % {
            "round": item.round,
            "initiative": item.initiative,
            "deadline": deadline,
            "url": _item_url(item),
        }
    owner = item.initiative.owner
    return EmailMessage(subject=subject, body=body, to=[owner.email] if owner else [])
