"""The shared inspiration catalogue, under `/inspiration/`, namespace `catalog_public`."""

from django.urls import path

from enkelt.catalog import views

app_name = "catalog_public"

urlpatterns = [
    path("", views.search, name="search"),
    path("data.<str:fmt>", views.open_data, name="open_data"),
    path("<uuid:example_id>/", views.detail, name="detail"),
    path("<uuid:example_id>/curate/", views.curate, name="curate"),
]
