"""Number and money formatting in the active language (Danish: `1.234,50 kr.`)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def dkk(value: Decimal | float | int | None, decimals: int = 2) -> str:
    """Kroner: Danish `1.234,50 kr.`, English `DKK 1,234.50`."""
    if value is None or value == "":
        return ""
    amount = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if (get_language() or "da").startswith("da"):
        return f"{amount}\u00a0kr."
    return f"DKK\u00a0{amount}"


@register.filter
def number(value: Decimal | float | int | None, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
