"""Template tags for panels that other apps' pages include: a rule's case, a submission's rules."""

from dataclasses import dataclass
from typing import Any

from django import template

from enkelt.regulations.models import Rule
from enkelt.simplification import selectors
from enkelt.simplification.forms import FlagRuleForm, NewRuleForm
from enkelt.simplification.models import Case, Flag
from enkelt.simplification.views.links import rule_page_url

register = template.Library()


@register.simple_tag
def rule_url(municipality: Any, rule: Rule) -> str:
    return rule_page_url(municipality, rule)


@dataclass
class RulePanel:
    case: Case | None
    can_view: bool
    can_flag: bool
    form: FlagRuleForm


@register.simple_tag(takes_context=True)
def rule_case_panel(context: template.Context, rule: Rule) -> RulePanel | None:
    """The rule's case (if any) and whether the user may flag it; None for non-staff."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("simplification.view_case", rule):
        return None
    return RulePanel(
        case=selectors.case_for_rule(municipality=rule.municipality, rule=rule),
        can_view=True,
        can_flag=user.has_perm("simplification.flag_rule", rule),
        form=FlagRuleForm(auto_id="id_flag_%s"),
    )


@dataclass
class SubmissionPanel:
    flags: list[Flag]
    query: str
    matches: list[Rule]
    new_rule_form: NewRuleForm
    can_add_rule: bool


@register.simple_tag(takes_context=True)
def submission_rules_panel(context: template.Context, submission: Any) -> SubmissionPanel | None:
    """On a hassle submission in the inbox: its linked rules and a title search (`?rule_q=`)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("simplification.flag_rule", submission):
        return None
    municipality = submission.municipality
    query = (request.GET.get("rule_q") or "").strip()[:200] if request is not None else ""
    linked = list(selectors.flags_of_submission(municipality=municipality, submission=submission))
    linked_rules = {flag.case.rule_id for flag in linked}
    matches = [
        r
        for r in selectors.rules_matching(municipality=municipality, q=query)
        if r.pk not in linked_rules
    ]
    return SubmissionPanel(
        flags=linked,
        query=query,
        matches=matches,
        new_rule_form=NewRuleForm(
            auto_id="id_newrule_%s", initial={"title": submission.title[:300]}
        ),
        can_add_rule=user.has_perm("regulations.add_rule", submission),
    )
