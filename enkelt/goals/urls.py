"""URLs of the goals app under `/<municipality_slug>/`, namespace `goals`."""

app_name = "goals"

urlpatterns: list = []
