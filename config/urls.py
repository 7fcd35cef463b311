"""URL map. Municipality pages come last: their first segment is a free slug."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from enkelt.accounts import views as account_views
from enkelt.core import views as core_views
from enkelt.tenants import views as tenant_views

handler400 = "enkelt.core.views.bad_request"
handler403 = "enkelt.core.views.permission_denied"
handler404 = "enkelt.core.views.page_not_found"
handler500 = "enkelt.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("enkelt.api.urls")),
    path("open311/v2/", include("enkelt.open311.urls")),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/", include("allauth.urls")),
    path("language/", account_views.language_switch, name="language_switch"),
    path("staff/", account_views.staff_home_redirect, name="staff_home_redirect"),
    path("accessibility/", core_views.accessibility_statement, name="accessibility"),
    # The benchmark's floor (framework and server alone); only with ENKELT_BENCH=1.
    *(
        [path("bench/floor", core_views.bench_floor, name="bench_floor")]
        if settings.ENKELT_BENCH
        else []
    ),
    # KL's national views (`kl` is a reserved slug, never a municipality).
    path("kl/", include("enkelt.simplification.urls_national")),
    path("kl/", include("enkelt.dashboards.urls_national")),
    path("inspiration/", include("enkelt.catalog.urls_public")),
    path("open-data/", include("enkelt.dashboards.urls_public")),
    path("", tenant_views.instance_home, name="instance_home"),
    path("", include("enkelt.tenants.urls")),
]
