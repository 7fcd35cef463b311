"""`{% initiative_goals initiative as panel %}` for `goals/_initiative_panel.html`."""

from decimal import Decimal
from typing import Any

from django import template

from enkelt.goals import selectors
from enkelt.goals.models import Goal

register = template.Library()


@register.simple_tag
def initiative_goals(initiative: Any) -> dict[str, Any]:
    """The goals linked to an initiative and the freed hours given to it."""
    goals = list(
        Goal.objects.filter(initiative=initiative).select_related("agreement", "municipality")
    )
    freed = selectors.freed_hours_for_initiative(initiative=initiative)
    return {
        "goals": goals,
        "freed": freed,
        "freed_total": sum((a.hours_per_year for a in freed), start=Decimal(0)),
    }
