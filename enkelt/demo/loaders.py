"""Runs each app's demo loader in dependency order, in one transaction."""

from django.apps import apps
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError

from enkelt.accounts.demo import load_demo as load_people
from enkelt.catalog.demo import load_demo_examples
from enkelt.goals.demo import load_demo_goals
from enkelt.ideas.demo import load_demo_ideas
from enkelt.open311.demo import load_demo_api_key
from enkelt.outcomes.demo import load_demo_outcomes
from enkelt.regulations.demo import load_demo_rules
from enkelt.simplification.demo import load_demo_cases
from enkelt.strategy.demo import load_demo_strategy
from enkelt.submissions.demo import load_demo_categories
from enkelt.submissions.demo_casework import load_demo_answer_templates
from enkelt.submissions.demo_reports import load_demo_submissions
from enkelt.submissions.models import Category
from enkelt.surveys.demo import load_demo_surveys
from enkelt.tenants.models import Municipality

DEMO_SLUGS = ("demo", "demo2")


def _remove_demo_rows() -> None:
    """Delete every row of the demo municipalities, newest apps first.

    Foreign keys between apps protect what is in use (a rule with a case, a factor
    with scores); deleting model by model, and again for what was still protected,
    removes the whole demo in the right order without each app knowing the others.
    """
    models = [
        m
        for m in reversed(apps.get_models())
        if m._meta.app_label not in ("tenants", "accounts")
        and any(f.name == "municipality" for f in m._meta.get_fields())
    ]
    for _ in range(len(models) + 1):
        blocked = []
        for model in models:
            rows = model._default_manager.filter(municipality__slug__in=DEMO_SLUGS)
            try:
                _delete_leaves_first(model, rows)
                rows.delete()
            except (ProtectedError, RestrictedError):
                blocked.append(model)
        if not blocked:
            return
        models = blocked
    raise RuntimeError(f"demo rows still in use: {[m.__name__ for m in models]}")


def _delete_leaves_first(model: type[Model], rows: QuerySet[Model]) -> None:
    """A tree (parent goal, parent agreement) protects itself: delete it from the leaves."""
    for field in model._meta.concrete_fields:
        if not (field.many_to_one and field.related_model is model):
            continue
        while True:
            parents = model._default_manager.filter(**{f"{field.name}__isnull": False})
            leaves = rows.exclude(pk__in=parents.values(field.attname))
            if not leaves.exists():
                break
            leaves.delete()


@transaction.atomic
def load_all(*, reset: bool = False) -> dict[str, int]:
    if reset:
        _remove_demo_rows()
    counts = load_people(reset=reset)
    demo = Municipality.objects.get(slug="demo")
    load_demo_categories(demo)
    counts["categories"] = Category.objects.filter(municipality__is_demo=True).count()
    counts["answer_templates"] = load_demo_answer_templates(demo)
    load_demo_api_key(demo)
    counts["submissions"] = load_demo_submissions(demo)
    counts["rules"] = load_demo_rules(demo)
    counts["cases"] = load_demo_cases(demo)
    counts["outcome_courses"] = load_demo_outcomes(demo)
    counts["initiatives"] = load_demo_strategy(demo)
    counts["goals"] = load_demo_goals(demo)
    counts["surveys"] = load_demo_surveys(demo)
    counts["catalog_examples"] = load_demo_examples(reset=reset)
    counts["ideas"] = load_demo_ideas(demo)
    return counts
