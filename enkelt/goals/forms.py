"""Forms of the goals pages."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.goals.models import Goal, Rating, StatusChoice
from enkelt.simplification.models import Case


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
