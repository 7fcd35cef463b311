"""Demo answer templates for the case workers' inbox (idempotent, by title and category).

Called after `demo.load_demo_categories`: the road template belongs to the
`huller-i-vejen` category; the others are general (offered for every category).
"""

from dataclasses import dataclass

from django.db import transaction

from enkelt.submissions.models import AnswerTemplate, Category
from enkelt.tenants.models import Municipality

SetStatus = AnswerTemplate.SetStatus


@dataclass(frozen=True)
class DemoTemplate:
    title: str
    category_code: str | None
    text_da: str
    text_en: str
    set_status: str
    rejection_reason: str = ""


DEMO_TEMPLATES = [
    DemoTemplate(
        "Hul i vejen udbedret",
        "huller-i-vejen",
        "Tak for din henvendelse. Vores vejfolk har nu lappet hullet. "
        "Vi lukker sagen, men skriv endelig igen, hvis skaden kommer tilbage.",
        "Thank you for your report. Our road crew has now repaired the hole. "
        "We are closing the case, but do write again if the damage returns.",
        SetStatus.CLOSED,
    ),
    DemoTemplate(
        "Vi går i gang",
        None,
        "Tak for din henvendelse. Vi har modtaget den og er gået i gang. "
        "Du hører fra os, når vi ved mere.",
        "Thank you for your submission. We have received it and started work on it. "
        "You will hear from us when we know more.",
        SetStatus.IN_PROGRESS,
    ),
    DemoTemplate(
        "Tak, vi har svaret",
        None,
        "Tak for din henvendelse. Vi har set på den, og svaret er: ",
        "Thank you for your submission. We have looked into it, and our answer is: ",
        SetStatus.ANSWERED,
    ),
    DemoTemplate(
        "Ikke kommunens opgave",
        None,
        "Tak for din henvendelse. Det, du beskriver, hører ikke under kommunen. "
        "Vejdirektoratet, Banedanmark eller grundejeren er de rette at kontakte.",
        "Thank you for your submission. What you describe is not the municipality's "
        "responsibility. The Road Directorate, Banedanmark or the land owner are the "
        "right ones to contact.",
        SetStatus.REJECTED,
        rejection_reason="not_ours",
    ),
]


@transaction.atomic
def load_demo_answer_templates(municipality: Municipality) -> int:
    """Create or correct the demo templates of `municipality`; returns how many exist."""
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    count = 0
    for spec in DEMO_TEMPLATES:
        category = categories.get(spec.category_code) if spec.category_code else None
        if spec.category_code and category is None:
            continue
        AnswerTemplate.objects.update_or_create(
            municipality=municipality,
            category=category,
            title=spec.title,
            defaults={
                "text_da": spec.text_da,
                "text_en": spec.text_en,
                "set_status": spec.set_status,
                "rejection_reason": spec.rejection_reason,
                "is_active": True,
            },
        )
        count += 1
    return count
