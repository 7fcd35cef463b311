"""The ideas board, one idea's page with its actions, and the guides and criteria pages.

Every view is scoped by `municipality_view(staff=True)` and then checks a named
rule (rules.py). Writes are POST forms that work without JavaScript; each calls
one service and redirects back to the idea with a message saying what happened
or what to do.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enkelt.ideas import pipeline, selectors, services
from enkelt.ideas.error_codes import IdeaError
from enkelt.ideas.forms import (
    AssignForm,
    BoardFilterForm,
    CaseForm,
    CriterionForm,
    GuideForm,
    InitiativeForm,
    NoteForm,
    ScoreForm,
    TransitionForm,
)
from enkelt.ideas.models import IdeaCriterion, IdeaGuide, Stage
from enkelt.submissions.models import Submission
from enkelt.tenants.access import get_scoped_or_404, municipality_view
from enkelt.tenants.models import Municipality

VIEW_BOARD = "ideas.view_board"
VIEW = "ideas.view_idea"
DEVELOP = "ideas.develop_idea"
PICK = "ideas.pick_idea"
ASSIGN = "ideas.assign_guide"
GUIDES = "ideas.manage_guides"
CONVERT = "ideas.convert_idea"


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _idea(request: HttpRequest, municipality: Municipality, idea_id: Any, perm: str) -> Submission:
    idea = selectors.idea_get(municipality=municipality, public_id=idea_id)
    if idea is None:
        raise Http404
    _require(request, perm, idea)
    return idea


def _back(municipality: Municipality, idea: Submission) -> HttpResponse:
    return redirect(reverse("ideas:detail", args=[municipality.slug, idea.public_id]))


def _refused(request: HttpRequest, error: IdeaError | ValidationError) -> None:
    if isinstance(error, IdeaError):
        messages.error(request, str(error.message))
    else:
        messages.error(request, " ".join(str(m) for m in error.messages))


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


@municipality_view(staff=True)
def board(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    _require(request, VIEW_BOARD, municipality)
    guides = selectors.guide_users(municipality=municipality)
    form = BoardFilterForm(request.GET or None, municipality=municipality, guides=guides)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    ideas = list(
        selectors.idea_list(
            municipality=municipality,
            viewer=request.user,
            unit=data.get("unit"),
            guide=data.get("guide"),
            is_leader=request.user.has_perm(ASSIGN, municipality),
        )
    )
    as_table = request.GET.get("view") == "table"
    return render(
        request,
        "ideas/board.html",
        {
            "municipality": municipality,
            "form": form,
            "ideas": ideas,
            "columns": selectors.board(ideas),
            "as_table": as_table,
            "query": request.GET.urlencode(),
            "can_manage_guides": request.user.has_perm(GUIDES, municipality),
        },
    )


def _detail_context(
    request: HttpRequest, municipality: Municipality, idea: Submission
) -> dict[str, Any]:
    development = getattr(idea, "idea_development", None)
    stage = selectors.stage_of(idea)
    criteria = selectors.criteria_of(municipality=municipality)
    scores = selectors.scores_of(development=development)
    can_convert = request.user.has_perm(CONVERT, idea)
    converted = development is not None and (development.initiative_id or development.case_id)
    return {
        "municipality": municipality,
        "idea": idea,
        "development": development,
        "stage": stage,
        "stage_label": Stage(stage).label,
        "stages": [(s, Stage(s).label) for s in pipeline.STAGES],
        "notes": selectors.notes_of(development=development),
        "criteria_scores": [(c, scores.get(c.pk)) for c in criteria],
        "weighted": selectors.weighted_score(criteria=criteria, scores=scores),
        "can_develop": request.user.has_perm(DEVELOP, idea),
        "can_pick": request.user.has_perm(PICK, idea),
        "can_assign": request.user.has_perm(ASSIGN, idea),
        "can_convert": can_convert and not converted,
        "transition_form": TransitionForm(
            current=stage, initial={"people": getattr(development, "people", "")}
        ),
        "note_form": NoteForm(),
        "score_form": ScoreForm(
            criteria=criteria, initial_scores={k: v.score for k, v in scores.items()}
        ),
        "assign_form": AssignForm(
            guides=selectors.guide_users(municipality=municipality),
            initial={"guide": getattr(development, "guide_id", None)},
        ),
        "initiative_form": InitiativeForm(municipality=municipality) if can_convert else None,
        "case_form": CaseForm(municipality=municipality) if can_convert else None,
    }


@municipality_view(staff=True)
def detail(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, VIEW)
    return render(request, "ideas/detail.html", _detail_context(request, municipality, idea))


@municipality_view(staff=True)
@require_POST
def transition(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, DEVELOP)
    form = TransitionForm(request.POST, current=selectors.stage_of(idea))
    if not form.is_valid():
        _form_errors(request, form)
        return _back(municipality, idea)
    try:
        development = services.idea_transition(
            actor=request.user,
            municipality=municipality,
            submission=idea,
            to_stage=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            people=form.cleaned_data["people"],
        )
    except (IdeaError, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The idea is now “%(stage)s”. The submitter has been told.")
            % {"stage": development.get_stage_display()},
        )
    return _back(municipality, idea)


@municipality_view(staff=True)
@require_POST
def note_add(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, DEVELOP)
    form = NoteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(municipality, idea)
    try:
        services.idea_add_note(
            actor=request.user, municipality=municipality, submission=idea, **form.cleaned_data
        )
    except (IdeaError, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("The note is saved."))
    return _back(municipality, idea)


@municipality_view(staff=True)
@require_POST
def score(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, DEVELOP)
    form = ScoreForm(
        request.POST, criteria=selectors.criteria_of(municipality=municipality), initial_scores={}
    )
    if not form.is_valid():
        _form_errors(request, form)
        return _back(municipality, idea)
    try:
        services.idea_score(
            actor=request.user, municipality=municipality, submission=idea, scores=form.scores()
        )
    except (IdeaError, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("The assessment is saved."))
    return _back(municipality, idea)


@municipality_view(staff=True)
@require_POST
def assign(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, ASSIGN)
    form = AssignForm(request.POST, guides=selectors.guide_users(municipality=municipality))
    if not form.is_valid():
        _form_errors(request, form)
        return _back(municipality, idea)
    try:
        services.idea_assign_guide(
            actor=request.user,
            municipality=municipality,
            submission=idea,
            guide=form.cleaned_data["guide"],
        )
    except IdeaError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The idea guide is saved."))
    return _back(municipality, idea)


@municipality_view(staff=True)
@require_POST
def pick(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, PICK)
    try:
        services.idea_assign_guide(
            actor=request.user,
            municipality=municipality,
            submission=idea,
            guide=request.user,  # type: ignore[arg-type]
        )
    except IdeaError as error:
        _refused(request, error)
    else:
        messages.success(request, _("You are now the guide of this idea."))
    return _back(municipality, idea)


@municipality_view(staff=True)
@require_POST
def to_initiative(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, CONVERT)
    form = InitiativeForm(request.POST, municipality=municipality)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(municipality, idea)
    try:
        services.idea_convert_to_initiative(
            actor=request.user, municipality=municipality, submission=idea, **form.cleaned_data
        )
    except (IdeaError, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("The idea is now an initiative in the portfolio."))
    return _back(municipality, idea)


@municipality_view(staff=True)
@require_POST
def to_case(request: HttpRequest, municipality: Municipality, idea_id: Any) -> HttpResponse:
    idea = _idea(request, municipality, idea_id, CONVERT)
    form = CaseForm(request.POST, municipality=municipality)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(municipality, idea)
    try:
        services.idea_convert_to_case(
            actor=request.user,
            municipality=municipality,
            submission=idea,
            rule=form.cleaned_data["rule"],
        )
    except (IdeaError, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("The idea is now a simplification case."))
    return _back(municipality, idea)


@municipality_view(staff=True)
def guides(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The idea guides; leaders make employees guides here (a POST adds or changes one)."""
    _require(request, GUIDES, municipality)
    form = GuideForm(
        request.POST if request.method == "POST" else None,
        municipality=municipality,
        staff=selectors.staff_choices(municipality=municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_guide_add(
                actor=request.user,
                municipality=municipality,
                user=form.cleaned_data["user"],
                unit=form.cleaned_data["unit"],
            )
        except IdeaError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The idea guide is saved."))
            return redirect(reverse("ideas:guides", args=[municipality.slug]))
    return render(
        request,
        "ideas/guides.html",
        {
            "municipality": municipality,
            "form": form,
            "guides": selectors.guide_list(municipality=municipality),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@municipality_view(staff=True)
@require_POST
def guide_remove(request: HttpRequest, municipality: Municipality, guide_id: int) -> HttpResponse:
    _require(request, GUIDES, municipality)
    guide = get_scoped_or_404(IdeaGuide.objects.all(), municipality, pk=guide_id)
    services.idea_guide_remove(actor=request.user, municipality=municipality, guide=guide)
    messages.success(request, _("The employee is no longer an idea guide."))
    return redirect(reverse("ideas:guides", args=[municipality.slug]))


@municipality_view(staff=True)
def criteria(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The municipality's assessment criteria; leaders change one or add one (one POST each).

    The POST names the form it comes from (`criterion`: an id or `new`); only that form
    is bound, so an error shows beside the criterion it concerns.
    """
    _require(request, GUIDES, municipality)
    existing = services.idea_criteria_defaults(municipality=municipality)
    posted = request.POST.get("criterion") if request.method == "POST" else None
    forms_by_key: dict[str, Any] = {}
    for criterion in existing:
        key = str(criterion.pk)
        bound = posted == key
        forms_by_key[key] = CriterionForm(
            request.POST if bound else None,
            # the form checks a copy: the stored row is what the service compares against
            instance=IdeaCriterion(municipality=municipality) if bound else criterion,
            prefix=f"c{key}",
        )
    forms_by_key["new"] = CriterionForm(
        request.POST if posted == "new" else None,
        instance=IdeaCriterion(municipality=municipality),
        prefix="new",
    )
    form = forms_by_key.get(posted or "")
    if posted is not None and form is None:
        raise Http404
    if form is not None and form.is_valid():
        target = None if posted == "new" else next(c for c in existing if str(c.pk) == posted)
        try:
            services.idea_criterion_save(
                actor=request.user,
                municipality=municipality,
                criterion=target,
                values=form.cleaned_data,
            )
        except IdeaError as error:
            form.add_error("scale_max", str(error.message))
        else:
            messages.success(request, _("The criterion is saved."))
            return redirect(reverse("ideas:criteria", args=[municipality.slug]))
    return render(
        request,
        "ideas/criteria.html",
        {
            "municipality": municipality,
            "rows": [(c, forms_by_key[str(c.pk)]) for c in existing],
            "new_form": forms_by_key["new"],
        },
        status=400 if form is not None and form.errors else 200,
    )
