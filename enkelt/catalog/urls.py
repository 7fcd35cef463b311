"""URLs of the catalog app under `/<municipality_slug>/`, namespace `catalog`."""

from django.urls import path

from enkelt.catalog import views

app_name = "catalog"

urlpatterns = [
    path("inspiration/publish/<uuid:case_id>/", views.publish_case, name="publish_case"),
]
