"""URLs of the outcomes app under `/<municipality_slug>/`, namespace `outcomes`."""

app_name = "outcomes"

urlpatterns: list = []
