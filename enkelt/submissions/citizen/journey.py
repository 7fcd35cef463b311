"""What the steps of the report journey share: addresses, the step indicator, the checks.

At each step the input is checked by the intake rules the final service applies
(`intake.clean_new_submission`), keeping only the errors about that step's fields,
so that a problem is shown at the field where it is made.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from enkelt.accounts.models import User
from enkelt.submissions.citizen.draft import STEP_TITLES, STEPS, Draft
from enkelt.submissions.intake import clean_new_submission
from enkelt.submissions.models import Category, Submission
from enkelt.tenants.access import is_staff_of
from enkelt.tenants.models import Municipality

STEP_OF_FIELD = {
    "category": "category",
    "title": "describe",
    "description": "describe",
    "suggestion": "describe",
    "lat": "location",
    "lon": "location",
    "address": "location",
    "postal_code": "location",
    "photos": "photos",
    "contact_name": "contact",
    "contact_email": "contact",
    "contact_phone": "contact",
    "is_anonymous": "contact",
    "employee_mode": "contact",
}
STEP_FIELDS: dict[str, set[str]] = {}
for _field, _step in STEP_OF_FIELD.items():
    STEP_FIELDS.setdefault(_step, set()).add(_field)

DENMARK_CENTRE = (56.0, 10.5)


def actor_of(request: HttpRequest) -> User | AnonymousUser:
    return request.user  # type: ignore[return-value]


def is_employee(request: HttpRequest, municipality: Municipality) -> bool:
    return is_staff_of(request.user, municipality)


def step_url(municipality: Municipality, step: str, kind: str = "") -> str:
    slug = municipality.slug
    if step == "kind":
        return reverse("submissions:report", kwargs={"municipality_slug": slug})
    if step == "category":
        return reverse("submissions:report_kind", kwargs={"municipality_slug": slug, "kind": kind})
    return reverse("submissions:report_step", kwargs={"municipality_slug": slug, "step": step})


def steps_nav(
    municipality: Municipality, current: str, draft: Draft | None
) -> list[dict[str, Any]]:
    """The DKFDS step indicator: done steps link back, later ones are disabled."""
    kind = draft.get("kind") if draft else ""
    nav = []
    for number, step in enumerate(STEPS, start=1):
        reachable = step == "kind" or (
            draft is not None and (draft.is_done(step) or draft.first_missing(step) is None)
        )
        nav.append(
            {
                "number": number,
                "title": STEP_TITLES[step],
                "current": step == current,
                "done": draft is not None and draft.is_done(step) and step != current,
                "url": step_url(municipality, step, kind) if reachable else "",
            }
        )
    return nav


def render_step(
    request: HttpRequest,
    municipality: Municipality,
    step: str,
    draft: Draft | None,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    number = STEPS.index(step) + 1
    previous = STEPS[number - 2] if number > 1 else None
    kind = (draft.get("kind") if draft else "") or context.get("kind", "")
    context = {
        "municipality": municipality,
        "step": step,
        "step_title": STEP_TITLES[step],
        "step_number": number,
        "step_count": len(STEPS),
        "steps_nav": steps_nav(municipality, step, draft),
        "back_url": step_url(municipality, previous, kind) if previous else "",
        "is_employee": is_employee(request, municipality),
        "draft": draft,
        **context,
    }
    return render(request, f"submissions/citizen/step_{step}.html", context, status=status)


def service_errors(
    request: HttpRequest,
    municipality: Municipality,
    category: Category,
    data: dict[str, Any],
    step: str,
) -> ValidationError | None:
    """The intake rules' errors about this step's fields (answers count as `describe`)."""
    try:
        clean_new_submission(
            actor=actor_of(request),
            municipality=municipality,
            category=category,
            title=data.get("title", ""),
            description=data.get("description", ""),
            suggestion=data.get("suggestion", ""),
            lat=data.get("lat") or None,
            lon=data.get("lon") or None,
            address=data.get("address", ""),
            postal_code=data.get("postal_code", ""),
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            is_anonymous=bool(data.get("is_anonymous")),
            employee_mode=data.get("employee_mode", ""),
            channel=channel_of(request, municipality),
            answers=data.get("answers") or {},
        )
    except ValidationError as error:
        wanted = STEP_FIELDS.get(step, set())
        relevant = {
            key: messages
            for key, messages in error.error_dict.items()
            if key in wanted or (step == "describe" and key.startswith("answers."))
        }
        return ValidationError(relevant) if relevant else None
    return None


def channel_of(request: HttpRequest, municipality: Municipality) -> str:
    if is_employee(request, municipality):
        return Submission.Channel.EMPLOYEE
    return Submission.Channel.WEB


def no_draft(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(
        request,
        "submissions/citizen/no_draft.html",
        {"municipality": municipality},
    )


def advance(municipality: Municipality, draft: Draft, step: str) -> HttpResponse:
    draft.mark_done(step)
    draft.save()
    return redirect(step_url(municipality, draft.next_step(step), draft.get("kind")))


def receipt_url(municipality: Municipality, tracking_code: str) -> str:
    return reverse(
        "submissions:report_receipt",
        kwargs={"municipality_slug": municipality.slug, "tracking_code": tracking_code},
    )
