"""Case workers' tools: answer templates and saved inbox filters."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.tenants.models import Municipality


class AnswerTemplate(TimeStampedModel):
    """A prepared answer; like FixMyStreet's, it may also set the status."""

    class SetStatus(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REJECTED = "rejected", _("rejected")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="answer_templates",
        verbose_name=_("municipality"),
    )
    category = models.ForeignKey(
        "submissions.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answer_templates",
        verbose_name=_("category"),
        help_text=_("Empty: offered for every category."),
    )
    title = models.CharField(_("title"), max_length=200)
    text_da = models.TextField(_("text (Danish)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    set_status = models.CharField(
        _("sets the status to"),
        max_length=20,
        choices=SetStatus.choices,
        default=SetStatus.ANSWERED,
    )
    rejection_reason = models.CharField(
        _("rejection reason"),
        max_length=20,
        blank=True,
        help_text=_("Only for templates that reject: duplicate, not_ours or spam."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["municipality", "title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "category", "title"], name="answer_template_title_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def text_for(self, language: str | None = None) -> str:
        """The text in `language` (default: active), falling back to Danish."""
        language = language or get_language() or "da"
        if language.startswith("en") and self.text_en:
            return self.text_en
        return self.text_da


class SavedFilter(TimeStampedModel):
    """A case worker's named inbox filter: the query string of the inbox."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_filters",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filter"), max_length=1000, blank=True)

    class Meta:
        ordering = ["user", "name"]
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user", "name"], name="saved_filter_name_per_user"
            ),
        ]

    def __str__(self) -> str:
        return self.name
