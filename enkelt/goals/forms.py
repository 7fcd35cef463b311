"""Forms of the goals pages."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.goals.models import Direction, Goal, Rating, StatusChoice
from enkelt.goals.models import Unit as MeasureUnit
from enkelt.simplification.models import Case
from enkelt.strategy.models import Agreement, DevelopmentArea, Initiative, Programme
from enkelt.tenants.models import Municipality, Unit


class MeasurementForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=4)
    numerator = forms.DecimalField(
        label=_("Numerator (optional)"), max_digits=16, decimal_places=4, required=False
    )
    denominator = forms.DecimalField(
        label=_("Denominator (optional)"), max_digits=16, decimal_places=4, required=False
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    preliminary = forms.BooleanField(label=_("Preliminary figure"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: date, value; optional numerator, denominator, source, preliminary."),
    )


class OverrideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Computed by the formula")), *StatusChoice.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AssessmentForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class IndicatorFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *StatusChoice.choices, ("none", _("No measurement yet"))],
    )


class FreedHoursForm(forms.Form):
    goal: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Goal"), queryset=Goal.objects.none()
    )
    case: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Simplification case (decided)"), queryset=Case.objects.none()
    )
    hours_per_year = forms.DecimalField(
        label=_("Hours per year"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label=_("What the hours go to"), required=False)

    def __init__(self, *args: Any, agreement: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = agreement.goals.all()  # type: ignore[attr-defined]
        self.fields["case"].queryset = Case.objects.filter(  # type: ignore[attr-defined]
            municipality=agreement.municipality,
            stage="decided",
            outcome__in=["abolished", "streamlined"],
        ).select_related("rule")


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _StaffChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class _StaffMultipleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


def _staff(municipality: Municipality) -> Any:
    return User.objects.filter(membership__municipality=municipality, is_active=True).order_by(
        "first_name", "username"
    )


class AgreementForm(forms.Form):
    """Create or change a dialogue-based agreement: level, parties, parent and period."""

    level = forms.ChoiceField(label=_("Level"), choices=Agreement.Level.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    parties = _StaffMultipleChoice(
        label=_("Parties"),
        queryset=User.objects.none(),
        help_text=_("The people who make the agreement, e.g. the director and the chief."),
        widget=forms.CheckboxSelectMultiple,
    )
    parent = forms.ModelChoiceField(
        label=_("Parent agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        help_text=_("The agreement one level up; a director agreement has none."),
    )
    period_start = forms.DateField(label=_("Period start"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Period end"), widget=DATE_INPUT)

    def __init__(
        self, *args: Any, municipality: Municipality, exclude: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).order_by("name")
        self.fields["parties"].queryset = _staff(municipality)  # type: ignore[attr-defined]
        parents = Agreement.objects.filter(municipality=municipality).exclude(
            level=Agreement.Level.LEADER
        )
        if exclude is not None:
            parents = parents.exclude(pk=exclude.pk)
        self.fields["parent"].queryset = parents.order_by(  # type: ignore[attr-defined]
            "-period_start", "title"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must be after its start."))
        return data


class GoalForm(forms.Form):
    """A goal on an agreement. The link (the golden thread) is checked by the service, so
    its message is the one the API gives too."""

    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.none(), required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Development area"), queryset=DevelopmentArea.objects.none(), required=False
    )
    parent_goal = forms.ModelChoiceField(
        label=_("Goal of the parent agreement"), queryset=Goal.objects.none(), required=False
    )
    is_local = forms.BooleanField(
        label=_("Local goal (not linked to the strategy or a parent goal)"), required=False
    )
    owner = _StaffChoice(label=_("Owner"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = agreement.municipality
        fields: Any = self.fields
        fields["initiative"].queryset = Initiative.objects.filter(
            municipality=municipality
        ).order_by("title")
        fields["programme"].queryset = Programme.objects.filter(
            area__plan__municipality=municipality
        ).order_by("area__plan", "area__order", "order", "title")
        fields["area"].queryset = DevelopmentArea.objects.filter(
            plan__municipality=municipality
        ).order_by("plan", "order", "title")
        fields["parent_goal"].queryset = (
            Goal.objects.filter(municipality=municipality, agreement_id=agreement.parent_id)
            if agreement.parent_id
            else Goal.objects.none()
        )
        fields["owner"].queryset = _staff(municipality)
        help_text = _(
            "Link the goal to exactly one initiative, programme, development area or "
            "parent goal, or mark it as local."
        )
        fields["initiative"].help_text = help_text


class IndicatorForm(forms.Form):
    """An indicator of a goal: definition, unit, direction, baseline, target, milestones."""

    title = forms.CharField(label=_("Indicator"), max_length=200)
    definition = forms.CharField(
        label=_("Definition"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=MeasureUnit.choices)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    frequency = forms.CharField(
        label=_("Frequency"),
        max_length=100,
        required=False,
        help_text=_("For example “yearly” or “every quarter”."),
    )
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=16, decimal_places=4)
    baseline_date = forms.DateField(label=_("Baseline date"), widget=DATE_INPUT)
    target_value = forms.DecimalField(
        label=_("Target level"),
        max_digits=16,
        decimal_places=4,
        required=False,
        help_text=_("Give either a target level or a target change."),
    )
    target_change = forms.DecimalField(
        label=_("Target change"),
        max_digits=16,
        decimal_places=4,
        required=False,
        help_text=_("The change from the baseline, e.g. 3 for +3 percentage points."),
    )
    target_date = forms.DateField(label=_("Target date"), widget=DATE_INPUT)
    milestones = forms.CharField(
        label=_("Interim milestones (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: date and value, e.g. “2026-01-01 85.5”."),
    )

    def clean_milestones(self) -> list[tuple[datetime.date, Decimal]]:
        result = []
        for number, line in enumerate(self.cleaned_data.get("milestones", "").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.replace(";", " ").replace(",", ".").split()
            try:
                if len(parts) != 2:
                    raise ValueError(line)
                result.append((datetime.date.fromisoformat(parts[0]), Decimal(parts[1])))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Line %(number)s: write a date (YYYY-MM-DD) and a value."),
                    code="invalid_milestone",
                    params={"number": number},
                ) from None
        return result

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_value = data.get("target_value") is not None
        has_change = data.get("target_change") is not None
        if has_value == has_change and "target_value" not in self.errors:
            self.add_error(
                "target_value", _("Give either a target level or a target change, not both.")
            )
        return data
