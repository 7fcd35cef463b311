"""Flags from the simplification app: counted per rule, sorted on, and ranked burden x flags."""

import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps

from enkelt.regulations import selectors
from enkelt.regulations.services import ActivityData, rule_create

pytestmark = pytest.mark.django_db


def _flag_rule():
    """The simplification app's service that flags a rule (this app does not depend on it)."""
    try:
        apps.get_model("simplification", "Flag")
        services = importlib.import_module("enkelt.simplification.services")
        return services.case_flag_rule
    except (LookupError, ImportError, AttributeError):
        pytest.skip("the simplification app provides no way to flag a rule")


def _rule(municipality, actor, title, minutes):
    return rule_create(
        actor=actor, municipality=municipality, title=title, kind="form", origin="council",
        activities=[ActivityData(name="a", population=D(1), frequency_per_year=D(60),
                                 minutes_per_occurrence=D(minutes))],
    )  # fmt: skip


def test_flag_count_sorting_and_priority(municipality, leader):
    flag_rule = _flag_rule()
    heavy = _rule(municipality, leader, "Tung", 60)  # 60 hours, 1 flag -> 60
    light = _rule(municipality, leader, "Let", 10)  # 10 hours, 3 flags -> 30
    _rule(municipality, leader, "Uflaget", 120)  # never flagged: not a priority
    for rule, flags in ((heavy, 1), (light, 3)):
        for i in range(flags):
            flag_rule(actor=leader, municipality=municipality, rule=rule, suggestion=f"Forslag {i}")
    by_flags = selectors.rule_list(
        municipality=municipality, filters=selectors.RegistryFilters(sort="-flags")
    )
    assert [(r.title, r.flag_count) for r in by_flags] == [("Let", 3), ("Tung", 1), ("Uflaget", 0)]
    ranked = list(selectors.priority_list(municipality=municipality))
    assert [(r.title, r.priority) for r in ranked] == [("Tung", D(60)), ("Let", D(30))]
