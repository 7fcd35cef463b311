"""Attaching photos to a submission.

Callers process every upload first (`uploads.process_image`, which raises a
ValidationError per bad file) and only then create the submission and attach the
processed images in the same transaction, so a bad photo never leaves half a
submission behind.
"""

import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.submissions.models import Photo, Submission
from enkelt.submissions.services import Actor
from enkelt.submissions.uploads import ProcessedImage
from enkelt.tenants.models import Municipality


@transaction.atomic
def photos_attach(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    images: Sequence[ProcessedImage],
) -> list[Photo]:
    """Store processed images on `submission`; at most Photo.MAX_PER_SUBMISSION in all."""
    if submission.municipality_id != municipality.pk:
        raise ValidationError(_("The submission belongs to another municipality."))
    existing = submission.photos.count()
    if existing + len(images) > Photo.MAX_PER_SUBMISSION:
        raise ValidationError(
            _("At most %(count)d photos can be attached.") % {"count": Photo.MAX_PER_SUBMISSION},
            code="too_many_photos",
        )
    photos = []
    for order, image in enumerate(images, start=existing):
        photo = Photo(
            municipality=municipality,
            submission=submission,
            order=order,
            width=image.width,
            height=image.height,
            size_bytes=len(image.content),
        )
        photo.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(image.content), save=False)
        photo.save()
        photos.append(photo)
    if photos:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=submission,
            verb="submission.photos_added",
            after={"photos": [str(p.public_id) for p in photos]},
        )
    return photos
