"""Idea development: idea guides, an idea's way through the stages, notes and scores.

An idea is a submission of kind `idea` (enkelt.submissions). Its development
record (`IdeaDevelopment`) is created by the services the first time someone
works on it; an idea without one is simply in the stage `new`. The URL of an
idea is the submission's public id, so it is stable from the moment it arrives.
Writes go through `services.py`.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.tenants.models import Municipality, Unit


def _prefers_english() -> bool:
    return (get_language() or "").startswith("en")


class Stage(models.TextChoices):
    NEW = "new", _("new")
    BEING_ASSESSED = "being_assessed", _("being assessed")
    IN_DEVELOPMENT = "in_development", _("in development")
    TESTED = "tested", _("tested")
    IMPLEMENTED = "implemented", _("implemented")
    NOT_PURSUED = "not_pursued", _("not pursued")


class IdeaGuide(TimeStampedModel):
    """An employee trained to help develop ideas: for one unit's subtree, or municipality-wide."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_guide_roles",
        verbose_name=_("employee"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("The guide helps with ideas of this unit and the units below it."),
    )

    class Meta:
        ordering = ["municipality", "user__username"]
        verbose_name = _("idea guide")
        verbose_name_plural = _("idea guides")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="idea_guide_once_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_municipality_wide(self) -> bool:
        return self.unit_id is None


class IdeaCriterion(TimeStampedModel):
    """An assessment criterion of one municipality (e.g. value for citizens, effort)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    code = models.SlugField(_("code"), max_length=50)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    higher_is_better = models.BooleanField(
        _("a higher score is better"),
        default=True,
        help_text=_("Off for criteria such as effort, where a high score counts against the idea."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["municipality", "order", "id"]
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="idea_criterion_code_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_max__gte=2) & models.Q(scale_max__lte=10),
                name="idea_criterion_scale_2_to_10",
            ),
        ]

    def __str__(self) -> str:
        return self.name_da

    @property
    def name(self) -> str:
        return self.name_en if _prefers_english() and self.name_en else self.name_da

    @property
    def description(self) -> str:
        return (
            self.description_en
            if _prefers_english() and self.description_en
            else self.description_da
        )


class IdeaDevelopment(TimeStampedModel):
    """One idea's way through the stages, with its guide and what it became."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    submission = models.OneToOneField(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="idea_development",
        verbose_name=_("idea"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.NEW)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the idea is not pursued."))
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided_ideas",
        verbose_name=_("idea guide"),
    )
    people = models.CharField(
        _("people involved"),
        max_length=500,
        blank=True,
        help_text=_("Names or roles of the colleagues and citizens who take part."),
    )
    stage_changed_at = models.DateTimeField(_("stage changed"), null=True, blank=True)
    initiative = models.ForeignKey(
        "strategy.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_ideas",
        verbose_name=_("initiative in the portfolio"),
    )
    case = models.ForeignKey(
        "simplification.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_ideas",
        verbose_name=_("simplification case"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea development")
        verbose_name_plural = _("idea developments")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "public_id"], name="idea_public_id_per_municipality"
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="not_pursued") | ~models.Q(reason=""),
                name="idea_not_pursued_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "stage"])]

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.get_stage_display()}"


class IdeaNote(TimeStampedModel):
    """A note on an idea in one stage, with the people involved. Internal to staff."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    development = models.ForeignKey(
        IdeaDevelopment, on_delete=models.CASCADE, related_name="notes", verbose_name=_("idea")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    text = models.TextField(_("note"))
    people = models.CharField(_("people involved"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("idea note")
        verbose_name_plural = _("idea notes")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.text[:50]}"


class IdeaScore(TimeStampedModel):
    """The score of one idea on one criterion (the latest assessment counts)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    development = models.ForeignKey(
        IdeaDevelopment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("idea")
    )
    criterion = models.ForeignKey(
        IdeaCriterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1)])
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scored by"),
    )

    class Meta:
        ordering = ["development", "criterion__order", "criterion_id"]
        verbose_name = _("idea score")
        verbose_name_plural = _("idea scores")
        constraints = [
            models.UniqueConstraint(
                fields=["development", "criterion"], name="idea_score_once_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(score__gte=1), name="idea_score_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
