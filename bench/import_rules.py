"""The rule-import budget: `python -m bench.import_rules --rules 100000` (performance.md).

"Import of 100,000 rules from CSV or XLSX: <= 60 s, with progress shown." Run as its own
process with the server's environment, against a throwaway database (bench/run.py makes
one from the 1/100 generated set, so the municipality already has units and rules). It
writes a semicolon-separated file in the import format (`regulations/transfer/columns.py`)
with `--rules` rules of two activities each (the generator's mix), then times what a
user's upload does: `rule_import_prepare` (read and check every row) and
`rule_import_run` (batches of 1,000 rows, each committed with its progress, as the task
worker runs them). The progress the page shows is read back from the database after each
batch. The last line printed is `BENCH_IMPORT <json>`.
"""

import argparse
import json
import random
import sys
import time
from typing import Any

KINDS = ("form", "approval_requirement", "documentation_requirement", "reporting_obligation")
ORIGINS = ("council", "administration", "institution", "state_law")
HEADER = (
    "rule_key;title;kind;origin;owner_unit;activity_name;population;frequency_per_year;"
    "minutes_per_occurrence;business_as_usual_share;adopted_on\n"
)


def rules_csv(count: int, unit_slug: str, seed: int = 1) -> bytes:
    """`count` rules with two activities each, reproducibly from `seed`."""
    pick = random.Random(seed)
    lines = [HEADER]
    for i in range(count):
        kind, origin = pick.choice(KINDS), pick.choice(ORIGINS)
        population, frequency = pick.randint(1, 5000), pick.choice((1, 2, 4, 12, 52))
        lines.append(
            f"B{i};Importeret regel {i};{kind};{origin};{unit_slug};Udfylde;{population};"
            f"{frequency};{pick.randint(2, 90)};0;2024-01-01\n"
        )
        lines.append(f"B{i};;;;;Godkende;{population};{frequency};{pick.randint(1, 30)};20 %;\n")
    return "".join(lines).encode("utf-8")


def run_import(municipality_slug: str, rules: int) -> dict[str, Any]:
    from django.db.models import Count

    from enkelt.regulations.models import Rule, RuleImport
    from enkelt.regulations.transfer import run
    from enkelt.regulations.transfer.run import rule_import_prepare, rule_import_run
    from enkelt.tenants.models import Municipality, Unit

    municipality = Municipality.objects.get(slug=municipality_slug)
    unit = Unit.objects.filter(municipality=municipality).order_by("pk").first()
    assert unit is not None, f"{municipality_slug} has no units"
    before = Rule.objects.filter(municipality=municipality).count()
    content = rules_csv(rules, unit.slug)

    started = time.perf_counter()
    job = rule_import_prepare(
        actor=None, municipality=municipality, filename="bench-rules.csv", content=content
    )
    checked = time.perf_counter()
    if job.status != RuleImport.Status.VALIDATED or job.errors:
        return {"error": f"the file did not check clean: {job.status} {job.errors[:3]}"}
    RuleImport.objects.filter(pk=job.pk).update(status=RuleImport.Status.QUEUED)

    progress: list[int] = []  # the percentage the progress page reads after each batch
    real_save = run._save_progress

    def save_and_read(job_: Any, fields: list[str]) -> None:
        real_save(job_, fields)
        # read as the progress page reads it: without the stored rows
        progress.append(RuleImport.objects.defer("rows", "errors").get(pk=job_.pk).progress_percent)

    run._save_progress = save_and_read  # type: ignore[assignment]
    try:
        rule_import_run(import_id=job.pk)
    finally:
        run._save_progress = real_save  # type: ignore[assignment]
    done = time.perf_counter()
    job.refresh_from_db()
    created = Rule.objects.filter(municipality=municipality).count() - before
    activities = Rule.objects.filter(
        municipality=municipality, title__startswith="Importeret regel "
    ).aggregate(n=Count("activities"))["n"]
    return {
        "rules": rules,
        "rows": job.total_rows,
        "bytes": len(content),
        "check_s": round(checked - started, 1),
        "import_s": round(done - checked, 1),
        "total_s": round(done - started, 1),
        "status": job.status,
        "created_rules": created,
        "activities": activities,
        "progress_updates": len(progress),
        "progress_first_last": [progress[0], progress[-1]] if progress else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipality", default="kommune-02")
    parser.add_argument("--rules", type=int, default=100_000)
    args = parser.parse_args(argv)
    import django

    django.setup()
    result = run_import(args.municipality, args.rules)
    print("BENCH_IMPORT " + json.dumps(result))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
