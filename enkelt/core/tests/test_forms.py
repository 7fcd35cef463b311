"""Django forms render DKFDS markup through the project's form renderer."""

import pytest
from django import forms
from django.utils import translation

from enkelt.core.forms import DKFDSBoundField


class SampleForm(forms.Form):
    title = forms.CharField(label="Title", help_text="A short title")
    text = forms.CharField(label="Text", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(
        label="Kind", choices=[("fault", "Fault"), ("idea", "Idea")], widget=forms.RadioSelect
    )
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red")])
    agree = forms.BooleanField(label="I agree")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_fields_use_dkfds_classes_and_labels():
    html = str(SampleForm())
    assert 'class="form-group"' in html
    assert '<label class="form-label" for="id_title">Title' in html
    assert 'class="form-input"' in html and 'class="form-select"' in html
    assert 'class="form-hint" id="id_title_helptext"' in html
    assert 'class="form-radio"' in html and '<legend class="form-label">Kind' in html
    assert 'class="form-group-checkbox' in html and 'class="form-checkbox"' in html
    assert "(optional)" in html  # only the optional textarea says so
    assert html.count("(optional)") == 1


def test_errors_are_linked_to_their_fields():
    form = SampleForm(data={"title": "", "kind": "nope"})
    assert isinstance(form["title"], DKFDSBoundField)
    html = str(form)
    assert 'class="form-group form-error"' in html
    assert 'id="id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
