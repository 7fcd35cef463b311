"""The review pack as PDF (WeasyPrint): every item of a round with its update and decision."""

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from enkelt.strategy.models import ReviewItem, ReviewRound


def review_pack_html(*, review_round: ReviewRound, items: list[ReviewItem]) -> str:
    return render_to_string("strategy/review_pack.html", {"round": review_round, "items": items})


def review_pack_pdf(
    *, review_round: ReviewRound, items: list[ReviewItem], request: HttpRequest | None = None
) -> bytes:
    from weasyprint import HTML  # imported late: loading it costs time at start-up

    html = review_pack_html(review_round=review_round, items=items)
    base_url: Any = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()  # type: ignore[no-any-return]
