"""URLs of the dashboards app under `/<municipality_slug>/`, namespace `dashboards`."""

from django.urls import path

from enkelt.dashboards import exports, views

app_name = "dashboards"

urlpatterns = [
    path("overview/", views.council, name="council"),
    path("overview/pdf/", views.council_pdf, name="council_pdf"),
    path("overview/mine/", views.mine, name="mine"),
    path("exports/<slug:dataset>.<str:fmt>", exports.export, name="export"),
]
