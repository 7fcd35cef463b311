"""Categories, their extra questions and area routes; submissions and their history.

Every row carries its municipality and every unique constraint includes it, so
that the schema can be distributed by municipality (reliability.md). Units and
categories in use are kept by RESTRICT rather than PROTECT: they cannot be
deleted on their own, but removing a whole municipality (demo reset,
retention) deletes its tree in one go. Writes go
through `services.py`; model `clean()` methods only check cross-field
consistency for the admin's forms.
"""

import re
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality, Unit

POSTAL_CODE_RE = re.compile(r"^\d{4}$")


def _prefers_english() -> bool:
    return (get_language() or "").startswith("en")


class Kind(models.TextChoices):
    """What a category (and so a submission) is about."""

    FAULT = "fault", _("fault")
    HASSLE = "hassle", _("hassle")
    IDEA = "idea", _("idea")


class Category(TimeStampedModel):
    """What a submission is about; decides the responsible unit (an Open311 "service")."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name=_("municipality"),
    )
    code = models.SlugField(
        _("code"),
        max_length=50,
        help_text=_("Short, stable name used in addresses and by Open311 clients."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.RESTRICT,
        related_name="categories",
        verbose_name=_("responsible unit"),
    )
    deadline_working_days = models.PositiveSmallIntegerField(
        _("answer deadline (working days)"),
        default=10,
    )
    allow_anonymous = models.BooleanField(_("anonymous submissions allowed"), default=True)
    location_required = models.BooleanField(_("location required"), default=False)
    photo_required = models.BooleanField(_("photo required"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["municipality", "sort_order", "name_da"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="category_code_per_municipality"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "is_active", "kind"])]

    def __str__(self) -> str:
        return self.name_da

    @property
    def name(self) -> str:
        """The name in the active language; Danish when no English name is given."""
        return self.name_en if _prefers_english() and self.name_en else self.name_da

    @property
    def description(self) -> str:
        if _prefers_english() and self.description_en:
            return self.description_en
        return self.description_da

    def clean(self) -> None:
        if (
            self.unit_id
            and self.municipality_id
            and self.unit.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"unit": _("The unit must belong to the same municipality.")}, code="wrong_unit"
            )


class CategoryQuestion(TimeStampedModel):
    """An extra question asked for one category; exposed as an Open311 attribute."""

    class Datatype(models.TextChoices):
        TEXT = "text", _("text")
        NUMBER = "number", _("number")
        DATE = "date", _("date")
        SINGLE_VALUE_LIST = "singlevaluelist", _("one choice from a list")
        MULTI_VALUE_LIST = "multivaluelist", _("several choices from a list")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("category"),
    )
    code = models.SlugField(_("code"), max_length=50)
    label_da = models.CharField(_("question (Danish)"), max_length=300)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    datatype = models.CharField(
        _("type of answer"),
        max_length=20,
        choices=Datatype.choices,
        default=Datatype.TEXT,
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_('For list types: [{"key": "...", "name_da": "...", "name_en": "..."}].'),
    )

    class Meta:
        ordering = ["category", "order", "id"]
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "category", "code"],
                name="category_question_code_per_category",
            ),
        ]

    def __str__(self) -> str:
        return self.label_da

    @property
    def label(self) -> str:
        return self.label_en if _prefers_english() and self.label_en else self.label_da

    @property
    def is_list(self) -> bool:
        return self.datatype in {self.Datatype.SINGLE_VALUE_LIST, self.Datatype.MULTI_VALUE_LIST}

    def choice_keys(self) -> list[str]:
        return [str(choice.get("key")) for choice in self.choices or []]

    def choice_name(self, choice: dict[str, Any]) -> str:
        """A choice's name in the active language (Danish as the fallback)."""
        english = choice.get("name_en")
        return str(english if _prefers_english() and english else choice.get("name_da", ""))

    def clean(self) -> None:
        if not self.is_list:
            return
        choices = self.choices
        valid = (
            isinstance(choices, list)
            and bool(choices)
            and all(isinstance(c, dict) and c.get("key") and c.get("name_da") for c in choices)
        )
        if not valid:
            raise ValidationError(
                {"choices": _("A list question needs choices, each with a key and a Danish name.")},
                code="invalid_choices",
            )
        keys = self.choice_keys()
        if len(keys) != len(set(keys)):
            raise ValidationError(
                {"choices": _("The keys of the choices must differ.")}, code="duplicate_choice"
            )


