"""URLs of the ideas app under `/<municipality_slug>/`, namespace `ideas`."""

app_name = "ideas"

urlpatterns: list = []
