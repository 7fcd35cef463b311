"""URLs of the regulations app under `/<municipality_slug>/`, namespace `regulations`."""

app_name = "regulations"

urlpatterns: list = []
