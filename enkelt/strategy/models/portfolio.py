"""The strategy portfolio: plan → development areas → programmes → initiatives.

Everything municipality-owned carries its municipality (reliability.md); areas
and programmes inherit it through the plan.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality, Unit


class StrategyPlan(PublicIdModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="strategy_plans",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "-period_start", "title"]
        verbose_name = _("strategy plan")
        verbose_name_plural = _("strategy plans")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"], name="strategy_plan_title_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="strategy_plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DevelopmentArea(TimeStampedModel):
    plan = models.ForeignKey(
        StrategyPlan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["plan", "order", "title"]
        verbose_name = _("development area")
        verbose_name_plural = _("development areas")
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="strategy_area_title_per_plan"),
        ]

    def __str__(self) -> str:
        return self.title


class Programme(TimeStampedModel):
    area = models.ForeignKey(
        DevelopmentArea,
        on_delete=models.CASCADE,
        related_name="programmes",
        verbose_name=_("development area"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["area", "order", "title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "title"], name="strategy_programme_title_per_area"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Initiative(PublicIdModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        DONE = "done", _("done")
        STOPPED = "stopped", _("stopped")

    class Rag(models.TextChoices):
        GREEN = "green", _("green (on track)")
        AMBER = "amber", _("amber (at risk)")
        RED = "red", _("red (off track)")
        NOT_SET = "not_set", _("not set")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("municipality"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("owner unit"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_initiatives",
        verbose_name=_("owner"),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    rag = models.CharField(
        _("red/amber/green"), max_length=10, choices=Rag.choices, default=Rag.NOT_SET
    )
    rag_comment = models.TextField(_("comment on red/amber/green"), blank=True)

    class Meta:
        ordering = ["municipality", "programme", "title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="strategy_initiative_title_per_programme"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="strategy_initiative_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "active", "done", "stopped"]),
                name="strategy_initiative_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(rag__in=["green", "amber", "red", "not_set"]),
                name="strategy_initiative_rag_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title
