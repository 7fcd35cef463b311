"""The offset ledger: "one in, one out" per unit and year.

A new internal requirement adds hours, a removed one subtracts. Entries are
written by `services.offset_entry_record` (and by the registry services when a
rule is created or abolished); the balance is computed, never stored.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.regulations.models.registry import Rule
from enkelt.tenants.models import Municipality, Unit


class OffsetEntry(TimeStampedModel):
    class Kind(models.TextChoices):
        ADDITION = "addition", _("new requirement (adds hours)")
        REMOVAL = "removal", _("removed requirement (subtracts hours)")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="offset_entries", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    rule = models.ForeignKey(
        Rule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offset_entries",
        verbose_name=_("rule"),
    )
    hours_per_year = models.DecimalField(
        _("hours per year"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["municipality", "unit", "-year", "-created_at", "-id"]
        verbose_name = _("offset entry")
        verbose_name_plural = _("offset entries")
        indexes = [models.Index(fields=["municipality", "unit", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_year__gte=0), name="offset_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} · {self.get_kind_display()} · {self.hours_per_year}"

    @property
    def signed_hours(self) -> Decimal:
        return self.hours_per_year if self.kind == self.Kind.ADDITION else -self.hours_per_year
