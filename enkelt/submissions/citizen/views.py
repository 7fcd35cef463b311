"""The report journey for citizens and employees: kind → category → … → receipt.

Plain multi-step forms that work without JavaScript (ui.md): each step posts
its part into the draft in the session (`draft.py`) and redirects to the next
step. At each step the input is checked by the same intake rules the final
service applies (`intake.clean_new_submission`), keeping only the errors
about that step's fields, so a problem is shown where it is made. The last
step calls `report_submit` once; the draft's idempotency key makes a repeated
final POST harmless.

Logged-in staff of the municipality take the employee journey: the contact
step asks how they want to appear instead, and the channel is `employee`.
"""

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from enkelt.core.public_cache import public_page_cache
from enkelt.submissions import abuse
from enkelt.submissions.citizen.draft import (
    ADDRESSED_STEPS,
    STEP_TITLES,
    STEPS,
    Draft,
    receipt_allowed,
    receipt_code_for_key,
    receipt_remember,
)
from enkelt.submissions.citizen.journey import (
    STEP_OF_FIELD,
    actor_of,
    no_draft,
    receipt_url,
    render_step,
    step_url,
)
from enkelt.submissions.citizen.steps import (
    contact_step,
    describe_step,
    location_step,
    photos_step,
)
from enkelt.submissions.citizen.submit import ReportInput, report_submit
from enkelt.submissions.forms_citizen import (
    CategoryForm,
    KindForm,
    ReviewForm,
)
from enkelt.submissions.models import Category, Kind, Submission
from enkelt.submissions.selectors import (
    category_get,
    category_list,
    submission_get_by_tracking_code,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

# Where each service error key is answered: the step that asks for it.
# ---------------------------------------------------------------------------
# Step 1 and 2: kind and category (they start the draft)
# ---------------------------------------------------------------------------


@public_page_cache
@municipality_view()
def report_start(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Step 1: what is it about? Stateless: the choice is carried in the next address.

    The form is a GET (it changes nothing and needs no CSRF token), so the page is the same
    for every visitor without a session and is served from the public page cache; a POST
    is still accepted from pages rendered before.
    """
    if request.method == "POST" or "kind" in request.GET:
        form = KindForm(request.POST if request.method == "POST" else request.GET)
        if form.is_valid():
            return redirect(step_url(municipality, "category", form.cleaned_data["kind"]))
        draft = Draft.load(request.session, municipality.pk)
        response = render_step(request, municipality, "kind", draft, {"form": form})
    else:
        draft = Draft.load(request.session, municipality.pk)
        form = KindForm(initial={"kind": draft.get("kind")} if draft else None)
        response = render_step(request, municipality, "kind", draft, {"form": form})
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        add_never_cache_headers(response)  # a draft's kind is preselected: not for sharing
    return response


@municipality_view()
@never_cache
def report_category(request: HttpRequest, municipality: Municipality, kind: str) -> HttpResponse:
    """Step 2: the category of that kind. Posting it starts the draft."""
    if kind not in Kind.values:
        raise Http404
    categories = list(category_list(municipality=municipality, kind=kind))
    draft = Draft.load(request.session, municipality.pk)
    if request.method == "POST":
        form = CategoryForm(request.POST, categories=categories)
        if form.is_valid():
            code = form.cleaned_data["category"]
            if draft is None:
                draft = Draft.start(request.session, municipality.pk, kind)
            if draft.get("category") != code or draft.get("kind") != kind:
                # Another category asks other questions and has other requirements.
                draft.update(kind=kind, category=code, answers={})
                draft.mark_undone("describe", "location", "photos")
            draft.mark_done("category")
            draft.save()
            return redirect(step_url(municipality, draft.next_step("category")))
    else:
        same_kind = draft is not None and draft.get("kind") == kind
        form = CategoryForm(
            initial={"category": draft.get("category")} if same_kind and draft else None,
            categories=categories,
        )
    return render_step(
        request,
        municipality,
        "category",
        draft,
        {"form": form, "kind": kind, "kind_label": Kind(kind).label, "categories": categories},
    )


# ---------------------------------------------------------------------------
# Steps 3 to 7, addressed as report/step/<step>/
# ---------------------------------------------------------------------------


@municipality_view()
@never_cache
def report_step(request: HttpRequest, municipality: Municipality, step: str) -> HttpResponse:
    if step not in ADDRESSED_STEPS:
        raise Http404
    if step == "review" and request.method == "POST":
        sent = receipt_code_for_key(request.session, str(request.POST.get("key", "")))
        if sent:  # the same final POST again: show the receipt of the first
            return redirect(receipt_url(municipality, sent))
    draft = Draft.load(request.session, municipality.pk)
    if draft is None:
        return no_draft(request, municipality)
    missing = draft.first_missing(before=step)
    if missing:
        return redirect(step_url(municipality, missing, draft.get("kind")))
    category = category_get(municipality=municipality, code=draft.get("category"))
    if category is None or category.kind != draft.get("kind"):
        draft.mark_undone("category")
        draft.save()
        return redirect(step_url(municipality, "category", draft.get("kind")))
    handler = {
        "describe": describe_step,
        "location": location_step,
        "photos": photos_step,
        "contact": contact_step,
        "review": _review,
    }[step]
    return handler(request, municipality, draft, category)


def _report_input(request: HttpRequest, draft: Draft, category: Category) -> ReportInput:
    description = str(draft.get("description"))
    rule_text = str(draft.get("rule_text") or "").strip()
    if rule_text:
        # Until rules can be linked (the simplification issue), the rule travels in the text.
        description = f"{description}\n\n{_('Rule or requirement')}: {rule_text}"
    return ReportInput(
        category=category,
        title=str(draft.get("title")),
        description=description,
        suggestion=str(draft.get("suggestion")),
        answers=dict(draft.get("answers") or {}),
        address=str(draft.get("address")),
        postal_code=str(draft.get("postal_code")),
        lat=str(draft.get("lat")),
        lon=str(draft.get("lon")),
        contact_name=str(draft.get("contact_name")),
        contact_email=str(draft.get("contact_email")),
        contact_phone=str(draft.get("contact_phone")),
        is_anonymous=bool(draft.get("is_anonymous", False)),
        employee_mode=str(draft.get("employee_mode")),
        channel=Submission.Channel.EMPLOYEE
        if draft.get("employee_mode")
        else Submission.Channel.WEB,
        photos=draft.photos,
        idempotency_key=draft.key,
    )


def _answers_shown(category: Category, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """The extra questions' answers as the citizen chose them (choice names, not keys)."""
    shown = []
    for question in category.questions.all():
        value = answers.get(question.code)
        if value in (None, "", []):
            continue
        names = {str(c.get("key")): question.choice_name(c) for c in question.choices or []}
        values = value if isinstance(value, list) else [value]
        shown.append((question.label, ", ".join(names.get(str(v), str(v)) for v in values)))
    return shown


def _review(
    request: HttpRequest, municipality: Municipality, draft: Draft, category: Category
) -> HttpResponse:
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid() and form.cleaned_data["key"] == draft.key:
            if not request.user.is_authenticated and abuse.rate_limit_hit(request):
                return render(
                    request,
                    "submissions/citizen/rate_limited.html",
                    {"municipality": municipality, "rate": abuse.submission_rate()},
                    status=429,
                )
            report = _report_input(request, draft, category)
            if draft.get("spam") or abuse.honeypot_tripped(
                form.cleaned_data.get(abuse.HONEYPOT_FIELD)
            ):
                report = replace(report, spam_note="honeypot field filled in")
            try:
                submission = report_submit(
                    actor=actor_of(request),
                    municipality=municipality,
                    report=report,
                    language=get_language(),
                )
            except ValidationError as error:
                for key, items in error.error_dict.items():
                    step = "describe" if key.startswith("answers.") else STEP_OF_FIELD.get(key)
                    step = step or "describe"
                    for item in items:
                        for message in item.messages:
                            errors.append(
                                {
                                    "message": message,
                                    "url": step_url(municipality, step, draft.get("kind")),
                                    "step": str(STEP_TITLES[step]),
                                }
                            )
            else:
                receipt_remember(
                    request.session, key=draft.key, tracking_code=submission.tracking_code
                )
                draft.discard()
                return redirect(receipt_url(municipality, submission.tracking_code))
        elif form.is_valid():  # an old tab's key: this draft was never reviewed there
            form.add_error(None, _("The report changed in another window. Check it and send it."))
    else:
        form = ReviewForm(initial={"key": draft.key})
    if errors:
        form = ReviewForm(initial={"key": draft.key})
    lat, lon = draft.get("lat"), draft.get("lon")
    return render_step(
        request,
        municipality,
        "review",
        draft,
        {
            "form": form,
            "category": category,
            "errors": errors,
            "answers_shown": _answers_shown(category, draft.get("answers") or {}),
            "position": (Decimal(lat), Decimal(lon)) if lat and lon else None,
            "employee_mode_label": (
                Submission.EmployeeMode(draft.get("employee_mode")).label
                if draft.get("employee_mode")
                else ""
            ),
            "edit_urls": {
                step: step_url(municipality, step, draft.get("kind")) for step in STEPS[:-1]
            },
        },
    )


# ---------------------------------------------------------------------------
# Receipt
# ---------------------------------------------------------------------------


@municipality_view()
@never_cache
def report_receipt(
    request: HttpRequest, municipality: Municipality, tracking_code: str
) -> HttpResponse:
    """Only the browser that sent the report sees its receipt (the session remembers)."""
    if not receipt_allowed(request.session, tracking_code):
        raise Http404
    submission = submission_get_by_tracking_code(
        municipality=municipality, tracking_code=tracking_code
    )
    if submission is None:
        raise Http404
    return render(
        request,
        "submissions/citizen/receipt.html",
        {"municipality": municipality, "submission": submission},
    )
