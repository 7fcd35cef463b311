"""Export (CSV, XLSX), the template, and the import: upload, report, start, progress."""

from datetime import timedelta

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.regulations import selectors
from enkelt.regulations.errors import RegulationError
from enkelt.regulations.forms import ImportUploadForm, RegistryFilterForm
from enkelt.regulations.models import RuleImport
from enkelt.regulations.transfer.export import csv_lines, rule_rows, template_rows, xlsx_bytes
from enkelt.regulations.transfer.run import (
    rule_import_prepare,
    rule_import_start,
    rule_import_step,
)
from enkelt.regulations.views.common import EXPORT, IMPORT, require
from enkelt.tenants.access import get_scoped_or_404, municipality_view
from enkelt.tenants.models import Municipality

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_LIMIT = 500


def _filename(municipality: Municipality, what: str, ext: str) -> str:
    return f"{municipality.slug}-{what}-{timezone.localdate():%Y-%m-%d}.{ext}"


def _filtered(request: HttpRequest, municipality: Municipality):  # type: ignore[no-untyped-def]
    form = RegistryFilterForm(request.GET, municipality=municipality)
    return selectors.rule_list(municipality=municipality, filters=form.filters())


@municipality_view(staff=True)  # type: ignore[arg-type]  # a streaming response
def export_csv(request: HttpRequest, municipality: Municipality) -> StreamingHttpResponse:
    """The registry (with the list's filters) as semicolon-separated CSV, streamed."""
    require(request, EXPORT, municipality)
    response = StreamingHttpResponse(
        csv_lines(rule_rows(_filtered(request, municipality))), content_type="text/csv"
    )
    name = _filename(municipality, "rules", "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@municipality_view(staff=True)
def export_xlsx(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, EXPORT, municipality)
    response = HttpResponse(
        xlsx_bytes(rule_rows(_filtered(request, municipality))), content_type=XLSX
    )
    name = _filename(municipality, "rules", "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@municipality_view(staff=True)
def template_csv(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, IMPORT, municipality)
    response = HttpResponse("".join(csv_lines(template_rows())), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="enkelt-rules-template.csv"'
    return response


@municipality_view(staff=True)
def template_xlsx(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, IMPORT, municipality)
    response = HttpResponse(xlsx_bytes(template_rows(), with_help=True), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="enkelt-rules-template.xlsx"'
    return response


@municipality_view(staff=True)
def import_upload(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Upload a file: it is read and checked at once; the report page follows."""
    require(request, IMPORT, municipality)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = rule_import_prepare(
            actor=request.user,
            municipality=municipality,
            filename=upload.name,
            content=upload.read(),
        )
        return redirect("regulations:import_detail", municipality.slug, job.public_id)
    recent = RuleImport.objects.filter(municipality=municipality).defer("rows", "errors")[:10]
    return render(
        request,
        "regulations/import_upload.html",
        {"municipality": municipality, "form": form, "recent": recent},
        status=400 if form.is_bound else 200,
    )


def _get_import(municipality: Municipality, import_id: str) -> RuleImport:
    return get_scoped_or_404(RuleImport.objects.defer("rows"), municipality, public_id=import_id)


@municipality_view(staff=True)
def import_detail(request: HttpRequest, municipality: Municipality, import_id: str) -> HttpResponse:
    """The report, the choice to start, and the progress (htmx swaps `#import-progress`)."""
    require(request, IMPORT, municipality)
    job = _get_import(municipality, import_id)
    if request.method == "POST":
        try:
            rule_import_start(
                actor=request.user,
                municipality=municipality,
                rule_import=job,
                only_valid_rows=request.POST.get("only_valid_rows") == "on",
            )
        except RegulationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The import has started."))
        return redirect("regulations:import_detail", municipality.slug, job.public_id)
    template = (
        "regulations/_import_progress.html"
        if request.headers.get("HX-Request")
        else "regulations/import_detail.html"
    )
    return render(
        request,
        template,
        {
            "municipality": municipality,
            "job": job,
            "report": job.errors[:REPORT_LIMIT],
            "report_cut": max(0, len(job.errors) - REPORT_LIMIT),
        },
    )


@municipality_view(staff=True)
def import_step(request: HttpRequest, municipality: Municipality, import_id: str) -> HttpResponse:
    """POST from the progress bar: import the next batch when no task worker has taken it.

    Then answer the progress fragment, which polls again until the import is done.
    """
    require(request, IMPORT, municipality)
    if request.method != "POST":
        raise Http404
    job = _get_import(municipality, import_id)
    stale = job.updated_at < timezone.now() - timedelta(seconds=2)
    if job.status in (RuleImport.Status.QUEUED, RuleImport.Status.RUNNING) and stale:
        rule_import_step(import_id=job.pk)
        job = _get_import(municipality, import_id)
    return render(
        request, "regulations/_import_progress.html", {"municipality": municipality, "job": job}
    )
