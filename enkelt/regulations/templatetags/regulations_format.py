"""Template filters of the registry pages."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(share: Decimal | float | None, decimals: int = 0) -> str:
    """A share (0..1) as a percentage number in the active format, without the sign."""
    if share is None or share == "":
        return ""
    value = Decimal(str(share)) * 100
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
