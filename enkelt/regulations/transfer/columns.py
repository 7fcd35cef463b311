"""The file format: one row per activity, rules grouped by `rule_key`.

A rule without activities is one row with the activity columns left empty. The
rule's own columns are read from the first row of its group. Codes (kind,
origin, status, source, confidence) are the English codes of the API; numbers
may use a decimal comma or point; dates are `YYYY-MM-DD` or `DD-MM-YYYY`.
"""

from django.utils.translation import gettext_lazy as _

from enkelt.regulations.models import Activity, Rule

RULE_COLUMNS = (
    "rule_key", "title", "kind", "origin", "legal_reference", "legal_reference_url", "purpose",
    "text", "adopted_by", "adopted_on", "owner_unit", "status", "review_by",
)  # fmt: skip
ACTIVITY_COLUMNS = (
    "activity_name", "population", "frequency_per_year", "minutes_per_occurrence", "job_family",
    "hourly_tariff", "external_cost_per_occurrence", "business_as_usual_share", "source",
    "confidence",
)  # fmt: skip
COLUMNS = RULE_COLUMNS + ACTIVITY_COLUMNS
REQUIRED_COLUMNS = ("title", "kind", "origin")

HELP = {
    "rule_key": _(
        "Any text that is the same on every row of one rule (e.g. R-001). An exported file "
        "carries each rule's id here: importing it again updates those rules."
    ),
    "title": _("Required."),
    "kind": ", ".join(Rule.Kind.values),
    "origin": ", ".join(Rule.Origin.values),
    "owner_unit": _("The unit's short name."),
    "status": ", ".join(Rule.Status.values) + " " + str(_("(empty: active)")),
    "adopted_on": "YYYY-MM-DD",
    "review_by": "YYYY-MM-DD",
    "activity_name": _("Empty: the rule has no measured activities."),
    "frequency_per_year": _("May be below 1: every second year is 0.5."),
    "job_family": _("Name of a job-family tariff (the latest year is used)."),
    "hourly_tariff": _("Empty: the job family's or the municipality's tariff."),
    "business_as_usual_share": _("0 to 1, or a percentage such as 20 %."),
    "source": ", ".join(Activity.Source.values),
    "confidence": ", ".join(Activity.Confidence.values),
}

EXAMPLE_ROWS = [
    {
        "rule_key": "R-001", "title": "Kørselsgodtgørelse kræver to godkendelser",
        "kind": "approval_requirement", "origin": "administration",
        "purpose": "Kontrol af udbetalinger", "text": "Hver kørselsseddel skal godkendes af "
        "nærmeste leder og af økonomi.", "status": "active",
        "activity_name": "Leder godkender kørselsseddel", "population": "40",
        "frequency_per_year": "12", "minutes_per_occurrence": "5", "source": "estimate",
        "confidence": "medium", "business_as_usual_share": "0",
    },
    {
        "rule_key": "R-001", "activity_name": "Økonomi kontrollerer kørselsseddel",
        "population": "40", "frequency_per_year": "12", "minutes_per_occurrence": "4",
        "hourly_tariff": "480", "source": "time_registration", "confidence": "high",
    },
]  # fmt: skip
