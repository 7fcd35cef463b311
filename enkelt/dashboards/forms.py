"""The period of an overview (GET `from`, `to`); invalid values fall back to the default."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from enkelt.dashboards.selectors import Period


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PeriodForm(forms.Form):
    """Fields `from` and `to` (named like the API's parameters, so they are added here)."""

    def __init__(self, query: Any, *, today: datetime.date) -> None:
        given = any(query.get(key) for key in ("from", "to"))
        super().__init__(query if given else None)
        self.fields["from"] = _date_field(_("From"))
        self.fields["to"] = _date_field(_("To"))
        self.default = Period.year_to_date(today)
        if not given:
            self.initial = {"from": self.default.date_from, "to": self.default.date_to}

    def period(self) -> Period:
        if not self.is_bound:
            return self.default
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        start = data.get("from") or self.default.date_from
        end = data.get("to") or self.default.date_to
        if end < start:
            start, end = end, start
        return Period(start, end)
