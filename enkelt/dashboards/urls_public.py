"""Open data of every municipality, under `/open-data/`, namespace `opendata`."""

from django.urls import path

from enkelt.dashboards import opendata

app_name = "opendata"

urlpatterns = [
    path("", opendata.index, name="index"),
    path("<slug:municipality_slug>/<slug:dataset>.<str:fmt>", opendata.dataset, name="dataset"),
]
