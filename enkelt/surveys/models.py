"""Surveys of wellbeing, workplace assessment and citizen-experienced quality.

Anonymity is a property of the tables, not of the views: a `Response` carries
no user, no invitation and no time finer than the day, only the group (unit)
its answers are aggregated by. An `Invitation` knows that its invitee has
answered (`answered`), but not when (it has no `updated_at`), so invitations
cannot be joined to responses by time or order.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality, Unit

TOKEN_BYTES = 24


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class BilingualText:
    """`text_da`/`text_en` (or `<prefix>_da`/`_en`) shown by the active language."""

    def localized(self, prefix: str = "text") -> str:
        danish = getattr(self, f"{prefix}_da", "")
        english = getattr(self, f"{prefix}_en", "")
        if (translation.get_language() or "da").startswith("en"):
            return str(english or danish)
        return str(danish or english)


class Audience(models.TextChoices):
    EMPLOYEES = "employees", _("employees of units")
    CITIZENS = "citizens", _("citizens of a service")


class Purpose(models.TextChoices):
    WELLBEING = "wellbeing", _("wellbeing")
    WORKPLACE_ASSESSMENT = "workplace_assessment", _("workplace assessment")
    CITIZEN_QUALITY = "citizen_quality", _("citizen-experienced quality")


class Survey(PublicIdModel, BilingualText):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("municipality"),
    )
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_da = models.TextField(_("introduction (Danish)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    service_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
        help_text=_("For citizen surveys: the unit whose service the citizens have used."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def intro(self) -> str:
        return self.localized("intro")


class Section(TimeStampedModel, BilingualText):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey")
    )
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey_id", "order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("scale")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    TEXT = "text", _("free text")


class Question(PublicIdModel, BilingualText):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("section"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text_da = models.CharField(_("question (Danish)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    scale_min = models.SmallIntegerField(_("scale minimum"), default=1)
    scale_max = models.SmallIntegerField(_("scale maximum"), default=5)
    min_label_da = models.CharField(_("label of the minimum (Danish)"), max_length=100, blank=True)
    min_label_en = models.CharField(_("label of the minimum (English)"), max_length=100, blank=True)
    max_label_da = models.CharField(_("label of the maximum (Danish)"), max_length=100, blank=True)
    max_label_en = models.CharField(_("label of the maximum (English)"), max_length=100, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey_id", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="survey_question_scale_range"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.localized("text")

    @property
    def min_label(self) -> str:
        return self.localized("min_label")

    @property
    def max_label(self) -> str:
        return self.localized("max_label")

    @property
    def field_name(self) -> str:
        return f"q-{self.public_id}"

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Option(TimeStampedModel, BilingualText):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    text_da = models.CharField(_("option (Danish)"), max_length=200)
    text_en = models.CharField(_("option (English)"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question_id", "order", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.localized("text")


class RoundState(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class SurveyRound(PublicIdModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("survey")
    )
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    units = models.ManyToManyField(
        Unit, related_name="+", blank=True, verbose_name=_("audience units")
    )
    link_token = models.CharField(
        _("link token"), max_length=64, unique=True, default=new_token, editable=False
    )

    class Meta:
        ordering = ["survey_id", "-opens_on", "-id"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_round_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit_slugs(self) -> list[str]:
        return [u.slug for u in self.units.all()]

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN


class Invitation(models.Model):
    """One invitee's token. No `updated_at`: when someone answered must not be recorded."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("unit"),
    )  # fmt: skip
    email = models.EmailField(_("e-mail"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    answered = models.BooleanField(_("answered"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        ordering = ["round_id", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="survey_invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.email}"


class Response(models.Model):
    """One anonymous response: the round, the group (unit) and the day. Nothing else."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("unit"),
    )  # fmt: skip
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        ordering = ["round_id", "id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.round} · {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("option"),
    )  # fmt: skip
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["response_id", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value or self.option_id or '…'}"


class Statistic(models.TextChoices):
    MEAN = "mean", _("mean of a scale question")
    SHARE = "share", _("share choosing an option (per cent)")


class IndicatorFeed(TimeStampedModel):
    """A question's mean (or an option's share) is the source of an indicator's measurements."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="feeds", verbose_name=_("question")
    )
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="feeds",
        verbose_name=_("option"),
    )  # fmt: skip
    indicator = models.ForeignKey(
        "goals.Indicator",
        on_delete=models.CASCADE,
        related_name="survey_feeds",
        verbose_name=_("indicator"),
    )
    statistic = models.CharField(_("statistic"), max_length=10, choices=Statistic.choices)

    class Meta:
        ordering = ["question_id", "id"]
        verbose_name = _("indicator feed")
        verbose_name_plural = _("indicator feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "indicator"], name="survey_feed_once_per_indicator"
            ),
            models.CheckConstraint(
                condition=(Q(statistic="mean", option__isnull=True))
                | (Q(statistic="share", option__isnull=False)),
                name="survey_feed_statistic_option",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} → {self.indicator}"
