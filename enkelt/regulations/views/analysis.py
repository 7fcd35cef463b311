"""Roll-ups of the burden, the candidate finder, prioritisation and the offset ledger."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from enkelt.regulations import selectors, services
from enkelt.regulations.forms import LedgerFilterForm, OffsetEntryForm
from enkelt.regulations.models import OffsetEntry
from enkelt.regulations.views.common import LEDGER, VIEW, require
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


@municipality_view(staff=True)
def burden_overview(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Burden by unit, origin and kind, and the municipality's total (each a table)."""
    require(request, VIEW, municipality)
    tables = [
        ("unit", _("By owner unit"), selectors.burden_rollup(municipality=municipality, by="unit")),
        ("origin", _("By origin"), selectors.burden_rollup(municipality=municipality, by="origin")),
        ("kind", _("By kind"), selectors.burden_rollup(municipality=municipality, by="kind")),
    ]
    total = selectors.municipality_burden(municipality=municipality)
    for _key, _title, rows in tables:
        for row in rows:
            row_share = (row.hours_per_year / total.hours_per_year) if total.hours_per_year else 0
            object.__setattr__(row, "share", round(100 * row_share))
    return render(
        request,
        "regulations/burden_overview.html",
        {"municipality": municipality, "tables": tables, "total": total},
    )


@municipality_view(staff=True)
def candidate_finder(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    return render(
        request,
        "regulations/candidates.html",
        {
            "municipality": municipality,
            "candidates": selectors.candidate_list(municipality=municipality),
            "words": list(selectors.OBLIGATION_WORDS),
        },
    )


@municipality_view(staff=True)
def priorities(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    return render(
        request,
        "regulations/priorities.html",
        {
            "municipality": municipality,
            "rules": list(selectors.priority_list(municipality=municipality)),
        },
    )


@municipality_view(staff=True)
def offset_ledger(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Balances of every unit for a year; with a unit chosen, its entries and a form."""
    require(request, VIEW, municipality)
    choose = LedgerFilterForm(request.GET or None, municipality=municipality)
    year = choose.fields["year"].initial
    unit = None
    if choose.is_bound and choose.is_valid():
        year, unit = choose.cleaned_data["year"], choose.cleaned_data["unit"]
    elif choose.is_bound and "year" in choose.cleaned_data:
        year = choose.cleaned_data["year"]
    can_change = request.user.has_perm(LEDGER, municipality)
    form = OffsetEntryForm(
        request.POST if request.method == "POST" else None, municipality=municipality
    )
    if request.method == "POST":
        require(request, LEDGER, municipality)
        if unit is not None and form.is_valid():
            try:
                services.offset_entry_record(
                    actor=request.user,
                    municipality=municipality,
                    unit=unit,
                    year=year,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The entry was recorded."))
                return redirect(request.get_full_path())
    entries = (
        list(selectors.offset_entries(municipality=municipality, unit=unit, year=year))
        if unit is not None
        else []
    )
    balance = sum((e.signed_hours for e in entries), start=0)
    return render(
        request,
        "regulations/ledger.html",
        {
            "municipality": municipality,
            "choose": choose,
            "year": year,
            "unit": unit,
            "balances": selectors.offset_balances(municipality=municipality, year=year),
            "entries": entries,
            "balance": balance,
            "form": form,
            "can_change": can_change,
            "kinds": OffsetEntry.Kind,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
