"""URLs of the simplification app under `/<municipality_slug>/`, namespace `simplification`."""

app_name = "simplification"

urlpatterns: list = []
