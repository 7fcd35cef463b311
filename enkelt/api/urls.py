from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from enkelt.api import views
from enkelt.regulations.api.views import RuleViewSet
from enkelt.simplification.api import views as simplification_views
from enkelt.submissions.api import views as submission_views

router = DefaultRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("units", views.UnitViewSet, basename="unit")
router.register("categories", submission_views.CategoryViewSet, basename="category")
router.register("submissions", submission_views.SubmissionViewSet, basename="submission")
router.register("rules", RuleViewSet, basename="rule")
router.register("cases", simplification_views.CaseViewSet, basename="case")
router.register("exemptions", simplification_views.ExemptionViewSet, basename="exemption")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api_token"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_docs"),
    path("funnel/", simplification_views.FunnelView.as_view(), name="funnel"),
    path("", include(router.urls)),
]
