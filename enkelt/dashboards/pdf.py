"""The council one-pager as one printed A4 page (WeasyPrint, like the strategy review pack)."""

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string


def council_pdf_html(*, context: dict[str, Any]) -> str:
    return render_to_string("dashboards/council_pdf.html", context)


def council_pdf(*, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML  # imported late: loading it costs time at start-up

    html = council_pdf_html(context=context)
    base_url: Any = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()  # type: ignore[no-any-return]
