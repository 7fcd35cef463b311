"""Forms of the citizen and employee journey, the status page and following.

The forms parse and shape input; the rules themselves (lengths, location,
anonymity, extra questions) are checked by `intake.clean_new_submission`,
whose errors the views put back on these forms' fields (`add_service_errors`),
so the web form and the APIs answer the same input the same way.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enkelt.submissions.abuse import HONEYPOT_FIELD
from enkelt.submissions.models import Category, CategoryQuestion, Kind, Submission
from enkelt.submissions.uploads import MAX_UPLOAD_BYTES, ProcessedImage, process_image

KIND_CHOICES = [
    (Kind.FAULT, _("A fault in a street, park or building (e.g. a pothole or a broken light)")),
    (Kind.HASSLE, _("Red tape: a rule, form or procedure that gets in the way")),
    (Kind.IDEA, _("An idea for doing things better")),
]

ANSWER_PREFIX = "answer_"


class HoneypotMixin(forms.Form):
    """A field only software fills in; the template hides it (class `enkelt-hp`)."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def render_fields(self) -> list[Any]:
        """Every field but the honeypot, which templates render on its own, hidden."""
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to tell us about?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what it is about.")},
    )


class CategoryRadioSelect(forms.RadioSelect):
    """Radio buttons with each category's description as a hint linked to its button."""

    template_name = "submissions/citizen/widgets/category_radio.html"

    def __init__(self, *args: Any, descriptions: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.descriptions = descriptions or {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        description = self.descriptions.get(str(value), "")
        option["description"] = description
        if description:
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_description"
        return option


class CategoryForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Choose the category that fits best"),
        widget=CategoryRadioSelect,
        error_messages={
            "required": _("Choose a category."),
            "invalid_choice": _("Choose a category from the list."),
        },
    )

    def __init__(self, *args: Any, categories: Iterable[Category], **kwargs: Any):
        super().__init__(*args, **kwargs)
        categories = list(categories)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c.code, c.name) for c in categories]
        field.widget = CategoryRadioSelect(descriptions={c.code: c.description for c in categories})
        field.widget.choices = field.choices


def _question_field(question: CategoryQuestion) -> forms.Field:
    label = question.label
    required = question.required
    if question.datatype == CategoryQuestion.Datatype.SINGLE_VALUE_LIST:
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=[(c["key"], question.choice_name(c)) for c in question.choices or []],
            widget=forms.RadioSelect,
        )
    if question.datatype == CategoryQuestion.Datatype.MULTI_VALUE_LIST:
        return forms.MultipleChoiceField(
            label=label,
            required=required,
            choices=[(c["key"], question.choice_name(c)) for c in question.choices or []],
            widget=forms.CheckboxSelectMultiple,
        )
    if question.datatype == CategoryQuestion.Datatype.NUMBER:
        return forms.CharField(
            label=label,
            required=required,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
    if question.datatype == CategoryQuestion.Datatype.DATE:
        return forms.CharField(
            label=label,
            required=required,
            help_text=_("For example 2025-03-31."),
            widget=forms.DateInput(attrs={"type": "date"}),
        )
    return forms.CharField(label=label, required=required, max_length=1000)


class DescribeForm(HoneypotMixin, forms.Form):
    """Title and text; for red tape what to do instead; the category's extra questions."""

    title = forms.CharField(
        label=_("Title"),
        help_text=_("A few words, e.g. “Pothole outside no. 12”."),
        max_length=200,
        error_messages={"required": _("Write a short title.")},
    )
    description = forms.CharField(
        label=_("Describe what it is about"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": _("Describe what it is about.")},
    )

    def __init__(
        self, *args: Any, category: Category, is_employee: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(category.questions.all())
        if category.kind == Kind.HASSLE:
            if is_employee:
                self.fields["rule_text"] = forms.CharField(
                    label=_("Which rule or requirement is it about?"),
                    help_text=_("Its name, where it comes from, or a quote: whatever you know."),
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.fields["suggestion"] = forms.CharField(
                label=_("What should we do instead?"),
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        for question in self.questions:
            self.fields[ANSWER_PREFIX + question.code] = _question_field(question)
        # The honeypot last, so it never sits between fields in the tab order.
        self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)

    def answers(self) -> dict[str, Any]:
        return {
            q.code: self.cleaned_data.get(ANSWER_PREFIX + q.code)
            for q in self.questions
            if self.cleaned_data.get(ANSWER_PREFIX + q.code) not in (None, "", [])
        }


class LocationForm(forms.Form):
    address = forms.CharField(
        label=_("Address or place"),
        help_text=_("Street and number, or a description such as “the playground in Østre Park”."),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    lat = forms.CharField(
        label=_("Latitude"),
        help_text=_(
            "Degrees north, e.g. 55.7160. Filled in when you use the map or your position."
        ),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    lon = forms.CharField(
        label=_("Longitude"),
        help_text=_("Degrees east, e.g. 11.7130."),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_lat(self) -> str:
        return str(self.cleaned_data.get("lat") or "").strip().replace(",", ".")

    def clean_lon(self) -> str:
        return str(self.cleaned_data.get("lon") or "").strip().replace(",", ".")


class PhotoForm(forms.Form):
    """One photo per post (phones' cameras give one at a time); processed at once."""

    photo = forms.FileField(
        label=_("Add a photo"),
        help_text=_("A JPEG, PNG or WebP image of at most 15 MB. Up to 3 photos."),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean_photo(self) -> ProcessedImage | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The photo is too large. The limit is 15 MB."), "too_large")
        return process_image(upload, size=upload.size)


class ContactForm(forms.Form):
    contact_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.CharField(
        label=_("E-mail"),
        help_text=_("We send the receipt and our answer here."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        help_text=_("Only if we may call you with questions."),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    is_anonymous = forms.BooleanField(
        label=_("Stay anonymous: send without contact details"),
        help_text=_("We cannot answer you then, but you can follow the report by its code."),
        required=False,
    )

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not category.allow_anonymous:
            del self.fields["is_anonymous"]


class EmployeeContactForm(forms.Form):
    employee_mode = forms.ChoiceField(
        label=_("How do you want to appear?"),
        choices=[
            (Submission.EmployeeMode.OWN_NAME, _("In my own name")),
            (
                Submission.EmployeeMode.PSEUDONYMOUS,
                _("Pseudonymously: case workers see “an employee in” my unit"),
            ),
            (
                Submission.EmployeeMode.INTERNAL,
                _("Internal only: in my own name, never shown publicly"),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to appear.")},
    )


class ReviewForm(HoneypotMixin, forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)


class StatusLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        help_text=_("The code on your receipt, e.g. K7M-4QX."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Write the tracking code.")},
    )


class FollowForm(forms.Form):
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Write your e-mail address.")},
    )


def add_service_errors(
    form: forms.Form, error: ValidationError, field_map: dict[str, str] | None = None
) -> list[str]:
    """Put a service's field-keyed ValidationError on the form's fields.

    `field_map` renames service keys (`answers.size` → `answer_size`); keys the
    form has no field for are returned as (translated) messages, for the caller
    to show elsewhere.
    """
    field_map = field_map or {}
    left: list[str] = []
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return left
    for key, errors in error.error_dict.items():
        name = field_map.get(key, key)
        if name.startswith("answers."):
            name = ANSWER_PREFIX + name.removeprefix("answers.")
        if name in form.fields:
            for item in errors:
                form.add_error(name, item)
        else:
            left.extend(str(m) for item in errors for m in item.messages)
    return left
