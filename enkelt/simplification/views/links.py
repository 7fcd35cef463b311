"""Flags from the places where hassle is seen: a rule's page and a hassle submission in the inbox.

Both are POST-only and redirect back where they came from with a message.
"""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enkelt.regulations.services import rule_create
from enkelt.simplification import selectors, services
from enkelt.simplification.error_codes import SimplificationError
from enkelt.simplification.forms import FlagRuleForm, NewRuleForm
from enkelt.simplification.views.common import FLAG, require, user_of
from enkelt.submissions.models import Kind
from enkelt.submissions.selectors import submission_get
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

ADD_RULE = "regulations.add_rule"


def rule_page_url(municipality: Municipality, rule: Any) -> str:
    """The registry's page of the rule, or the case list when the registry has none."""
    for name in ("regulations:rule_detail", "regulations:detail"):
        try:
            return reverse(name, args=[municipality.slug, rule.public_id])
        except NoReverseMatch:
            continue
    return reverse("simplification:case_list", args=[municipality.slug])


@municipality_view(staff=True)
def rule_flag(request: HttpRequest, municipality: Municipality, rule_id: Any) -> HttpResponse:
    require(request, FLAG, municipality)
    rule = selectors.rule_get_for_link(municipality=municipality, public_id=rule_id)
    if rule is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FlagRuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what should change (at most 5,000 characters)."))
        return redirect(rule_page_url(municipality, rule) + "#flag")
    try:
        services.case_flag_rule(
            actor=user_of(request),
            municipality=municipality,
            rule=rule,
            suggestion=form.cleaned_data["suggestion"],
        )
    except SimplificationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Thank you: the rule has been flagged for simplification."))
    return redirect(rule_page_url(municipality, rule) + "#flag")


def _inbox_url(municipality: Municipality, submission: Any) -> str:
    return reverse("submissions:inbox_detail", args=[municipality.slug, submission.public_id])


def _hassle_submission(municipality: Municipality, submission_id: Any) -> Any:
    submission = submission_get(municipality=municipality, public_id=submission_id)
    if submission is None or submission.kind != Kind.HASSLE:
        raise Http404
    return submission


@municipality_view(staff=True)
def submission_link_rules(
    request: HttpRequest, municipality: Municipality, submission_id: Any
) -> HttpResponse:
    """Link the checked rules (`rule` = public ids) to a hassle submission."""
    require(request, FLAG, municipality)
    submission = _hassle_submission(municipality, submission_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    rules = [
        selectors.rule_get_for_link(municipality=municipality, public_id=key)
        for key in request.POST.getlist("rule")[:50]
    ]
    found = [rule for rule in rules if rule is not None]
    if not found:
        messages.error(request, _("Choose at least one rule to link."))
        return redirect(_inbox_url(municipality, submission) + "#rules")
    with transaction.atomic():
        for rule in found:
            services.case_flag_from_submission(
                actor=user_of(request), municipality=municipality, submission=submission, rule=rule
            )
    messages.success(
        request,
        ngettext(
            "The submission has been linked to %(count)d rule.",
            "The submission has been linked to %(count)d rules.",
            len(found),
        )
        % {"count": len(found)},
    )
    return redirect(_inbox_url(municipality, submission) + "#rules")


@municipality_view(staff=True)
def submission_new_rule(
    request: HttpRequest, municipality: Municipality, submission_id: Any
) -> HttpResponse:
    """Register the rule behind a hassle submission and link the two."""
    require(request, FLAG, municipality)
    require(request, ADD_RULE, municipality)
    submission = _hassle_submission(municipality, submission_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = NewRuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the rule a title, a kind and an origin."))
        return redirect(_inbox_url(municipality, submission) + "#rules")
    with transaction.atomic():
        rule = rule_create(
            actor=user_of(request),
            municipality=municipality,
            owner_unit=submission.unit,
            purpose="",
            **form.cleaned_data,
        )
        services.case_flag_from_submission(
            actor=user_of(request), municipality=municipality, submission=submission, rule=rule
        )
    messages.success(
        request,
        _("The rule “%(title)s” has been registered and linked.") % {"title": rule.title},
    )
    return redirect(_inbox_url(municipality, submission) + "#rules")
