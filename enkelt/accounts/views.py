"""Profile (language choice) and the language switch in the header."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from enkelt.accounts.forms import LanguageForm
from enkelt.accounts.services import user_set_language
from enkelt.tenants.access import membership_of


def _no_response(request: HttpRequest) -> HttpResponse:
    raise AssertionError("the CSRF check never calls the next handler")


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@require_POST
@csrf_exempt
def language_switch(request: HttpRequest) -> HttpResponse:
    """Switch language from the header; works without JavaScript (a plain POST form).

    For a visitor without a session the switch only sets the language cookie, so it
    needs no CSRF token, and the public pages carrying the form stay cacheable
    (`enkelt.core.public_cache`). A logged-in user's choice is also saved on their
    profile: that part is CSRF-checked as usual.
    """
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(_no_response).process_view(request, _no_response, (), {})
        if refused is not None:
            return refused
    form = LanguageForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["language"]:
        return redirect(_safe_next(request, request.POST.get("next")))
    language = form.cleaned_data["language"]
    response = HttpResponseRedirect(_safe_next(request, form.cleaned_data["next"]))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    if request.user.is_authenticated:
        user_set_language(actor=request.user, user=request.user, language=language)
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = LanguageForm(request.POST)
        if form.is_valid():
            language = form.cleaned_data["language"]
            user_set_language(actor=request.user, user=request.user, language=language)
            translation.activate(language or translation.get_language_from_request(request))
            messages.success(request, _("Your language has been saved."))
            response = redirect("profile")
            if language:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    language,
                    samesite="Lax",
                    max_age=365 * 24 * 3600,
                    secure=request.is_secure(),
                    httponly=True,
                )
            else:
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
            return response
    else:
        form = LanguageForm(initial={"language": getattr(request.user, "language", "")})
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "membership": membership_of(request.user)},
    )


@login_required
def staff_home_redirect(request: HttpRequest) -> HttpResponse:
    """After log-in: staff go to their municipality's staff home, KL's national users to
    the national list, others to the front page."""
    membership = membership_of(request.user)
    if membership is not None:
        return redirect("staff_home", municipality_slug=membership.municipality.slug)
    if request.user.has_perm("simplification.view_national_list"):
        return redirect("simplification_national")
    return redirect(reverse("instance_home"))
