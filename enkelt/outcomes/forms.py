"""Forms of the outcome pages: the assessment entry (one field per factor) and the filters."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enkelt.outcomes.models import AssessmentScheme, Course, Factor, Kind
from enkelt.tenants.models import Municipality, Unit

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _value_choices(scheme: AssessmentScheme) -> list[tuple[int, str]]:
    choices = []
    for value in range(scheme.scale_min, scheme.scale_max + 1):
        label = scheme.label_of(value)
        choices.append((value, f"{value}: {label}" if label else str(value)))
    return choices


class AssessmentForm(forms.Form):
    """Kind and date, a value per factor (radio buttons), and a goal per factor at intake."""

    kind = forms.TypedChoiceField(label=_("Kind of assessment"), choices=Kind.choices)
    date = forms.DateField(label=_("Date of the assessment"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the staff of the offer see it; it is never aggregated."),
    )

    def __init__(
        self, *args: Any, course: Course, factors: list[Factor], kinds: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        self.factors = factors
        scheme = course.scheme
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.TypedChoiceField)
        kind_field.choices = [(k, label) for k, label in Kind.choices if k in kinds]
        self.fields["date"].initial = timezone.localdate()
        choices = _value_choices(scheme)
        for factor in factors:
            self.fields[f"score_{factor.order}"] = forms.TypedChoiceField(
                label=factor.label,
                help_text=factor.description,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
        if Kind.INTAKE in kinds:
            for factor in factors:
                self.fields[f"goal_{factor.order}"] = forms.TypedChoiceField(
                    label=_("Goal: %(factor)s") % {"factor": factor.label},
                    choices=[("", _("No goal")), *choices],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    help_text=_("Set at intake only."),
                )

    def score_fields(self) -> list[Any]:
        return [self[f"score_{f.order}"] for f in self.factors]

    def goal_fields(self) -> list[Any]:
        return [self[f"goal_{f.order}"] for f in self.factors if f"goal_{f.order}" in self.fields]

    def scores(self) -> dict[int, int]:
        return {f.pk: self.cleaned_data[f"score_{f.order}"] for f in self.factors}

    def goals(self) -> dict[int, int | None]:
        if self.cleaned_data.get("kind") != Kind.INTAKE:
            return {}
        return {f.pk: self.cleaned_data.get(f"goal_{f.order}") for f in self.factors}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") != Kind.INTAKE:
            for factor in self.factors:
                if data.get(f"goal_{factor.order}") is not None:
                    self.add_error(f"goal_{factor.order}", _("Goals are set at intake only."))
        return data


class AggregateFilterForm(forms.Form):
    """The aggregates query (GET); invalid values count as not given."""

    scheme = forms.ModelChoiceField(
        label=_("Assessment scheme"), queryset=AssessmentScheme.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    date_from = forms.DateField(label=_("Intake from"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Intake to"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schemes = AssessmentScheme.objects.filter(municipality=municipality)
        scheme_field = self.fields["scheme"]
        unit_field = self.fields["unit"]
        assert isinstance(scheme_field, forms.ModelChoiceField)
        assert isinstance(unit_field, forms.ModelChoiceField)
        scheme_field.queryset = schemes
        scheme_field.empty_label = None
        unit_field.queryset = Unit.objects.filter(municipality=municipality).order_by("name")
        self.first_scheme = schemes.first()

    def values(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        date_from: date | None = data.get("date_from")
        date_to: date | None = data.get("date_to")
        return {
            "scheme": data.get("scheme") or self.first_scheme,
            "unit": data.get("unit"),
            "period_from": date_from,
            "period_to": date_to,
        }


class CourseStartForm(forms.Form):
    """Start a course: the scheme, the start date, and (for administrators) the offer."""

    scheme = forms.ModelChoiceField(
        label=_("Assessment scheme"), queryset=AssessmentScheme.objects.none()
    )
    started_on = forms.DateField(label=_("Started on"), widget=DATE_WIDGET)
    unit = forms.ModelChoiceField(label=_("Offer"), queryset=Unit.objects.none())

    def __init__(
        self, *args: Any, municipality: Municipality, choose_unit: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        scheme_field = self.fields["scheme"]
        assert isinstance(scheme_field, forms.ModelChoiceField)
        scheme_field.queryset = AssessmentScheme.objects.filter(municipality=municipality)
        scheme_field.empty_label = None
        self.fields["started_on"].initial = timezone.localdate()
        if choose_unit:
            unit_field = self.fields["unit"]
            assert isinstance(unit_field, forms.ModelChoiceField)
            unit_field.queryset = Unit.objects.filter(municipality=municipality).order_by("name")
        else:
            del self.fields["unit"]

    def clean_started_on(self) -> date:
        value: date = self.cleaned_data["started_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value
