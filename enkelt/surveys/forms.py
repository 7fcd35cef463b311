"""Forms of the survey pages. The answer form is parsed by `parse_answers`, not a Form:
its fields are the survey's questions, rendered as fieldsets in the template."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enkelt.goals.models import Indicator
from enkelt.surveys.models import Audience, Purpose, Question, QuestionKind, Section, Survey
from enkelt.surveys.services import AnswerInput, OptionText
from enkelt.tenants.models import Municipality, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SurveyForm(forms.Form):
    title_da = forms.CharField(label=_("Title (Danish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    intro_da = forms.CharField(
        label=_("Introduction (Danish)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    service_unit = forms.ModelChoiceField(
        label=_("Service (for citizen surveys)"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).order_by("name")


class SectionForm(forms.Form):
    title_da = forms.CharField(label=_("Section title (Danish)"), max_length=200)
    title_en = forms.CharField(label=_("Section title (English)"), max_length=200, required=False)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    text_da = forms.CharField(label=_("Question (Danish)"), max_length=500)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    scale_min = forms.IntegerField(label=_("Scale from"), initial=1, min_value=0, max_value=10)
    scale_max = forms.IntegerField(label=_("Scale to"), initial=5, min_value=1, max_value=11)
    min_label_da = forms.CharField(label=_("Label of the lowest value (Danish)"), required=False)
    min_label_en = forms.CharField(label=_("Label of the lowest value (English)"), required=False)
    max_label_da = forms.CharField(label=_("Label of the highest value (Danish)"), required=False)
    max_label_en = forms.CharField(label=_("Label of the highest value (English)"), required=False)
    options_da = forms.CharField(
        label=_("Options (Danish), one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    options_en = forms.CharField(
        label=_("Options (English), one per line, same order"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        danish = [line.strip() for line in data.pop("options_da", "").splitlines() if line.strip()]
        english = [line.strip() for line in data.pop("options_en", "").splitlines()]
        data["options"] = [
            OptionText(text_da=text, text_en=english[i] if i < len(english) else "")
            for i, text in enumerate(danish)
        ]
        return data


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title of the round"), max_length=200)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)
    units = forms.ModelMultipleChoiceField(
        label=_("Units asked (employee surveys)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).order_by("name")


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses, one per line"), widget=forms.Textarea(attrs={"rows": 4})
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in units]
        )

    def clean_emails(self) -> list[str]:
        lines = [x.strip() for x in self.cleaned_data["emails"].replace(",", "\n").splitlines()]
        emails = [x for x in lines if x]
        field = forms.EmailField()
        for email in emails:
            field.clean(email)
        return emails


class FeedForm(forms.Form):
    source = forms.ChoiceField(label=_("Source in the survey"))
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())

    def __init__(
        self, *args: Any, municipality: Municipality, questions: list[Question], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                choices.append((f"{question.public_id}:", f"{question.text} · {_('mean')}"))
            elif question.has_options:
                for option in question.options.all():
                    choices.append(
                        (
                            f"{question.public_id}:{option.pk}",
                            f"{question.text} · {_('share')} “{option.text}”",
                        )
                    )
        self.fields["source"].choices = choices  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).order_by("title")
        self.questions = {str(q.public_id): q for q in questions}

    def resolved(self) -> dict[str, Any]:
        question_id, _sep, option_id = self.cleaned_data["source"].partition(":")
        question = self.questions[question_id]
        option = next((o for o in question.options.all() if str(o.pk) == option_id), None)
        return {"question": question, "option": option, "indicator": self.cleaned_data["indicator"]}


def parse_answers(data: Any, questions: list[Question]) -> list[AnswerInput]:
    """Answers from POST data: `q-<public_id>` holds a value, option id(s) or text."""
    answers = []
    errors: dict[str, str] = {}
    for question in questions:
        name = f"q-{question.public_id}"
        if question.kind == QuestionKind.SCALE:
            raw = (data.get(name) or "").strip()
            if not raw:
                continue
            try:
                answers.append(AnswerInput(question=question, value=int(raw)))
            except ValueError:
                errors[name] = str(_("Choose a value on the scale."))
        elif question.has_options:
            chosen = set(data.getlist(name))
            options = tuple(o for o in question.options.all() if str(o.pk) in chosen)
            if len(options) != len(chosen):
                errors[name] = str(_("Choose one of the options."))
            elif options:
                answers.append(AnswerInput(question=question, options=options))
        else:
            text = (data.get(name) or "").strip()[:5000]
            if text:
                answers.append(AnswerInput(question=question, text=text))
    if errors:
        raise ValidationError(errors)
    return answers
