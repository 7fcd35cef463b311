"""KL's national list, under `/kl/` (a reserved slug: never a municipality)."""

from django.urls import path

from enkelt.simplification.views import national

urlpatterns = [
    path("simplification/", national.national_list, name="simplification_national"),
]
