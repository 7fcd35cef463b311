"""The inbox pages: the filtered list, a submission's detail page and the moderation queue.

Every view is scoped by `municipality_view(staff=True)` (another municipality's
staff get 404, anonymous callers the login page) and then checks a named
permission on the municipality (`submissions.view_inbox`, `handle_submission`,
`moderate_submission`, `reveal_identity`): 403 for a council member.
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.accounts.models import User
from enkelt.submissions import pipeline
from enkelt.submissions.forms_inbox import (
    AnswerForm,
    AssignForm,
    BulkForm,
    HideForm,
    InboxFilterForm,
    MergeForm,
    NoteForm,
    SavedFilterForm,
    StatusForm,
    TemplatePickForm,
)
from enkelt.submissions.models import Submission
from enkelt.submissions.selectors import submission_get
from enkelt.submissions.selectors_inbox import (
    inbox_search,
    moderation_queue,
    saved_filter_list,
    submission_detail,
)
from enkelt.tenants.access import membership_of, municipality_view
from enkelt.tenants.models import Municipality

PAGE_SIZE = 50
VIEW = "submissions.view_inbox"
HANDLE = "submissions.handle_submission"
MODERATE = "submissions.moderate_submission"
REVEAL = "submissions.reveal_identity"


def require(request: HttpRequest, perm: str, municipality: Municipality) -> None:
    if not request.user.has_perm(perm, municipality):
        raise PermissionDenied


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _query_without(query: QueryDict, *keys: str) -> str:
    copy = query.copy()
    for key in keys:
        copy.pop(key, None)
    return copy.urlencode()


def _sort_links(query: QueryDict, current: str) -> dict[str, dict[str, str]]:
    """Per sortable column: the link that sorts by it (toggling direction) and aria-sort."""
    links = {}
    for column in ("created", "due", "status"):
        ascending = current == column
        descending = current == f"-{column}"
        target = f"-{column}" if ascending else column
        copy = query.copy()
        copy.pop("page", None)
        copy["sort"] = target
        links[column] = {
            "url": "?" + copy.urlencode(),
            "aria": "ascending" if ascending else "descending" if descending else "",
        }
    return links


def _quick_links(request: HttpRequest, municipality: Municipality) -> list[tuple[str, str]]:
    base = reverse("submissions:inbox", args=[municipality.slug])
    membership = membership_of(request.user)
    links = [(_("Open"), f"{base}?status=open")]
    if membership is not None and membership.unit_id:
        links.append(
            (
                _("Open in my unit"),
                f"{base}?{urlencode({'status': 'open', 'unit': membership.unit_id})}",
            )
        )
    links.append((_("Assigned to me"), f"{base}?assignee=me"))
    links.append((_("Overdue"), f"{base}?overdue=on"))
    return links


@municipality_view(staff=True)
def inbox_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The inbox table (GET filters); with htmx the same page is swapped in place."""
    require(request, VIEW, municipality)
    user = user_of(request)
    form = InboxFilterForm(request.GET, municipality=municipality, user=user)
    filters = form.filters()
    rows = inbox_search(municipality=municipality, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = _query_without(request.GET, "page")
    return render(
        request,
        "submissions/inbox/list.html",
        {
            "municipality": municipality,
            "form": form,
            "filters": filters,
            "page": page,
            "query": query,
            "sort_links": _sort_links(request.GET, filters.sort),
            "saved_filters": saved_filter_list(municipality=municipality, user=user),
            "saved_filter_form": SavedFilterForm(initial={"query": query}),
            "bulk_form": BulkForm(municipality=municipality),
            "quick_links": _quick_links(request, municipality),
            "can_moderate": user.has_perm(MODERATE, municipality),
            "today": timezone.localdate(),
            "open_statuses": sorted(pipeline.OPEN_STATUSES),
        },
    )


def _photo_url(municipality: Municipality, photo: Any) -> str | None:
    """D's photo view, if it is there; without it the list shows names only."""
    try:
        return reverse("submissions:photo", args=[municipality.slug, photo.public_id])
    except NoReverseMatch:
        return None


def get_submission(municipality: Municipality, submission_id: Any) -> Submission:
    submission = submission_get(municipality=municipality, public_id=submission_id)
    if submission is None:
        raise Http404
    return submission


def render_detail(
    request: HttpRequest,
    municipality: Municipality,
    submission: Submission,
    *,
    bound: dict[str, Any] | None = None,
    revealed: Any = None,
    status: int = 200,
) -> HttpResponse:
    user = user_of(request)
    detail = submission_detail(municipality=municipality, submission=submission)
    pick = TemplatePickForm(
        request.GET if "template" in request.GET else None,
        municipality=municipality,
        submission=submission,
    )
    answer_initial: dict[str, Any] = {"set_status": "answered"}
    chosen = None
    if pick.is_bound and pick.is_valid() and pick.cleaned_data.get("template"):
        chosen = pick.cleaned_data["template"]
        answer_initial = {
            "template": chosen.pk,
            "text": chosen.text_for(submission.language),
            "set_status": chosen.set_status,
            "reason": chosen.rejection_reason,
        }
    forms = {
        "status": StatusForm(submission=submission),
        "note": NoteForm(),
        "assign": AssignForm(municipality=municipality, user=user),
        "answer": AnswerForm(
            municipality=municipality, submission=submission, initial=answer_initial
        ),
        "merge": MergeForm(),
        "hide": HideForm(),
    }
    forms.update(bound or {})
    return render(
        request,
        "submissions/inbox/detail.html",
        {
            "municipality": municipality,
            "submission": submission,
            "detail": detail,
            "photos": [(p, _photo_url(municipality, p)) for p in detail.photos],
            "forms": forms,
            "pick_form": pick,
            "chosen_template": chosen,
            "revealed": revealed,
            "can_handle": user.has_perm(HANDLE, municipality),
            "can_moderate": user.has_perm(MODERATE, municipality),
            "can_reveal": user.has_perm(REVEAL, municipality)
            and submission.employee_mode == Submission.EmployeeMode.PSEUDONYMOUS,
            "is_pseudonymous": submission.employee_mode == Submission.EmployeeMode.PSEUDONYMOUS,
            "is_overdue": submission.due_at is not None
            and submission.due_at < timezone.localdate()
            and submission.status in pipeline.OPEN_STATUSES,
            "map_tiles": getattr(settings, "ENKELT_MAP_TILE_URL", ""),
            "map_attribution": getattr(settings, "ENKELT_MAP_ATTRIBUTION", ""),
        },
        status=status,
    )


@municipality_view(staff=True)
def inbox_detail(
    request: HttpRequest, municipality: Municipality, submission_id: Any
) -> HttpResponse:
    require(request, VIEW, municipality)
    submission = get_submission(municipality, submission_id)
    return render_detail(request, municipality, submission)


@municipality_view(staff=True)
def inbox_moderation(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Flagged submissions, oldest first: approve, or hide with a reason."""
    require(request, MODERATE, municipality)
    page = Paginator(moderation_queue(municipality=municipality), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(s, HideForm(auto_id=f"id_%s_{s.public_id.hex[:8]}")) for s in page.object_list]
    return render(
        request,
        "submissions/inbox/moderation.html",
        {"municipality": municipality, "page": page, "rows": rows},
    )
