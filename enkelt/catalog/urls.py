"""URLs of the catalog app under `/<municipality_slug>/`, namespace `catalog`."""

app_name = "catalog"

urlpatterns: list = []
