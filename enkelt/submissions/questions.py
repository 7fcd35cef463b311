"""Checking answers to a category's extra questions (Open311 "attributes").

Answers arrive as a mapping from question code to a string (text, number,
date, single choice) or a list of strings (multiple choice), both from the web
form and from Open311's `attribute[CODE]` parameters. Unknown codes are dropped,
never refused: Open311 clients send attributes of their own.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enkelt.submissions.models import CategoryQuestion

Datatype = CategoryQuestion.Datatype
ANSWER_MAX_LENGTH = 1000


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(_is_blank(v) for v in value)
    return False


def _clean_one(question: CategoryQuestion, value: Any) -> Any:
    """The stored form of one answer; raises ValidationError with a stable code."""
    if question.datatype == Datatype.MULTI_VALUE_LIST:
        values = value if isinstance(value, list | tuple) else [value]
        keys = [str(v).strip() for v in values if not _is_blank(v)]
        unknown = [k for k in keys if k not in question.choice_keys()]
        if unknown:
            raise ValidationError(_("Choose from the list."), code="invalid_choice")
        return keys
    if isinstance(value, list | tuple):
        if len(value) != 1:
            raise ValidationError(_("Give one answer."), code="invalid")
        value = value[0]
    text = str(value).strip()
    if len(text) > ANSWER_MAX_LENGTH:
        raise ValidationError(_("The answer is too long."), code="max_length")
    if question.datatype == Datatype.NUMBER:
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Write a number."), code="invalid_number") from None
        if not number.is_finite():
            raise ValidationError(_("Write a number."), code="invalid_number")
        return str(number)
    if question.datatype == Datatype.DATE:
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise ValidationError(_("Write a date as YYYY-MM-DD."), code="invalid_date") from None
    if question.datatype == Datatype.SINGLE_VALUE_LIST and text not in question.choice_keys():
        raise ValidationError(_("Choose from the list."), code="invalid_choice")
    return text


def clean_answers(
    questions: Iterable[CategoryQuestion], answers: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Answers keyed by question code, checked against `questions`.

    Raises ValidationError keyed by question code for a missing required answer
    or a malformed one; all problems are reported at once.
    """
    answers = answers or {}
    cleaned: dict[str, Any] = {}
    errors: dict[str, ValidationError] = {}
    for question in questions:
        value = answers.get(question.code)
        if _is_blank(value):
            if question.required:
                errors[question.code] = ValidationError(
                    _("This question must be answered."), code="required"
                )
            continue
        try:
            cleaned[question.code] = _clean_one(question, value)
        except ValidationError as error:
            errors[question.code] = error
    if errors:
        raise ValidationError(errors)
    return cleaned
