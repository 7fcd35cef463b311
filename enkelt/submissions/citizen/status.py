"""The status page by tracking code, following by e-mail, and unsubscribing.

Whoever holds the tracking code sees what the public may see: the masked
title, the category, the status, the dates, the public history and the public
answer. Never contact details, internal notes or who handled it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from enkelt.submissions import abuse
from enkelt.submissions.following import follower_create, follower_delete, follower_get_by_token
from enkelt.submissions.forms_citizen import FollowForm, StatusLookupForm, add_service_errors
from enkelt.submissions.models import SubmissionEvent
from enkelt.submissions.selectors import submission_get_by_tracking_code, submission_history
from enkelt.submissions.tracking import tracking_code_normalise
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


def _status_url(municipality: Municipality, tracking_code: str) -> str:
    return reverse(
        "submissions:status",
        kwargs={"municipality_slug": municipality.slug, "tracking_code": tracking_code},
    )


@municipality_view()
def status_lookup(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """A GET form: the code typed (any case, with or without hyphen) leads to its page."""
    form = StatusLookupForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        code = tracking_code_normalise(form.cleaned_data["code"])
        submission = (
            submission_get_by_tracking_code(municipality=municipality, tracking_code=code)
            if code
            else None
        )
        if submission is not None:
            return redirect(_status_url(municipality, submission.tracking_code))
        form.add_error(
            "code",
            ValidationError(
                _("We cannot find a report with that code. Check it against your receipt."),
                code="not_found",
            ),
        )
    return render(
        request,
        "submissions/citizen/status_lookup.html",
        {"municipality": municipality, "form": form},
    )


def _event_text(event: SubmissionEvent) -> str:
    """What the citizen reads for one public event; staff names are never part of it."""
    if event.kind == SubmissionEvent.Kind.CREATED:
        return _("Received")
    if event.kind == SubmissionEvent.Kind.STATUS_CHANGED:
        return _("Status changed to “%(status)s”") % {"status": event.get_status_to_display()}
    if event.kind == SubmissionEvent.Kind.MERGED:
        return _("Handled together with another report about the same matter")
    if event.kind == SubmissionEvent.Kind.ANSWERED:
        return _("Answered")
    return _("Update")


@municipality_view()
@never_cache
def status(request: HttpRequest, municipality: Municipality, tracking_code: str) -> HttpResponse:
    """The status page; a POST of the follow form adds a follower (then back here)."""
    submission = submission_get_by_tracking_code(
        municipality=municipality, tracking_code=tracking_code
    )
    if submission is None:
        raise Http404
    if tracking_code != submission.tracking_code:  # typed in lower case or without hyphen
        return redirect(_status_url(municipality, submission.tracking_code))
    follow_form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and follow_form.is_valid():
        if not request.user.is_authenticated and abuse.rate_limit_hit(request, scope="follow"):
            return render(
                request,
                "submissions/citizen/rate_limited.html",
                {"municipality": municipality, "rate": abuse.submission_rate()},
                status=429,
            )
        try:
            follower_create(
                actor=request.user,  # type: ignore[arg-type]
                municipality=municipality,
                submission=submission,
                email=follow_form.cleaned_data["email"],
                language=get_language(),
            )
        except ValidationError as error:
            add_service_errors(follow_form, error)
        else:
            messages.success(
                request,
                _("You will receive an e-mail when the municipality answers this report."),
            )
            return redirect(_status_url(municipality, submission.tracking_code))
    events = [
        {"event": event, "text": _event_text(event)}
        for event in submission_history(submission=submission, public_only=True)
        if event.kind != SubmissionEvent.Kind.INTERNAL_NOTE
    ]
    return render(
        request,
        "submissions/citizen/status.html",
        {
            "municipality": municipality,
            "submission": submission,
            "events": events,
            "follow_form": follow_form,
        },
    )


@municipality_view()
@never_cache
def unsubscribe(request: HttpRequest, municipality: Municipality, token: str) -> HttpResponse:
    """GET asks (mail scanners follow links); only the POST stops the e-mails."""
    follower = follower_get_by_token(municipality=municipality, token=token)
    if follower is None:
        return render(
            request,
            "submissions/citizen/unsubscribe.html",
            {"municipality": municipality, "state": "unknown"},
            status=404,
        )
    tracking_code = follower.submission.tracking_code
    if request.method == "POST":
        follower_delete(actor=request.user, municipality=municipality, follower=follower)  # type: ignore[arg-type]
        return render(
            request,
            "submissions/citizen/unsubscribe.html",
            {"municipality": municipality, "state": "done", "tracking_code": tracking_code},
        )
    return render(
        request,
        "submissions/citizen/unsubscribe.html",
        {"municipality": municipality, "state": "ask", "tracking_code": tracking_code},
    )
