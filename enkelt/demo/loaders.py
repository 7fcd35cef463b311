"""Runs each app's demo loader in dependency order, in one transaction."""

from django.db import transaction

from enkelt.accounts.demo import load_demo as load_people
from enkelt.open311.demo import load_demo_api_key
from enkelt.regulations.demo import load_demo_rules
from enkelt.simplification.demo import load_demo_cases
from enkelt.submissions.demo import load_demo_categories
from enkelt.submissions.demo_casework import load_demo_answer_templates
from enkelt.submissions.demo_reports import load_demo_submissions
from enkelt.submissions.models import Category
from enkelt.tenants.models import Municipality


@transaction.atomic
def load_all(*, reset: bool = False) -> dict[str, int]:
    counts = load_people(reset=reset)
    demo = Municipality.objects.get(slug="demo")
    load_demo_categories(demo)
    counts["categories"] = Category.objects.filter(municipality__is_demo=True).count()
    counts["answer_templates"] = load_demo_answer_templates(demo)
    load_demo_api_key(demo)
    counts["submissions"] = load_demo_submissions(demo)
    counts["rules"] = load_demo_rules(demo)
    counts["cases"] = load_demo_cases(demo)
    return counts
