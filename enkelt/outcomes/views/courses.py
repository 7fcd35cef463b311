"""Courses of one's own offer with the due list, a course's page and the assessment form.

Scoped by `municipality_view(staff=True)`, then a named rule; a course is
loaded by pseudonym and answers 404 to anyone who is not staff of its offer.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.outcomes import selectors, services
from enkelt.outcomes.forms import AssessmentForm, CourseStartForm
from enkelt.outcomes.models import Kind
from enkelt.outcomes.views.common import (
    ADD_ASSESSMENT,
    VIEW_AGGREGATES,
    VIEW_LIST,
    get_course,
    require,
)
from enkelt.tenants.access import membership_of, municipality_view
from enkelt.tenants.models import Municipality, Role, Unit


def _own_units(request: HttpRequest, municipality: Municipality) -> list[Unit] | None:
    """The offer whose courses the list shows; None for administrators (every unit)."""
    membership = membership_of(request.user)
    if membership is not None and membership.role == Role.ADMINISTRATOR:
        return None
    return [membership.unit] if membership is not None and membership.unit else []


@municipality_view(staff=True)
def course_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The offer's courses and due list; POST starts a new course (a fresh pseudonym)."""
    require(request, VIEW_LIST, municipality)
    today = timezone.localdate()
    units = _own_units(request, municipality)
    form = CourseStartForm(
        request.POST if request.method == "POST" else None,
        municipality=municipality,
        choose_unit=units is None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and (units is None or units):
            unit = form.cleaned_data["unit"] if units is None else units[0]
            course = services.course_start(
                actor=request.user,
                municipality=municipality,
                unit=unit,
                scheme=form.cleaned_data["scheme"],
                started_on=form.cleaned_data["started_on"],
            )
            messages.success(
                request,
                _("Course %(pseudonym)s has been started: record the intake assessment.")
                % {"pseudonym": course.pseudonym},
            )
            return redirect("outcomes:assessment_new", municipality.slug, course.pseudonym)
        status = 400
    courses = list(selectors.course_list(municipality=municipality, units=units))
    due = selectors.due_list(courses=courses, today=today)
    return render(
        request,
        "outcomes/course_list.html",
        {
            "municipality": municipality,
            "units": units,
            "courses": courses,
            "due": due,
            "today": today,
            "can_see_aggregates": request.user.has_perm(VIEW_AGGREGATES, municipality),
            "form": form,
        },
        status=status,
    )


@municipality_view(staff=True)
def course_detail(
    request: HttpRequest, municipality: Municipality, course_pseudonym: str
) -> HttpResponse:
    course = get_course(request, municipality, course_pseudonym)
    detail = selectors.course_detail(course=course, today=timezone.localdate())
    return render(
        request,
        "outcomes/course_detail.html",
        {
            "municipality": municipality,
            "course": course,
            "scheme": course.scheme,
            "detail": detail,
            "kinds": _allowed_kinds(detail.assessments),
            "can_add": request.user.has_perm(ADD_ASSESSMENT, course),
        },
    )


def _allowed_kinds(assessments: list[Any]) -> list[str]:
    kinds = {a.kind for a in assessments}
    if Kind.DISCHARGE in kinds:
        return []
    if Kind.INTAKE not in kinds:
        return [Kind.INTAKE]
    return [Kind.FOLLOW_UP, Kind.DISCHARGE]


@municipality_view(staff=True)
def assessment_new(
    request: HttpRequest, municipality: Municipality, course_pseudonym: str
) -> HttpResponse:
    """Enter an assessment: intake (with goals) first, then follow-ups and the discharge."""
    course = get_course(request, municipality, course_pseudonym)
    require(request, ADD_ASSESSMENT, course)
    detail = selectors.course_detail(course=course, today=timezone.localdate())
    kinds = _allowed_kinds(detail.assessments)
    if not kinds:
        messages.info(request, _("The course has ended; no more assessments can be added."))
        return redirect("outcomes:course_detail", municipality.slug, course.pseudonym)
    initial = {"kind": request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]}
    data = request.POST if request.method == "POST" else None
    form = AssessmentForm(data, course=course, factors=detail.factors, kinds=kinds, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.assessment_record(
                    actor=request.user,
                    municipality=municipality,
                    course=course,
                    kind=form.cleaned_data["kind"],
                    date=form.cleaned_data["date"],
                    scores=form.scores(),
                    goals=form.goals(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The %(kind)s assessment of %(date)s has been saved.")
                    % {"kind": assessment.get_kind_display(), "date": assessment.date},
                )
                return redirect("outcomes:course_detail", municipality.slug, course.pseudonym)
        status = 400
    return render(
        request,
        "outcomes/assessment_form.html",
        {"municipality": municipality, "course": course, "form": form},
        status=status,
    )


def _add_service_errors(form: AssessmentForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        field = name if name in form.fields else None
        for message in errors:
            form.add_error(field, message)
