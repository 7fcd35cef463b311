"""Forms of the idea pages: filters, stage change, notes, scores, guides, conversion."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.ideas import pipeline
from enkelt.ideas.models import IdeaCriterion, Stage
from enkelt.regulations.models import Rule
from enkelt.strategy.models import Programme
from enkelt.tenants.models import Municipality, Unit


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _person(obj)


class BoardFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    guide = PersonChoiceField(
        label=_("Idea guide"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("All guides"),
    )

    def __init__(self, *args: Any, municipality: Municipality, guides: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        self.fields["guide"].queryset = guides  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=())
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the idea is not pursued. The submitter reads it."),
    )
    note = forms.CharField(
        label=_("Note (internal)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    people = forms.CharField(
        label=_("People involved"),
        required=False,
        max_length=500,
        help_text=_("Names or roles, separated by commas."),
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [  # type: ignore[attr-defined]
            (s, Stage(s).label) for s in pipeline.allowed_next(current)
        ]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    people = forms.CharField(label=_("People involved"), required=False, max_length=500)


class ScoreForm(forms.Form):
    """One choice field per criterion, named `criterion_<id>`."""

    def __init__(
        self,
        *args: Any,
        criteria: list[IdeaCriterion],
        initial_scores: dict[int, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=[("", "-")] + [(i, str(i)) for i in range(1, criterion.scale_max + 1)],
                coerce=int,
                required=False,
                initial=initial_scores.get(criterion.pk, ""),
            )

    def scores(self) -> dict[IdeaCriterion, int]:
        return {
            c: self.cleaned_data[f"criterion_{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"criterion_{c.pk}") not in (None, "")
        }


class AssignForm(forms.Form):
    guide = PersonChoiceField(
        label=_("Idea guide"), queryset=User.objects.none(), required=False, empty_label=_("None")
    )

    def __init__(self, *args: Any, guides: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = guides  # type: ignore[attr-defined]


class InitiativeForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    title = forms.CharField(label=_("Title of the initiative"), max_length=200, required=False)
    owner_unit = forms.ModelChoiceField(
        label=_("Owner unit"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(  # type: ignore[attr-defined]
            area__plan__municipality=municipality
        ).select_related("area")
        self.fields["owner_unit"].queryset = Unit.objects.filter(municipality=municipality)  # type: ignore[attr-defined]


class CaseForm(forms.Form):
    rule = forms.ModelChoiceField(
        label=_("Rule the idea would change"), queryset=Rule.objects.none()
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = Rule.objects.filter(municipality=municipality)  # type: ignore[attr-defined]


class GuideForm(forms.Form):
    user = PersonChoiceField(label=_("Employee"), queryset=User.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Whole municipality"),
        help_text=_("The guide helps with ideas of this unit and the units below it."),
    )

    def __init__(self, *args: Any, municipality: Municipality, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)  # type: ignore[attr-defined]


class CriterionForm(forms.ModelForm):
    """One assessment criterion; the same form adds a new one and changes an existing one."""

    class Meta:
        model = IdeaCriterion
        fields = [
            "name_da", "name_en", "description_da", "description_en", "scale_max", "weight",
            "higher_is_better", "order",
        ]  # fmt: skip
        widgets = {
            "description_da": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }
