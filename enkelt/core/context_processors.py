"""Values every page of the shell needs: current municipality and the languages."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    return {
        "current_municipality": getattr(request, "municipality", None),
        "shell_languages": settings.LANGUAGES,
        "demo_mode": settings.ENKELT_DEMO,
    }
