"""Forms of the case workers' inbox: the GET filter form and one small form per action.

Choices that depend on the municipality (categories, units, staff, templates)
are set in `__init__`, always from querysets scoped to it, so a posted id of
another municipality is simply an invalid choice.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.submissions import pipeline
from enkelt.submissions.models import AnswerTemplate, Category, Kind, Submission
from enkelt.submissions.selectors import category_list
from enkelt.submissions.selectors_inbox import (
    AGES,
    DEFAULT_SORT,
    OPEN,
    SORTS,
    InboxFilters,
    answer_templates_for,
    staff_choices,
    unit_choices,
)
from enkelt.tenants.models import Municipality, Unit

Status = Submission.Status

ME = "me"
NOBODY = "none"
KEEP = ""


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


def _age_choices() -> list[tuple[str, Any]]:
    names = {
        "today": _("Last 24 hours"),
        "week": _("Last 7 days"),
        "older_week": _("Older than 7 days"),
        "older_month": _("Older than 30 days"),
    }
    return [("", _("Any age")), *((key, names[key]) for key in AGES)]


SORT_CHOICES = [
    ("-created", _("Newest first")),
    ("created", _("Oldest first")),
    ("due", _("Due date, earliest first")),
    ("-due", _("Due date, latest first")),
    ("status", _("Status (pipeline order)")),
    ("-status", _("Status (reverse)")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)


class InboxFilterForm(forms.Form):
    """The inbox query (GET). Invalid values are ignored rather than shown as errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.none(),
        empty_label=_("All categories"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), (OPEN, _("Open")), *Status.choices],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All units")
    )
    assignee = forms.ChoiceField(label=_("Case worker"), required=False)
    age = forms.ChoiceField(label=_("Age"), required=False, choices=_age_choices)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *Submission.Channel.choices],
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    has_photo = forms.BooleanField(label=_("Only with photos"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, municipality: Municipality, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["category"].queryset = category_list(  # type: ignore[attr-defined]
            municipality=municipality, active_only=False
        ).prefetch_related(None)
        self.fields["unit"].queryset = unit_choices(  # type: ignore[attr-defined]
            municipality=municipality
        )
        self.staff = list(staff_choices(municipality=municipality))
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Anyone")),
            (ME, _("Assigned to me")),
            (NOBODY, _("Nobody yet")),
            *((str(u.pk), u.get_full_name() or u.get_username()) for u in self.staff),
        ]

    def filters(self) -> InboxFilters:
        """The valid part of the query; an invalid field counts as not given."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        assignee_value = data.get("assignee", "")
        assignee = None
        if assignee_value == ME:
            assignee = self.user
        elif assignee_value and assignee_value != NOBODY:
            assignee = next((u for u in self.staff if str(u.pk) == assignee_value), None)
        return InboxFilters(
            q=data.get("q", "") or "",
            kind=data.get("kind", "") or "",
            category=data.get("category"),
            status=data.get("status", "") or "",
            unit=data.get("unit"),
            assignee=assignee,
            unassigned=assignee_value == NOBODY,
            age=data.get("age", "") or "",
            overdue=bool(data.get("overdue")),
            has_photo=bool(data.get("has_photo")),
            channel=data.get("channel", "") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.ChoiceField(
        label=_("Reason for rejection"),
        required=False,
        choices=[("", _("Choose a reason")), *Submission.RejectionReason.choices],
        help_text=_("Only when rejecting."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note_is_public = forms.BooleanField(label=_("Show the note to the citizen"), required=False)

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "status")
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["to_status"].choices = [  # type: ignore[attr-defined]
            (s, labels[s]) for s in pipeline.allowed_next(submission.status)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to_status") == Status.REJECTED and not data.get("reason"):
            self.add_error("reason", _("Choose a reason for the rejection."))
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000
    )
    is_public = forms.TypedChoiceField(
        label=_("Who may read it"),
        choices=[
            ("0", _("Internal note (staff only)")),
            ("1", _("Public update (shown to the citizen)")),
        ],
        coerce=lambda v: v == "1",
        initial="0",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "note")
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("Keep the unit"),
    )
    assignee = forms.ChoiceField(label=_("Case worker"), required=False)

    def __init__(self, *args: Any, municipality: Municipality, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "assign")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(  # type: ignore[attr-defined]
            municipality=municipality
        )
        self.staff = list(staff_choices(municipality=municipality))
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            (KEEP, _("Keep the case worker")),
            (ME, _("Me")),
            (NOBODY, _("Nobody (the unit)")),
            *((str(u.pk), u.get_full_name() or u.get_username()) for u in self.staff),
        ]
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("unit") and not data.get("assignee"):
            raise forms.ValidationError(_("Choose a unit or a person."), code="nothing")
        return data

    def assignment(self) -> dict[str, Any]:
        """Keyword arguments for `services.submission_assign`."""
        value = self.cleaned_data.get("assignee", KEEP)
        assignee = None
        if value == ME:
            assignee = self.user
        elif value not in (KEEP, NOBODY):
            assignee = next((u for u in self.staff if str(u.pk) == value), None)
        return {
            "unit": self.cleaned_data.get("unit"),
            "assignee": assignee,
            "clear_assignee": value == NOBODY,
        }


ANSWER_STATUS_CHOICES = [
    (KEEP, _("Keep the status")),
    *((s.value, s.label) for s in AnswerTemplate.SetStatus),
]


class AnswerForm(forms.Form):
    """The written answer; a chosen template fills text and status (the case worker may edit)."""

    template = forms.ModelChoiceField(
        label=_("Template"),
        required=False,
        queryset=AnswerTemplate.objects.none(),
        widget=forms.HiddenInput,
    )
    text = forms.CharField(
        label=_("Answer to the citizen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        help_text=_("Sent by e-mail to the submitter and to everyone merged into this submission."),
    )
    set_status = forms.ChoiceField(
        label=_("Status after answering"),
        required=False,
        choices=ANSWER_STATUS_CHOICES,
        initial=Status.ANSWERED,
    )
    reason = forms.ChoiceField(
        label=_("Reason for rejection"),
        required=False,
        choices=[("", _("Choose a reason")), *Submission.RejectionReason.choices],
        help_text=_("Only when rejecting."),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, submission: Submission, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "answer")
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = answer_templates_for(  # type: ignore[attr-defined]
            municipality=municipality, category=submission.category
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("set_status") == Status.REJECTED and not data.get("reason"):
            self.add_error("reason", _("Choose a reason for the rejection."))
        return data


class TemplatePickForm(forms.Form):
    """GET: which template to start the answer from (reloads the page without JavaScript)."""

    template = forms.ModelChoiceField(
        label=_("Start from a template"),
        required=False,
        queryset=AnswerTemplate.objects.none(),
        empty_label=_("No template"),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, submission: Submission, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = answer_templates_for(  # type: ignore[attr-defined]
            municipality=municipality, category=submission.category
        )


class MergeForm(forms.Form):
    tracking_code = forms.CharField(
        label=_("Tracking code of the submission to merge into"),
        max_length=20,
        help_text=_(
            "This submission is rejected as a duplicate and its submitter gets that answer."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "merge")
        super().__init__(*args, **kwargs)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "hide")
        super().__init__(*args, **kwargs)


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Name of the filter"), max_length=100)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)


BULK_ASSIGN = "assign"
BULK_ANSWER = "answer"
BULK_CLOSE = "close"


class BulkForm(forms.Form):
    operation = forms.ChoiceField(
        label=_("Action for the selected submissions"),
        choices=[
            (BULK_ASSIGN, _("Assign")),
            (BULK_ANSWER, _("Answer with a template")),
            (BULK_CLOSE, _("Close")),
        ],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("Keep the unit"),
    )
    assignee = forms.ModelChoiceField(
        label=_("Case worker"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Keep the case worker"),
    )
    template = forms.ModelChoiceField(
        label=_("Template"),
        required=False,
        queryset=AnswerTemplate.objects.none(),
        empty_label=_("Choose a template"),
    )
    selected = forms.MultipleChoiceField(required=False)  # validated by the selector's scope

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(  # type: ignore[attr-defined]
            municipality=municipality
        )
        self.fields["assignee"] = StaffChoiceField(
            label=_("Case worker"),
            required=False,
            queryset=staff_choices(municipality=municipality),
            empty_label=_("Keep the case worker"),
        )
        self.fields["template"].queryset = AnswerTemplate.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality, is_active=True
        ).order_by("title")
        data: Any = self.data
        self.selected_ids = [str(v) for v in data.getlist("selected")] if data else []
        self.fields["selected"].choices = [(v, v) for v in self.selected_ids]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.selected_ids:
            raise forms.ValidationError(_("Select at least one submission."), code="none_selected")
        operation = data.get("operation")
        if operation == BULK_ASSIGN and not data.get("unit") and not data.get("assignee"):
            self.add_error("unit", _("Choose a unit or a person."))
        if operation == BULK_ANSWER and not data.get("template"):
            self.add_error("template", _("Choose a template."))
        return data
