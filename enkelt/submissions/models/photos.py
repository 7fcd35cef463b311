"""Photos attached to a submission: always re-encoded, stored under random names."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.tenants.models import Municipality


def photo_path(instance: "Photo", filename: str) -> str:
    """Random name, fixed extension: nothing of the uploaded file name survives."""
    return f"photos/{instance.municipality_id}/{uuid.uuid4().hex}.jpg"


class Photo(TimeStampedModel):
    """A JPEG re-encoded from an upload (no metadata); `public_id` names it in URLs."""

    MAX_PER_SUBMISSION = 3

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("submission"),
    )
    # Dimensions are set from the processed image; width_field would re-open the file.
    image = models.ImageField(_("image"), upload_to=photo_path)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    size_bytes = models.PositiveIntegerField(_("size in bytes"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["submission", "order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "public_id"], name="photo_public_id_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id}.jpg"
