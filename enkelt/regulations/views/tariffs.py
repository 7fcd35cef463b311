"""Job-family tariffs: the hourly rates behind every burden (wage times (1 + overhead))."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from enkelt.regulations import selectors, services
from enkelt.regulations.forms import TariffForm
from enkelt.regulations.views.common import VIEW, require
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

TARIFFS = "regulations.change_tariffs"


@municipality_view(staff=True)
def tariff_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    form = TariffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(request, TARIFFS, municipality)
        if form.is_valid():
            try:
                services.job_family_tariff_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The tariff was added."))
                return redirect("regulations:tariffs", municipality.slug)
    return render(
        request,
        "regulations/tariffs.html",
        {
            "municipality": municipality,
            "tariffs": list(selectors.tariff_list(municipality=municipality)),
            "default_tariff": municipality.default_hourly_tariff,
            "form": form,
            "can_change": request.user.has_perm(TARIFFS, municipality),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
