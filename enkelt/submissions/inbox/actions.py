"""The inbox's writes: one action on one submission, bulk actions, saved filters.

Actions are POST forms that work without JavaScript; each calls one service
and redirects back with a message (post/redirect/get). A refused action
(`SubmissionError`) comes back as an error message in words, a malformed form
as the detail page with the errors next to the fields.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enkelt.submissions import casework, services
from enkelt.submissions.error_codes import SubmissionError
from enkelt.submissions.forms_inbox import (
    BULK_ANSWER,
    BULK_ASSIGN,
    AnswerForm,
    AssignForm,
    BulkForm,
    HideForm,
    MergeForm,
    NoteForm,
    SavedFilterForm,
    StatusForm,
)
from enkelt.submissions.inbox.pages import (
    HANDLE,
    MODERATE,
    REVEAL,
    VIEW,
    get_submission,
    render_detail,
    require,
    user_of,
)
from enkelt.submissions.models import Submission
from enkelt.submissions.selectors_inbox import (
    saved_filter_get,
    submission_by_tracking_code_for_merge,
    submissions_by_public_ids,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

# ---------------------------------------------------------------------------
# Actions on one submission
# ---------------------------------------------------------------------------

Outcome = str | HttpResponse  # a success message, or a response (re-rendered form)
ActionHandler = Callable[[HttpRequest, Municipality, Submission], Outcome]


def _invalid(
    request: HttpRequest, municipality: Municipality, submission: Submission, name: str, form: Any
) -> HttpResponse:
    return render_detail(request, municipality, submission, bound={name: form}, status=400)


def _act_status(
    request: HttpRequest, municipality: Municipality, submission: Submission
) -> Outcome:
    form = StatusForm(request.POST, submission=submission)
    if not form.is_valid():
        return _invalid(request, municipality, submission, "status", form)
    services.submission_transition(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
        to_status=form.cleaned_data["to_status"],
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
        note_is_public=form.cleaned_data["note_is_public"],
    )
    return _("The status is now “%(status)s”.") % {"status": submission.get_status_display()}


def _act_note(request: HttpRequest, municipality: Municipality, submission: Submission) -> Outcome:
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, municipality, submission, "note", form)
    services.submission_add_note(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
        text=form.cleaned_data["text"],
        is_public=form.cleaned_data["is_public"],
    )
    if form.cleaned_data["is_public"]:
        return _("The public update has been added.")
    return _("The internal note has been added.")


def _act_assign(
    request: HttpRequest, municipality: Municipality, submission: Submission
) -> Outcome:
    form = AssignForm(request.POST, municipality=municipality, user=user_of(request))
    if not form.is_valid():
        return _invalid(request, municipality, submission, "assign", form)
    services.submission_assign(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
        **form.assignment(),
    )
    return _("The submission has been assigned.")


def _act_answer(
    request: HttpRequest, municipality: Municipality, submission: Submission
) -> Outcome:
    form = AnswerForm(request.POST, municipality=municipality, submission=submission)
    if not form.is_valid():
        return _invalid(request, municipality, submission, "answer", form)
    casework.submission_answer_compose(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
        text=form.cleaned_data["text"],
        template=form.cleaned_data["template"],
        set_status=form.cleaned_data["set_status"],
        reason=form.cleaned_data["reason"],
    )
    return _("The answer has been saved and is being sent to the citizen.")


def _act_merge(request: HttpRequest, municipality: Municipality, submission: Submission) -> Outcome:
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _invalid(request, municipality, submission, "merge", form)
    into = submission_by_tracking_code_for_merge(
        municipality=municipality, tracking_code=form.cleaned_data["tracking_code"]
    )
    if into is None:
        form.add_error("tracking_code", _("No submission has that tracking code."))
        return _invalid(request, municipality, submission, "merge", form)
    services.submission_merge(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        duplicate=submission,
        into=into,
    )
    return _("The submission has been merged into %(code)s.") % {"code": into.tracking_code}


def _act_hide(request: HttpRequest, municipality: Municipality, submission: Submission) -> Outcome:
    form = HideForm(request.POST)
    if not form.is_valid():
        return _invalid(request, municipality, submission, "hide", form)
    services.submission_set_hidden(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
        is_hidden=True,
        reason=form.cleaned_data["reason"],
    )
    return _("The submission is hidden from the public.")


def _act_unhide(
    request: HttpRequest, municipality: Municipality, submission: Submission
) -> Outcome:
    services.submission_set_hidden(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
        is_hidden=False,
    )
    return _("The submission is shown to the public again.")


def _act_approve(
    request: HttpRequest, municipality: Municipality, submission: Submission
) -> Outcome:
    casework.submission_moderation_approve(
        actor=request.user,  # type: ignore[arg-type]
        municipality=municipality,
        submission=submission,
    )
    return _("The submission has been approved.")


def _act_reveal(
    request: HttpRequest, municipality: Municipality, submission: Submission
) -> Outcome:
    """Shown once, in this response only; every reveal is in the audit trail."""
    revealed = casework.submission_reveal_identity(
        actor=user_of(request), municipality=municipality, submission=submission
    )
    response = render_detail(request, municipality, submission, revealed=revealed)
    response["Cache-Control"] = "no-store"
    return response


ACTIONS: dict[str, tuple[str, ActionHandler]] = {
    "status": (HANDLE, _act_status),
    "note": (HANDLE, _act_note),
    "assign": (HANDLE, _act_assign),
    "answer": (HANDLE, _act_answer),
    "merge": (HANDLE, _act_merge),
    "hide": (MODERATE, _act_hide),
    "unhide": (MODERATE, _act_unhide),
    "approve": (MODERATE, _act_approve),
    "reveal": (REVEAL, _act_reveal),
}


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@municipality_view(staff=True)
def inbox_action(
    request: HttpRequest, municipality: Municipality, submission_id: Any, action: str
) -> HttpResponse:
    """POST one action on one submission; a refused action comes back as a message."""
    if action not in ACTIONS:
        raise Http404
    require(request, VIEW, municipality)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    perm, handler = ACTIONS[action]
    require(request, perm, municipality)
    submission = get_submission(municipality, submission_id)
    detail_url = reverse("submissions:inbox_detail", args=[municipality.slug, submission.public_id])
    try:
        outcome = handler(request, municipality, submission)
    except SubmissionError as error:
        messages.error(request, str(error.message))
        return redirect(_next_url(request, detail_url))
    if isinstance(outcome, HttpResponse):
        return outcome
    messages.success(request, outcome)
    return redirect(_next_url(request, detail_url))


# ---------------------------------------------------------------------------
# Bulk actions, saved filters, moderation queue
# ---------------------------------------------------------------------------


def _inbox_url(municipality: Municipality, query: str = "") -> str:
    url = reverse("submissions:inbox", args=[municipality.slug])
    return f"{url}?{query}" if query else url


@municipality_view(staff=True)
def inbox_bulk(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """One POST for the checked rows; each row is one service call, failures listed by code."""
    require(request, HANDLE, municipality)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = _inbox_url(municipality, request.POST.get("query", ""))
    form = BulkForm(request.POST, municipality=municipality)
    if not form.is_valid():
        for messages_of_field in form.errors.values():
            for text in messages_of_field:
                messages.error(request, str(text))
        return redirect(back)
    selection = submissions_by_public_ids(municipality=municipality, public_ids=form.selected_ids)
    if not selection:
        messages.error(request, _("None of the selected submissions could be found."))
        return redirect(back)
    actor = request.user
    operation = form.cleaned_data["operation"]
    if operation == BULK_ASSIGN:
        result = casework.submissions_bulk_assign(
            actor=actor,  # type: ignore[arg-type]
            municipality=municipality,
            submissions=selection,
            unit=form.cleaned_data["unit"],
            assignee=form.cleaned_data["assignee"],
        )
    elif operation == BULK_ANSWER:
        result = casework.submissions_bulk_answer(
            actor=actor,  # type: ignore[arg-type]
            municipality=municipality,
            submissions=selection,
            template=form.cleaned_data["template"],
        )
    else:
        result = casework.submissions_bulk_close(
            actor=actor,  # type: ignore[arg-type]
            municipality=municipality,
            submissions=selection,
        )
    if result.done:
        count = len(result.done)
        messages.success(
            request,
            ngettext(
                "%(count)d submission was changed.", "%(count)d submissions were changed.", count
            )
            % {"count": count},
        )
    for submission, refusal in result.failed:
        messages.error(
            request,
            _("%(code)s was not changed: %(reason)s")
            % {"code": submission.tracking_code, "reason": refusal.message},
        )
    return redirect(back)


@municipality_view(staff=True)
def saved_filter_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SavedFilterForm(request.POST)
    query = request.POST.get("query", "")
    if not form.is_valid():
        messages.error(request, _("Give the filter a name (at most 100 characters)."))
        return redirect(_inbox_url(municipality, query))
    try:
        saved = casework.saved_filter_save(
            actor=user_of(request),
            municipality=municipality,
            name=form.cleaned_data["name"],
            query=form.cleaned_data["query"],
        )
    except SubmissionError as error:
        messages.error(request, str(error.message))
        return redirect(_inbox_url(municipality, query))
    messages.success(request, _("The filter “%(name)s” has been saved.") % {"name": saved.name})
    return redirect(_inbox_url(municipality, saved.query))


@municipality_view(staff=True)
def saved_filter_remove(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = user_of(request)
    saved = saved_filter_get(
        municipality=municipality, user=user, filter_id=request.POST.get("filter", "")
    )
    if saved is None:
        raise Http404
    casework.saved_filter_delete(actor=user, municipality=municipality, saved_filter=saved)
    messages.success(request, _("The filter “%(name)s” has been deleted.") % {"name": saved.name})
    return redirect(_inbox_url(municipality))
