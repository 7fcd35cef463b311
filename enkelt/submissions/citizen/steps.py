"""Steps 3 to 6 of the report journey: describe, location, photos, contact.

Each takes the loaded draft and category from `views.report_step`, checks its
part with the intake rules (`journey.service_errors`) and advances the draft.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from enkelt.accounts.models import User
from enkelt.submissions import abuse
from enkelt.submissions.citizen.draft import (
    Draft,
)
from enkelt.submissions.citizen.journey import (
    DENMARK_CENTRE,
    advance,
    is_employee,
    render_step,
    service_errors,
    step_url,
)
from enkelt.submissions.citizen.photo_store import photo_store_delete, photo_store_save
from enkelt.submissions.forms_citizen import (
    ANSWER_PREFIX,
    ContactForm,
    DescribeForm,
    EmployeeContactForm,
    LocationForm,
    PhotoForm,
    add_service_errors,
)
from enkelt.submissions.models import Category, Photo, Submission
from enkelt.tenants.models import Municipality


def describe_step(
    request: HttpRequest, municipality: Municipality, draft: Draft, category: Category
) -> HttpResponse:
    employee = is_employee(request, municipality)
    if request.method == "POST":
        form = DescribeForm(request.POST, category=category, is_employee=employee)
        if form.is_valid():
            values = {
                "title": form.cleaned_data["title"],
                "description": form.cleaned_data["description"],
                "suggestion": form.cleaned_data.get("suggestion", ""),
                "rule_text": form.cleaned_data.get("rule_text", ""),
                "answers": form.answers(),
            }
            error = service_errors(
                request, municipality, category, {**draft.data, **values}, "describe"
            )
            if error is None:
                draft.update(**values)
                if abuse.honeypot_tripped(form.cleaned_data.get(abuse.HONEYPOT_FIELD)):
                    draft.update(spam=True)
                return advance(municipality, draft, "describe")
            add_service_errors(form, error)
    else:
        initial = {
            "title": draft.get("title"),
            "description": draft.get("description"),
            "suggestion": draft.get("suggestion"),
            "rule_text": draft.get("rule_text"),
        }
        for code, value in (draft.get("answers") or {}).items():
            initial[ANSWER_PREFIX + code] = value
        form = DescribeForm(initial=initial, category=category, is_employee=employee)
    return render_step(
        request, municipality, "describe", draft, {"form": form, "category": category}
    )


def map_context(municipality: Municipality) -> dict[str, Any]:
    centre = municipality.settings.get("map_centre") if municipality.settings else None
    lat, lon = centre if isinstance(centre, list | tuple) and len(centre) == 2 else DENMARK_CENTRE
    return {
        "map_tile_url": str(getattr(settings, "ENKELT_MAP_TILE_URL", "") or ""),
        "map_attribution": str(getattr(settings, "ENKELT_MAP_ATTRIBUTION", "") or ""),
        "map_centre_lat": lat,
        "map_centre_lon": lon,
    }


def location_step(
    request: HttpRequest, municipality: Municipality, draft: Draft, category: Category
) -> HttpResponse:
    if request.method == "POST":
        form = LocationForm(request.POST)
        if form.is_valid():
            values = {k: form.cleaned_data[k] for k in ("address", "postal_code", "lat", "lon")}
            error = service_errors(
                request, municipality, category, {**draft.data, **values}, "location"
            )
            if error is None:
                draft.update(**values)
                return advance(municipality, draft, "location")
            # "Show where it is" concerns the whole location; the address comes first.
            for item in error.error_dict.get("lat", []):
                form.add_error("address" if item.code == "location_required" else "lat", item)
            error.error_dict.pop("lat", None)
            add_service_errors(form, error)
    else:
        form = LocationForm(
            initial={k: draft.get(k) for k in ("address", "postal_code", "lat", "lon")}
        )
    return render_step(
        request,
        municipality,
        "location",
        draft,
        {"form": form, "category": category, **map_context(municipality)},
    )


def photos_step(
    request: HttpRequest, municipality: Municipality, draft: Draft, category: Category
) -> HttpResponse:
    photos = draft.photos
    if request.method == "POST":
        form = PhotoForm(request.POST, request.FILES)
        remove = str(request.POST.get("remove", ""))
        if remove:
            kept = [p for p in photos if p.get("name") != remove]
            if len(kept) != len(photos):
                photo_store_delete([remove])
            draft.update(photos=kept)
            draft.save()
            return redirect(step_url(municipality, "photos"))
        if form.is_valid():
            image = form.cleaned_data.get("photo")
            if image is not None and len(photos) >= Photo.MAX_PER_SUBMISSION:
                form.add_error(
                    "photo",
                    ValidationError(
                        _("You can add at most %(count)d photos.")
                        % {"count": Photo.MAX_PER_SUBMISSION},
                        code="too_many_photos",
                    ),
                )
            elif image is not None:
                name = photo_store_save(image)
                photos.append({"name": name, "width": image.width, "height": image.height})
                draft.update(photos=photos)
                draft.save()
            if not form.errors:
                if request.POST.get("action") != "next":
                    return redirect(step_url(municipality, "photos"))
                if category.photo_required and not photos:
                    form.add_error(
                        "photo",
                        ValidationError(_("This category needs a photo."), code="photo_required"),
                    )
                else:
                    return advance(municipality, draft, "photos")
    else:
        form = PhotoForm()
    return render_step(
        request,
        municipality,
        "photos",
        draft,
        {
            "form": form,
            "category": category,
            "photos": photos,
            "can_add": len(photos) < Photo.MAX_PER_SUBMISSION,
            "max_photos": Photo.MAX_PER_SUBMISSION,
        },
    )


def employee_contact(request: HttpRequest, mode: str) -> dict[str, Any]:
    """Own name and internal: the employee's name and e-mail, for receipt and answer.

    Pseudonymous: none, so case workers cannot see who it is; the user is
    still recorded (`submitted_by`) for an audited reveal by an administrator.
    """
    user = request.user
    if mode == Submission.EmployeeMode.PSEUDONYMOUS or not isinstance(user, User):
        return {"contact_name": "", "contact_email": "", "contact_phone": ""}
    return {
        "contact_name": user.get_full_name() or user.get_username(),
        "contact_email": user.email,
        "contact_phone": "",
    }


def contact_step(
    request: HttpRequest, municipality: Municipality, draft: Draft, category: Category
) -> HttpResponse:
    employee = is_employee(request, municipality)
    form: ContactForm | EmployeeContactForm
    if request.method == "POST":
        if employee:
            form = EmployeeContactForm(request.POST)
        else:
            form = ContactForm(request.POST, category=category)
        if form.is_valid():
            if isinstance(form, EmployeeContactForm):
                mode = form.cleaned_data["employee_mode"]
                values = {
                    "employee_mode": mode,
                    "is_anonymous": False,
                    **employee_contact(request, mode),
                }
            else:
                values = {
                    "contact_name": form.cleaned_data["contact_name"].strip(),
                    "contact_email": form.cleaned_data["contact_email"].strip(),
                    "contact_phone": form.cleaned_data["contact_phone"].strip(),
                    "is_anonymous": bool(form.cleaned_data.get("is_anonymous")),
                    "employee_mode": "",
                }
            error = service_errors(
                request, municipality, category, {**draft.data, **values}, "contact"
            )
            if error is None:
                draft.update(**values)
                return advance(municipality, draft, "contact")
            add_service_errors(form, error)
    elif employee:
        form = EmployeeContactForm(initial={"employee_mode": draft.get("employee_mode")})
    else:
        form = ContactForm(
            initial={
                k: draft.get(k)
                for k in ("contact_name", "contact_email", "contact_phone", "is_anonymous")
            },
            category=category,
        )
    return render_step(
        request, municipality, "contact", draft, {"form": form, "category": category}
    )
