from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from enkelt.api import views

router = DefaultRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("units", views.UnitViewSet, basename="unit")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api_token"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include(router.urls)),
]
