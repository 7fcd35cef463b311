"""Forms of the registry pages. Choices that depend on the municipality (units, staff,
job families) come from querysets scoped to it, so a posted id of another municipality
is simply an invalid choice."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.regulations.models import Activity, BurdenSnapshot, JobFamilyTariff, OffsetEntry, Rule
from enkelt.regulations.selectors import SORTS, RegistryFilters
from enkelt.regulations.services import ActivityData
from enkelt.tenants.models import Municipality, Unit

SORT_CHOICES = [
    ("-hours", _("Burden in hours, largest first")),
    ("hours", _("Burden in hours, smallest first")),
    ("-cost", _("Cost in DKK, largest first")),
    ("cost", _("Cost in DKK, smallest first")),
    ("-fte", _("FTE, largest first")),
    ("-flags", _("Flags, most first")),
    ("title", _("Title, A-Z")),
    ("-title", _("Title, Z-A")),
    ("origin", _("Origin")),
    ("unit", _("Owner unit")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)


def _units(municipality: Municipality) -> Any:
    return Unit.objects.filter(municipality=municipality).order_by("name")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class RegistryFilterForm(forms.Form):
    """The registry query (GET). Invalid values are ignored rather than shown as errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Rule.Kind.choices]
    )
    origin = forms.ChoiceField(
        label=_("Origin"), required=False, choices=[("", _("All origins")), *Rule.Origin.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Rule.Status.choices],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All units")
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(municipality)  # type: ignore[attr-defined]

    def options(self, name: str) -> list[tuple[str, str, bool]]:
        """(value, label, selected) of a choice field, for `_filter_select.html`."""
        field = self[name]
        current = str(field.value() or "")
        return [(str(v), str(label), str(v) == current) for v, label in field.field.choices]  # type: ignore[attr-defined]

    def selects(self) -> list[dict[str, Any]]:
        return [
            {"name": n, "field": self[n], "options": self.options(n)}
            for n in ("kind", "origin", "status", "unit", "sort")
        ]

    def filters(self) -> RegistryFilters:
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return RegistryFilters(
            kind=data.get("kind") or None,
            origin=data.get("origin") or None,
            status=data.get("status") or None,
            unit=data.get("unit"),
            q=data.get("q") or None,
            sort=data.get("sort") or "-hours",
        )


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RuleForm(forms.ModelForm):  # type: ignore[type-arg]
    legal_reference_url = forms.URLField(
        label=Rule._meta.get_field("legal_reference_url").verbose_name,
        help_text=Rule._meta.get_field("legal_reference_url").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    new_requirement = forms.BooleanField(
        label=_("This is a new requirement (count it in the owner unit's offset ledger)"),
        required=False,
    )

    class Meta:
        model = Rule
        fields = [
            "title", "kind", "origin", "legal_reference", "legal_reference_url", "purpose",
            "text", "adopted_by", "adopted_on", "owner_unit", "owner", "applies_to", "status",
            "review_by",
        ]  # fmt: skip
        widgets = {
            "adopted_on": DATE_WIDGET,
            "review_by": DATE_WIDGET,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 6}),
            "applies_to": forms.CheckboxSelectMultiple,
        }
        field_classes = {"owner": StaffChoiceField}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = _units(municipality)  # type: ignore[attr-defined]
        self.fields["applies_to"].queryset = _units(municipality)  # type: ignore[attr-defined]
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            membership__municipality=municipality, is_active=True
        ).order_by("username")
        if self.instance.pk:
            del self.fields["new_requirement"]


class ActivityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Activity
        fields = [
            "name", "population", "frequency_per_year", "minutes_per_occurrence", "job_family",
            "hourly_tariff", "external_cost_per_occurrence", "business_as_usual_share", "source",
            "confidence",
        ]  # fmt: skip

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_family"].queryset = JobFamilyTariff.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        )
        self.fields["job_family"].empty_label = _("None (use the municipality's default tariff)")  # type: ignore[attr-defined]

    def data_for_service(self) -> ActivityData:
        d = self.cleaned_data
        return ActivityData(
            name=d["name"],
            population=d["population"],
            frequency_per_year=d["frequency_per_year"],
            minutes_per_occurrence=d["minutes_per_occurrence"],
            hourly_tariff=d.get("hourly_tariff"),
            job_family=d.get("job_family"),
            external_cost_per_occurrence=d.get("external_cost_per_occurrence") or Decimal(0),
            business_as_usual_share=d.get("business_as_usual_share") or Decimal(0),
            source=d["source"],
            confidence=d["confidence"],
        )


class SnapshotForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of snapshot"), choices=BurdenSnapshot.Kind.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class OffsetEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Entry"), choices=OffsetEntry.Kind.choices)
    hours_per_year = forms.DecimalField(
        label=_("Hours per year"), min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    rule = forms.ModelChoiceField(
        label=_("Rule (optional)"), required=False, queryset=Rule.objects.none()
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = Rule.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).only("pk", "title")


class LedgerFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(municipality)  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Use the template: one row per activity; rules are grouped by their key."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."), code="file_type")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."), code="file_size")
        return upload


class TariffForm(forms.Form):
    name = forms.CharField(label=_("Job family"), max_length=120)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    hourly_wage = forms.DecimalField(
        label=_("Hourly wage (DKK)"), min_value=Decimal(0), max_digits=8, decimal_places=2
    )
    overhead_share = forms.DecimalField(
        label=_("Overhead share"),
        min_value=Decimal(0),
        max_value=Decimal(5),
        max_digits=5,
        decimal_places=4,
        initial=Decimal("0.25"),
        help_text=_("0.25 means 25 % on top of the wage."),
    )
