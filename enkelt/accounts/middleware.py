"""Per-user language, and MFA enforcement for administrators."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME


class UserLanguageMiddleware:
    """Language: the user's choice, else the language cookie, else the browser's, else Danish."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if not language:
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary = response.headers.get("Vary", "")
        if "Accept-Language" not in patch_vary:
            response.headers["Vary"] = ", ".join(v for v in (patch_vary, "Accept-Language") if v)
        return response


class RequireAdministratorMFAMiddleware:
    """Administrators (and superusers) must activate TOTP before doing anything else."""

    ALLOWED_PREFIXES = (
        "/accounts/",
        "/static/",
        "/healthz",
        "/readyz",
        "/language/",
        "/i18n/",
        "/open311/",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not request.path.startswith("/api/")
        ):
            from enkelt.accounts.selectors import user_needs_mfa_setup

            if user_needs_mfa_setup(user=user):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
