"""URLs of the dashboards app under `/<municipality_slug>/`, namespace `dashboards`."""

app_name = "dashboards"

urlpatterns: list = []
