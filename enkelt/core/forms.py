"""Django forms rendered with DKFDS markup everywhere, without per-form code.

`FORM_RENDERER` points at `DKFDSFormRenderer`; its bound-field class adds the
DKFDS class to each widget, and the templates in `templates/django/forms/`
render labels, hints and errors the DKFDS way. Django 5.2 itself sets
`aria-invalid` and points `aria-describedby` at `<id>_helptext` and `<id>_error`,
which the field template uses as element ids.
"""

from typing import Any

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
    "checkbox": "form-checkbox",
    "radioselect": "",
    "checkboxselectmultiple": "",
    "hidden": "",
}


class DKFDSBoundField(BoundField):
    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        css = WIDGET_CLASSES.get(self.widget_type, "form-input")
        if css and css not in attrs.get("class", "").split():
            attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        return attrs


class DKFDSFormRenderer(TemplatesSetting):
    bound_field_class = DKFDSBoundField
