"""KL's national overview, under `/kl/` (names without a namespace)."""

from django.urls import path

from enkelt.dashboards import views

urlpatterns = [
    path("overview/", views.national_overview, name="national_overview"),
]
