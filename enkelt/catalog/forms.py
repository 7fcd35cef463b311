"""Forms of the inspiration catalogue: search filters, publishing a case, KL's curation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.catalog.demo import tag_slug
from enkelt.catalog.models import ExampleOutcome, Relation, StrategyType, Tag
from enkelt.catalog.selectors import ExampleFilters


def _with_blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("All")), *choices]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    relation = forms.ChoiceField(label=_("Steering-chain relation"), required=False)
    strategy_type = forms.ChoiceField(label=_("Strategy type"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args: Any, choices: dict[str, list[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("relation", _with_blank(Relation.choices))
        self._choices("strategy_type", _with_blank(StrategyType.choices))
        self._choices("outcome", _with_blank(ExampleOutcome.choices))
        municipalities = [(m, m) for m in choices["municipalities"]]
        self._choices("municipality", _with_blank(municipalities))
        self._choices("year", _with_blank([(str(y), str(y)) for y in choices["years"]]))
        self._choices("tag", _with_blank([(t.slug, t.name) for t in choices["tags"]]))

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def query(self) -> str:
        return str(self.cleaned_data.get("q") or "") if self.is_valid() else ""

    def filters(self) -> ExampleFilters:
        if not self.is_valid():
            return ExampleFilters()
        data = self.cleaned_data
        return ExampleFilters(
            relation=data["relation"],
            strategy_type=data["strategy_type"],
            outcome=data["outcome"],
            municipality_name=data["municipality"],
            year=data["year"],
            tag=data["tag"],
        )


class TagsField(forms.CharField):
    """Comma-separated tag names; unknown tags are created on save."""

    def tags(self, value: str) -> list[Tag]:
        found = []
        for name in [n.strip() for n in (value or "").split(",") if n.strip()][:10]:
            slug = tag_slug(name)[:60]
            if slug:
                tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name[:60]})
                found.append(tag)
        return found


class ExampleTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    what_was_done = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    results = forms.CharField(
        label=_("Results in numbers"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    relation = forms.ChoiceField(label=_("Steering-chain relation"), choices=Relation.choices)
    strategy_type = forms.ChoiceField(label=_("Strategy type"), choices=StrategyType.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ExampleOutcome.choices)
    lessons = forms.CharField(
        label=_("What was learnt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tags = TagsField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separate tags with commas."),
    )

    def tag_objects(self) -> list[Tag]:
        field = self.fields["tags"]
        assert isinstance(field, TagsField)
        return field.tags(self.cleaned_data.get("tags", ""))


class PublishCaseForm(ExampleTextForm):
    pass


class CurateForm(ExampleTextForm):
    municipality_name = forms.CharField(label=_("Municipality"), max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1970, max_value=2100)
    source_reference = forms.CharField(label=_("Source"), max_length=300, required=False)
    published = forms.BooleanField(label=_("Published"), required=False)
