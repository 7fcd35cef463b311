"""Import services: check a file, start the import, import one batch.

`rule_import_prepare` reads and checks the whole file and stores the report and the
clean rows; nothing is imported yet. `rule_import_start` refuses a file with errors
unless the user chose to import the valid rows only, then enqueues the task.
`rule_import_step` imports the next batch of rules in one transaction, under a
row lock on the import, and stores the progress in the same transaction: what the
page shows as imported is committed. The task calls it until done; the progress
page also calls it, so an import finishes even where no task worker runs.
"""

import uuid
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.audit.models import AuditEvent
from enkelt.audit.services import _jsonable, audit_record
from enkelt.core.bulk import bulk_insert, gc_paused
from enkelt.regulations import burden as scm
from enkelt.regulations.errors import RegulationError, RegulationErrorCode
from enkelt.regulations.models import Activity, BurdenSnapshot, JobFamilyTariff, Rule, RuleImport
from enkelt.regulations.transfer.parse import FileUnreadable, read_rows, validate
from enkelt.tenants.models import Municipality, Unit

BATCH_ROWS = 1000
Status = RuleImport.Status


@transaction.atomic
def rule_import_prepare(
    *, actor: Any, municipality: Municipality, filename: str, content: bytes
) -> RuleImport:
    """Read and check the file; an unreadable file gives an import with one file-level error."""
    job = RuleImport(
        municipality=municipality,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        filename=filename[:255],
    )
    try:
        with gc_paused():
            checked = validate(municipality, read_rows(filename, content))
    except FileUnreadable as exc:
        job.status = Status.FAILED
        job.failure = str(exc)[:500]
        job.save()
        return job
    job.total_rows = checked.total_rows
    job.valid_rows = checked.valid_rows
    job.errors = [p.as_dict() for p in checked.problems]
    job.rows = checked.groups
    job.save()
    audit_record(
        actor=actor, municipality=municipality, obj=job, verb="rule_import.checked",
        after={"filename": job.filename, "rows": job.total_rows, "valid_rows": job.valid_rows,
               "errors": len(job.errors)},
    )  # fmt: skip
    return job


@transaction.atomic
def rule_import_start(
    *, actor: Any, municipality: Municipality, rule_import: RuleImport, only_valid_rows: bool
) -> RuleImport:
    from enkelt.regulations.tasks import run_rule_import

    job = RuleImport.objects.select_for_update().get(pk=rule_import.pk)
    if job.municipality_id != municipality.pk:
        raise RegulationError(RegulationErrorCode.WRONG_MUNICIPALITY)
    if job.status != Status.VALIDATED or (job.errors and not only_valid_rows):
        raise RegulationError(RegulationErrorCode.IMPORT_NOT_READY)
    job.only_valid_rows = only_valid_rows
    job.status = Status.QUEUED
    job.save(update_fields=["only_valid_rows", "status", "updated_at"])
    audit_record(
        actor=actor, municipality=municipality, obj=job, verb="rule_import.started",
        after={"only_valid_rows": only_valid_rows, "valid_rows": job.valid_rows},
    )  # fmt: skip
    transaction.on_commit(partial(run_rule_import.enqueue, job.pk), robust=True)
    return job


def _d(value: str, default: Decimal = Decimal(0)) -> Decimal:
    return Decimal(value) if value else default


def _d_or_none(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _activity(rule: Rule, row: dict[str, str], order: int, families: dict[int, Any]) -> Activity:
    family = families.get(int(row["job_family"])) if row.get("job_family") else None
    return Activity(
        municipality_id=rule.municipality_id,
        rule=rule,
        sort_order=order,
        name=row["activity_name"],
        population=_d(row["population"]),
        frequency_per_year=_d(row["frequency_per_year"]),
        minutes_per_occurrence=_d(row["minutes_per_occurrence"]),
        job_family=family,
        hourly_tariff=_d_or_none(row.get("hourly_tariff", "")),
        external_cost_per_occurrence=_d(row.get("external_cost_per_occurrence", "")),
        business_as_usual_share=_d(row.get("business_as_usual_share", "")),
        source=row.get("source") or Activity.Source.ESTIMATE,
        confidence=row.get("confidence") or Activity.Confidence.MEDIUM,
    )


RULE_FIELDS = (
    "title", "kind", "origin", "legal_reference", "legal_reference_url", "purpose", "text",
    "adopted_by", "adopted_on", "owner_unit", "status", "review_by",
    "hours_per_year", "cost_per_year", "fte",
)  # fmt: skip


def _existing_rules(
    municipality: Municipality, groups: list[list[dict[str, str]]]
) -> dict[str, Rule]:
    """Rules of this municipality whose public id is a group's `rule_key` (an exported file)."""
    keys = set()
    for group in groups:
        try:
            keys.add(uuid.UUID(group[0].get("rule_key", "")))
        except ValueError:
            continue
    if not keys:
        return {}
    return {
        str(rule.public_id): rule
        for rule in Rule.objects.filter(municipality=municipality, public_id__in=keys)
    }


def _fill_rule(rule: Rule, head: dict[str, str], units: dict[str, Unit]) -> None:
    rule.title = head["title"]
    rule.kind = head["kind"]
    rule.origin = head["origin"]
    rule.legal_reference = head.get("legal_reference", "")
    rule.legal_reference_url = head.get("legal_reference_url", "")
    rule.purpose = head.get("purpose", "")
    rule.text = head.get("text", "")
    rule.adopted_by = head.get("adopted_by", "")
    rule.adopted_on = _date(head.get("adopted_on", ""))
    rule.owner_unit = units.get(head.get("owner_unit", ""))
    rule.status = head.get("status") or Rule.Status.ACTIVE
    rule.review_by = _date(head.get("review_by", ""))


def _import_groups(job: RuleImport, groups: list[list[dict[str, str]]], actor: Any) -> int:
    """Create the rules of `groups`; a group whose key is an existing rule's id updates it.

    An exported file carries each rule's public id as its key, so exporting, editing
    and importing the file again updates those rules (their activities are replaced
    and an update snapshot is taken) instead of adding copies. Returns the number of
    rules updated.
    """
    municipality = job.municipality
    units = {u.slug: u for u in Unit.objects.filter(municipality=municipality)}
    families = {f.pk: f for f in JobFamilyTariff.objects.filter(municipality=municipality)}
    existing = _existing_rules(municipality, groups)
    norm = scm.annual_norm_hours()
    default = municipality.default_hourly_tariff
    new_rules: list[Rule] = []
    updated: list[tuple[Rule, dict[str, Any]]] = []
    activities: list[tuple[Rule, list[Activity]]] = []
    for group in groups:
        head = group[0]
        rule = existing.pop(head.get("rule_key", ""), None)
        if rule is not None:
            before = {
                "hours_per_year": rule.hours_per_year,
                "cost_per_year": rule.cost_per_year,
                "fte": rule.fte,
            }
        else:
            rule = Rule(municipality=municipality)
        _fill_rule(rule, head, units)
        rows = [
            _activity(rule, row, i, families)
            for i, row in enumerate(r for r in group if r.get("activity_name"))
        ]
        result = scm.total(
            scm.activity_burden(
                scm.activity_input(a, default, with_source=False), annual_norm_hours=norm
            )
            for a in rows
        ).rounded()
        rule.hours_per_year, rule.cost_per_year, rule.fte = (
            result.hours_per_year,
            result.cost_per_year,
            result.fte,
        )
        if rule.pk:
            updated.append((rule, before))
        else:
            new_rules.append(rule)
        activities.append((rule, rows))
    bulk_insert(new_rules, set_pks=True)
    if updated:
        now = timezone.now()
        for rule, _before in updated:
            rule.updated_at = now
        Rule.objects.bulk_update([r for r, _b in updated], [*RULE_FIELDS, "updated_at"])
        Activity.objects.filter(rule__in=[r for r, _b in updated]).delete()
    for rule, rows in activities:
        for activity in rows:
            activity.rule = rule
    bulk_insert([a for _rule, rows in activities for a in rows])
    now = timezone.now()
    updated_ids = {r.pk for r, _b in updated}
    Kind = BurdenSnapshot.Kind
    note = _("Imported from %(file)s") % {"file": job.filename}
    bulk_insert(
        [
            BurdenSnapshot(
                municipality=municipality,
                rule=rule,
                kind=Kind.UPDATE if rule.pk in updated_ids else Kind.BASELINE,
                taken_at=now,
                taken_by=job.created_by,
                note=note,
                hours_per_year=rule.hours_per_year,
                cost_per_year=rule.cost_per_year,
                fte=rule.fte,
            )
            for rule, rows in activities
            if rows
        ]
    )
    content_type = ContentType.objects.get_for_model(Rule)
    label = actor.get_username() if actor is not None else "system"
    before_of = {r.pk: b for r, b in updated}
    bulk_insert(
        [
            AuditEvent(
                municipality=municipality,
                actor=actor,
                actor_label=label,
                verb="rule.import_updated" if rule.pk in updated_ids else "rule.imported",
                content_type=content_type,
                object_id=str(rule.pk),
                object_repr=rule.title[:300],
                before=_jsonable(before_of[rule.pk]) if rule.pk in before_of else None,
                after=_jsonable(
                    {
                        "import": str(job.public_id),
                        "hours_per_year": rule.hours_per_year,
                        "cost_per_year": rule.cost_per_year,
                        "fte": rule.fte,
                        "activities": len(rows),
                    }
                ),
            )
            for rule, rows in activities
        ]
    )
    return len(updated)


def _save_progress(job: RuleImport, fields: list[str]) -> None:
    job.save(update_fields=[*fields, "updated_at"])


def rule_import_step(
    *,
    import_id: int,
    batch_rows: int = BATCH_ROWS,
    groups: list[list[dict[str, str]]] | None = None,
) -> bool:
    """Import the next batch (about `batch_rows` rows, whole rules). True when finished.

    `groups` are the import's clean rows when the caller has already read them (the task
    reads them once rather than once per batch); the cursor is always the stored one.
    """
    with transaction.atomic():
        jobs = RuleImport.objects.select_for_update(of=("self",)).select_related(
            "municipality", "created_by"
        )
        job = (jobs.defer("rows") if groups is not None else jobs).filter(pk=import_id).first()
        if job is None or job.status not in (Status.QUEUED, Status.RUNNING):
            return True
        if groups is None:
            groups = job.rows
        start = job.groups_done
        end, size = start, 0
        while end < len(groups) and (size < batch_rows or end == start):
            size += len(groups[end])
            end += 1
        updated = _import_groups(job, groups[start:end], job.created_by)
        job.groups_done = end
        job.updated_rules += updated
        job.created_rules += end - start - updated
        job.processed_rows += size
        job.status = Status.RUNNING
        fields = ["groups_done", "created_rules", "updated_rules", "processed_rows", "status"]
        if end >= len(groups):
            job.status = Status.DONE
            job.finished_at = timezone.now()
            job.rows = []
            fields += ["finished_at", "rows"]
        _save_progress(job, fields)
        return job.status == Status.DONE


def rule_import_run(*, import_id: int, batch_rows: int = BATCH_ROWS) -> None:
    """Import batch after batch until done; a failure marks the import failed and re-raises."""
    try:
        with gc_paused():
            groups = RuleImport.objects.filter(pk=import_id).values_list("rows", flat=True).first()
            while not rule_import_step(import_id=import_id, batch_rows=batch_rows, groups=groups):
                pass
    except Exception:
        RuleImport.objects.filter(pk=import_id).update(
            status=Status.FAILED,
            failure=_("The import stopped with an error; the rules imported so far are kept."),
            updated_at=timezone.now(),
        )
        raise