class AreaRoute(TimeStampedModel):
    """Within an area, a category's submissions go to another unit than the category's own.

    The area is a polygon (a list of [lat, lon] points, WGS 84), a list of postal
    codes, or both; `routing.route` uses the first matching route by `order`.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        related_name="area_routes",
        verbose_name=_("category"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.RESTRICT,
        related_name="area_routes",
        verbose_name=_("responsible unit"),
    )
    name = models.CharField(_("name of the area"), max_length=200, blank=True)
    postal_codes = models.JSONField(
        _("postal codes"),
        default=list,
        blank=True,
        help_text=_('For example ["4300", "4340"].'),
    )
    polygon = models.JSONField(
        _("area (polygon)"),
        null=True,
        blank=True,
        help_text=_("A list of at least three [latitude, longitude] points."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "order", "id"]
        verbose_name = _("area route")
        verbose_name_plural = _("area routes")

    def __str__(self) -> str:
        return self.name or f"{self.category} → {self.unit}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        codes = self.postal_codes
        if not isinstance(codes, list) or not all(
            isinstance(c, str) and POSTAL_CODE_RE.match(c) for c in codes
        ):
            errors["postal_codes"] = _("Postal codes must be a list of four-digit strings.")
        polygon = self.polygon
        if polygon is not None and not _is_polygon(polygon):
            errors["polygon"] = _("The area must be a list of at least three [lat, lon] points.")
        if not codes and not polygon:
            errors["postal_codes"] = _("Give postal codes, an area, or both.")
        if (
            self.unit_id
            and self.category_id
            and self.unit.municipality_id != self.category.municipality_id
        ):
            errors["unit"] = _("The unit must belong to the same municipality.")
        if errors:
            raise ValidationError(errors)


def _is_polygon(value: Any) -> bool:
    if not isinstance(value, list) or len(value) < 3:
        return False
    for point in value:
        if not isinstance(point, list | tuple) or len(point) != 2:
            return False
        if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in point):
            return False
    return True


class Submission(PublicIdModel):
    """A fault, hassle or idea sent in by a citizen or an employee.

    The submitter's own text (`title`, `description`, `suggestion`) is for staff;
    public pages and Open311 read only the `public_*` copies, in which personal
    data typed by the submitter has been masked. Contact details are never public.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_PROGRESS = "in_progress", _("in progress")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REJECTED = "rejected", _("rejected")

    class RejectionReason(models.TextChoices):
        DUPLICATE = "duplicate", _("duplicate")
        NOT_OURS = "not_ours", _("not the municipality's responsibility")
        SPAM = "spam", _("spam")
        BLANK = "blank", _("empty or unreadable")

    class Channel(models.TextChoices):
        WEB = "web", _("web")
        EMPLOYEE = "employee", _("employee")
        OPEN311 = "open311", _("Open311")
        API = "api", _("API")

    class EmployeeMode(models.TextChoices):
        OWN_NAME = "own_name", _("in the employee's own name")
        PSEUDONYMOUS = "pseudonymous", _("pseudonymous")
        INTERNAL = "internal", _("internal only")

    # Overrides PublicIdModel's globally unique field: the uniqueness lives in a
    # constraint that includes the municipality (see Meta), so the table can be
    # sharded by municipality. A UUID4 is unique in practice anyway.
    public_id = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("municipality"),
    )
    tracking_code = models.CharField(_("tracking code"), max_length=7, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    category = models.ForeignKey(
        Category,
        on_delete=models.RESTRICT,
        related_name="submissions",
        verbose_name=_("category"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    suggestion = models.TextField(_("what should we do instead?"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
    )
    rejection_reason = models.CharField(
        _("reason for rejection"),
        max_length=20,
        choices=RejectionReason.choices,
        blank=True,
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.WEB,
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    language = models.CharField(
        _("language of the submitter"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("submitted by"),
    )
    submitter_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit of the submitting employee"),
    )
    employee_mode = models.CharField(
        _("submitted by an employee"),
        max_length=20,
        choices=EmployeeMode.choices,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.RESTRICT,
        related_name="submissions",
        verbose_name=_("responsible unit"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_submissions",
        verbose_name=_("case worker"),
    )
    public_title = models.CharField(_("public title"), max_length=200, blank=True)
    public_description = models.TextField(_("public description"), blank=True)
    public_suggestion = models.TextField(_("public suggestion"), blank=True)
    public_answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    due_at = models.DateField(_("answer due"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden from the public"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    answers = models.JSONField(_("answers to extra questions"), default=dict, blank=True)
    # Empty when the client sent none; unique per municipality otherwise.
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=200, blank=True, default="", editable=False
    )
    # Moderation: set by the honeypot/rate-limit heuristics or a case worker's flag;
    # flagged submissions stay out of public lists until a moderator decides.
    needs_moderation = models.BooleanField(_("awaiting moderation"), default=False)
    moderation_note = models.CharField(_("why it awaits moderation"), max_length=300, blank=True)
    # GDPR: set when the submitter's personal data was erased (retention or request).
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "tracking_code"],
                name="submission_tracking_code_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["municipality", "public_id"],
                name="submission_public_id_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["municipality", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="submission_idempotency_key_per_municipality",
            ),
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, lon__isnull=True)
                | models.Q(lat__isnull=False, lon__isnull=False),
                name="submission_lat_lon_together",
            ),
            models.CheckConstraint(
                condition=(models.Q(status="rejected") & ~models.Q(rejection_reason=""))
                | (~models.Q(status="rejected") & models.Q(rejection_reason="")),
                name="submission_rejection_reason_iff_rejected",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "created_at"]),
            models.Index(fields=["municipality", "unit", "status"]),
            models.Index(fields=["municipality", "due_at"]),
            models.Index(fields=["category", "lat", "lon"]),
            # Open311 `requests.json?service_code=`: one category's newest first.
            models.Index(fields=["municipality", "category", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"


class SubmissionEvent(models.Model):
    """One step in a submission's history. Append-only, written by the services.

    Public events are shown to the citizen on the status page; the rest only to staff.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("received")
        STATUS_CHANGED = "status_changed", _("status changed")
        PUBLIC_UPDATE = "public_update", _("update")
        INTERNAL_NOTE = "internal_note", _("internal note")
        ASSIGNED = "assigned", _("assigned")
        MERGED = "merged", _("merged")
        ANSWERED = "answered", _("answered")
        MODERATED = "moderated", _("moderated")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("submission"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    status_from = models.CharField(
        _("status before"),
        max_length=20,
        choices=Submission.Status.choices,
        blank=True,
    )
    status_to = models.CharField(
        _("status after"),
        max_length=20,
        choices=Submission.Status.choices,
        blank=True,
    )
    text = models.TextField(_("text"), blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    related_submission = models.ForeignKey(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("related submission"),
        help_text=_("For merges: the other submission."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        indexes = [models.Index(fields=["submission", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
