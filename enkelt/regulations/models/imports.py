"""An import of rules and activities from a CSV or XLSX file, with its report and progress.

The uploaded file is parsed and validated first (the report lists every error by
row and column); only then, and only if the file is clean or the user chose
"import the valid rows", a background task imports it in batches, updating
`processed_rows` after each committed batch so that the page can show progress.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel
from enkelt.tenants.models import Municipality


class RuleImport(PublicIdModel):
    class Status(models.TextChoices):
        VALIDATED = "validated", _("checked, waiting for your choice")
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VALIDATED
    )
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows imported so far"), default=0)
    created_rules = models.PositiveIntegerField(_("rules created"), default=0)
    updated_rules = models.PositiveIntegerField(_("rules updated"), default=0)
    # How many of the file's rules (row groups) are done: the next batch starts here.
    groups_done = models.PositiveIntegerField(default=0, editable=False)
    errors = models.JSONField(_("validation report"), default=list, blank=True)
    rows = models.JSONField(_("valid rows, parsed"), default=list, blank=True, editable=False)
    only_valid_rows = models.BooleanField(_("import the valid rows only"), default=False)
    failure = models.CharField(_("failure"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "-created_at", "-id"]
        verbose_name = _("rule import")
        verbose_name_plural = _("rule imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def progress_percent(self) -> int:
        if not self.valid_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.processed_rows / self.valid_rows))
