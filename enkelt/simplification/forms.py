"""Forms of the simplification pages; choices scoped to the municipality in `__init__`."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from enkelt.regulations.models import Rule
from enkelt.simplification import pipeline
from enkelt.simplification.models import (
    Campaign,
    Case,
    DecisionLevel,
    ExemptionApplication,
    Outcome,
    Stage,
)
from enkelt.simplification.scenario import ScenarioChange, ScenarioLine
from enkelt.simplification.selectors import CaseFilters
from enkelt.tenants.models import Municipality, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
ZERO = Decimal("0")


def _units(municipality: Municipality) -> Any:
    return Unit.objects.filter(municipality=municipality).order_by("name")


class CaseFilterForm(forms.Form):
    """The case list query (GET); invalid values count as not given."""

    q = forms.CharField(label=_("Rule title contains"), required=False, max_length=200)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("All outcomes")), *Outcome.choices]
    )
    unit = forms.ModelChoiceField(
        label=_("Owner unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        required=False,
        queryset=Campaign.objects.none(),
        empty_label=_("All campaigns"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(municipality)  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = Campaign.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        )

    def filters(self) -> CaseFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CaseFilters(
            stage=data.get("stage") or None,
            outcome=data.get("outcome") or None,
            unit=data.get("unit"),
            campaign=data.get("campaign"),
            q=data.get("q") or None,
        )


class FunnelFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Flagged from"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Flagged to"), required=False, widget=DATE_WIDGET)
    unit = forms.ModelChoiceField(
        label=_("Owner unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, public_only: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        units = _units(municipality)
        if public_only:
            units = units.filter(is_public=True)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "unit": data.get("unit"),
        }


class FlagRuleForm(forms.Form):
    suggestion = forms.CharField(
        label=_("What should change, and why?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: which step is wasted time, and what would do instead."),
    )


class SelectForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        required=False,
        queryset=Campaign.objects.none(),
        empty_label=_("No campaign"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        )


def _decimal(label: str, **extra: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=ZERO,
        max_digits=14,
        decimal_places=4,
        localize=True,
        **extra,
    )


class DecideForm(forms.Form):
    """The decision, with one set of scenario fields per activity of the rule."""

    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the rule is kept: follow or explain. Published to citizens."),
    )
    decision_level = forms.ChoiceField(label=_("Decided at level"), choices=DecisionLevel.choices)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE_WIDGET)
    implement_by = forms.DateField(label=_("Implement by"), required=False, widget=DATE_WIDGET)
    scenario_note = forms.CharField(
        label=_("Note on the scenario"), required=False, max_length=2000
    )
    provision = forms.CharField(
        label=_("Provision to deviate from (escalated)"),
        required=False,
        max_length=200,
        help_text=_("For example § 12, stk. 2."),
    )
    ministry = forms.CharField(label=_("Ministry (escalated)"), required=False, max_length=200)
    instrument = forms.ChoiceField(
        label=_("Instrument (escalated)"),
        choices=ExemptionApplication.Instrument.choices,
        required=False,
    )

    FIELDS = (
        "population",
        "frequency_per_year",
        "minutes_per_occurrence",
        "business_as_usual_share",
    )

    def __init__(self, *args: Any, case: Case, lines: list[ScenarioLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcomes = dict(Outcome.choices)
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (o, outcomes[o]) for o in pipeline.allowed_outcomes(case.state)
        ]
        self.lines = lines
        labels = {
            "population": _("Population"),
            "frequency_per_year": _("Frequency per year"),
            "minutes_per_occurrence": _("Minutes per occurrence"),
            "business_as_usual_share": _("Business-as-usual share"),
        }
        for line in lines:
            inputs = line.before.inputs
            assert inputs is not None
            for name in self.FIELDS:
                extra: dict[str, Any] = {}
                if name == "business_as_usual_share":
                    extra["validators"] = [MinValueValidator(ZERO), MaxValueValidator(Decimal(1))]
                field = _decimal(f"{labels[name]} ({line.activity.name})", required=False, **extra)
                field.initial = getattr(inputs, name)
                self.fields[self.key(line.activity.pk, name)] = field

    @staticmethod
    def key(activity_id: int, name: str) -> str:
        return f"a{activity_id}_{name}"

    def rows(self) -> list[dict[str, Any]]:
        """Per activity, its bound scenario fields (for the table in the template)."""
        return [
            {"line": line, "fields": [self[self.key(line.activity.pk, n)] for n in self.FIELDS]}
            for line in self.lines
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.KEPT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Write the reason: a rule that is kept must be explained."))
        return data

    def changes(self) -> dict[int, ScenarioChange]:
        """The scenario as posted; a blank field keeps the activity's current value."""
        result = {}
        for line in self.lines:
            inputs = line.before.inputs
            assert inputs is not None
            values = {}
            for name in self.FIELDS:
                value = self.cleaned_data.get(self.key(line.activity.pk, name))
                values[name] = getattr(inputs, name) if value is None else value
            change = ScenarioChange(**values)
            if change != ScenarioChange.of(inputs):
                result[line.activity.pk] = change
        return result


class RealisedForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Realised freed hours per year"),
        min_value=ZERO,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    used_for = forms.CharField(
        label=_("What is the freed time used for?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    implemented_on = forms.DateField(label=_("Implemented on"), required=False, widget=DATE_WIDGET)


class CampaignForm(forms.Form):
    theme = forms.CharField(label=_("Theme"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label=_("Open from"), widget=DATE_WIDGET)
    closes_on = forms.DateField(label=_("Open to"), widget=DATE_WIDGET)
    decision_deadline = forms.DateField(
        label=_("Decision deadline"), required=False, widget=DATE_WIDGET
    )
    presume_abolish = forms.BooleanField(
        label=_("Abolish unless justified"), required=False, initial=True
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The end date must not be before the start date."))
        return data


class ExemptionAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Answer"), choices=ExemptionApplication.Status.choices)
    answer = forms.CharField(
        label=_("Answer text or reason"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a rejection."),
    )
    answered_on = forms.DateField(label=_("Answered on"), required=False, widget=DATE_WIDGET)
    trial_start = forms.DateField(label=_("Trial start"), required=False, widget=DATE_WIDGET)
    trial_end = forms.DateField(label=_("Trial end"), required=False, widget=DATE_WIDGET)
    evaluation_due = forms.DateField(label=_("Evaluation due"), required=False, widget=DATE_WIDGET)
    evaluation_result = forms.CharField(
        label=_("Evaluation result"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") == ExemptionApplication.Status.REJECTED
            and not (data.get("answer") or "").strip()
        ):
            self.add_error("answer", _("Give the ministry's reason for the rejection."))
        return data


class NewRuleForm(forms.Form):
    """A rule registered from a hassle submission (the registry fills in the rest later)."""

    title = forms.CharField(label=_("Title of the rule"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Rule.Kind.choices)
    origin = forms.ChoiceField(label=_("Origin"), choices=Rule.Origin.choices)
    legal_reference = forms.CharField(label=_("Legal reference"), required=False, max_length=300)
