"""Forms of the strategy pages. Choices that depend on the municipality come from
querysets scoped to it, so a posted id of another municipality is an invalid choice."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.strategy.models import (
    DevelopmentArea,
    Initiative,
    Programme,
    ReviewItem,
    StrategyPlan,
)
from enkelt.strategy.selectors import PortfolioFilters
from enkelt.tenants.models import Municipality, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units(municipality: Municipality) -> Any:
    return Unit.objects.filter(municipality=municipality).order_by("name")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class ProgrammeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.area.title} / {obj.title}"


class PortfolioFilterForm(forms.Form):
    """The portfolio query (GET). Invalid values are ignored."""

    unit = forms.ModelChoiceField(
        label=_("Owner unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Initiative.Status.choices],
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(municipality)  # type: ignore[attr-defined]

    def filters(self) -> PortfolioFilters:
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        unit = data.get("unit")
        return PortfolioFilters(unit_id=unit.pk if unit else None, status=data.get("status") or "")


class InitiativeForm(forms.ModelForm):  # type: ignore[type-arg]
    """Create an initiative (directors and administrators)."""

    class Meta:
        model = Initiative
        fields = [
            "programme", "title", "description", "owner_unit", "owner", "start", "end",
            "status", "rag", "rag_comment",
        ]  # fmt: skip
        widgets = {
            "start": DATE_WIDGET,
            "end": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "rag_comment": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"owner": StaffChoiceField, "programme": ProgrammeChoiceField}

    def __init__(
        self, *args: Any, municipality: Municipality, plan: StrategyPlan, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (  # type: ignore[attr-defined]
            Programme.objects.filter(area__plan=plan)
            .select_related("area")
            .order_by("area__order", "order", "title")
        )
        self.fields["owner_unit"].queryset = _units(municipality)  # type: ignore[attr-defined]
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            membership__municipality=municipality, is_active=True
        ).order_by("first_name", "username")


class InitiativeStatusForm(forms.Form):
    """Status and red/amber/green with a comment (owners, their leaders, directors)."""

    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    rag = forms.ChoiceField(
        label=_("Red/amber/green"), choices=Initiative.Rag.choices, widget=forms.RadioSelect
    )
    rag_comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoundOpenForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the round"), max_length=120, help_text=_("For example “May 2027”.")
    )
    deadline = forms.DateField(label=_("Deadline for the owners' updates"), widget=DATE_WIDGET)
    meeting_on = forms.DateField(
        label=_("Date of the directors' meeting"), required=False, widget=DATE_WIDGET
    )


class ReviewItemUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    rag = forms.ChoiceField(
        label=_("Red/amber/green"), choices=Initiative.Rag.choices, widget=forms.RadioSelect
    )
    progress = forms.CharField(
        label=_("Progress since the last round"), widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposed_decision = forms.ChoiceField(
        label=_("Proposed decision"),
        choices=ReviewItem.Decision.choices,
        widget=forms.RadioSelect,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReviewItem.Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the decision is to stop."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == ReviewItem.Decision.STOP and not data.get("reason", "").strip():
            self.add_error("reason", _("A decision to stop needs a reason."))
        return data


class PlanForm(forms.ModelForm):  # type: ignore[type-arg]
    """Create or change a strategy plan (directors and administrators)."""

    class Meta:
        model = StrategyPlan
        fields = ["title", "period_start", "period_end", "adopted_by", "adopted_on"]
        widgets = {
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "adopted_on": DATE_WIDGET,
        }
        help_texts = {"adopted_by": _("For example “the city council”.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must be after its start."))
        return data


class AreaForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DevelopmentArea
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": _("Areas are shown from the lowest number.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False

    def clean_order(self) -> int:
        return self.cleaned_data.get("order") or 0


class ProgrammeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Programme
        fields = ["area", "title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": _("Programmes are shown from the lowest number.")}

    def __init__(self, *args: Any, plan: StrategyPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["area"].queryset = DevelopmentArea.objects.filter(  # type: ignore[attr-defined]
            plan=plan
        ).order_by("order", "title")

    def clean_order(self) -> int:
        return self.cleaned_data.get("order") or 0
