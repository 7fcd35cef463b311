"""Applications to the state for exemption from a rule (udfordringsret, free-municipality trials).

An escalated case creates one (`services.case_decide`); the answer, the trial
period and its evaluation are recorded on it as the ministry replies.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.simplification.models.cases import Case
from enkelt.tenants.models import Municipality


class ExemptionApplication(TimeStampedModel):
    class Instrument(models.TextChoices):
        CHALLENGE_RIGHT = "challenge_right", _("challenge right")
        EXTENDED_CHALLENGE_RIGHT = "extended_challenge_right", _("extended challenge right")
        FREE_MUNICIPALITY_TRIAL = "free_municipality_trial", _("free-municipality trial")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("approved with conditions")
        REJECTED = "rejected", _("rejected")
        ALREADY_POSSIBLE = "already_possible", _("already possible today")
        REFERRED = (
            "referred_to_general_simplification",
            _("referred to general simplification"),
        )
        WITHDRAWN = "withdrawn", _("withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="exemption_applications",
        verbose_name=_("municipality"),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="exemption_applications",
        verbose_name=_("case"),
    )
    rule = models.ForeignKey(
        "regulations.Rule",
        on_delete=models.CASCADE,
        related_name="exemption_applications",
        verbose_name=_("rule"),
    )
    provision = models.CharField(
        _("provision"), max_length=200, blank=True, help_text=_("For example § 12, stk. 2.")
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=30,
        choices=Instrument.choices,
        default=Instrument.CHALLENGE_RIGHT,
    )
    ministry = models.CharField(_("ministry"), max_length=200, blank=True)
    network = models.CharField(_("network"), max_length=200, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    period_from = models.DateField(_("requested from"), null=True, blank=True)
    period_to = models.DateField(_("requested to"), null=True, blank=True)
    evaluation_plan = models.TextField(_("evaluation plan"), blank=True)
    status = models.CharField(
        _("answer"), max_length=40, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(_("answer text or reason"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    trial_start = models.DateField(_("trial start"), null=True, blank=True)
    trial_end = models.DateField(_("trial end"), null=True, blank=True)
    evaluation_due = models.DateField(_("evaluation due"), null=True, blank=True)
    evaluation_result = models.TextField(_("evaluation result"), blank=True)

    class Meta:
        ordering = ["municipality", "-created_at", "-id"]
        verbose_name = _("exemption application")
        verbose_name_plural = _("exemption applications")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "public_id"], name="exemption_public_id_per_municipality"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(answer=""),
                name="exemption_rejection_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return f"{self.rule} · {self.provision}".strip(" ·")
