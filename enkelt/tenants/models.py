"""Municipalities (the tenants), their organisation tree and who works where."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel

# First path segments that belong to the instance, never to a municipality.
RESERVED_SLUGS = frozenset(
    {
        "admin", "api", "open311", "accounts", "static", "media", "healthz", "readyz",
        "staff", "i18n", "language", "profile", "accessibility", "tilgaengelighed", "kl",
        "inspiration", "open-data", "bench",
    }
)  # fmt: skip


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved by the system."), code="reserved")


class Municipality(TimeStampedModel):
    slug = models.SlugField(
        _("short name"), max_length=50, unique=True, validators=[validate_not_reserved]
    )
    name = models.CharField(_("name"), max_length=200)
    inhabitants = models.PositiveIntegerField(_("inhabitants"), default=0)
    default_hourly_tariff = models.DecimalField(
        _("default hourly tariff (DKK)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("450.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Used for burden figures when an activity sets no tariff of its own."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    settings = models.JSONField(_("settings"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Unit(TimeStampedModel):
    class Kind(models.TextChoices):
        CORE_AREA = "core_area", _("core area")
        STAFF = "staff", _("staff")
        DEPARTMENT = "department", _("department")
        INSTITUTION = "institution", _("institution")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="units", verbose_name=_("municipality")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("shown on the public page"),
        default=True,
        help_text=_("Core areas and staffs are usually shown to citizens."),
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="unit_slug_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.municipality_id != self.municipality_id:
            raise ValidationError(
                {"parent": _("The parent unit must belong to the same municipality.")}
            )


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("employee")
    LEADER = "leader", _("leader")
    CHIEF = "chief", _("chief")
    DIRECTOR = "director", _("director")
    COUNCIL_MEMBER = "council_member", _("council member")
    ADMINISTRATOR = "administrator", _("administrator")


class Membership(TimeStampedModel):
    """A staff user's place: one municipality, one unit, one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)

    class Meta:
        ordering = ["municipality", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.unit_id and self.unit and self.unit.municipality_id != self.municipality_id:
            raise ValidationError({"unit": _("The unit must belong to the same municipality.")})
