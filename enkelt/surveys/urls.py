"""URLs of the surveys app under `/<municipality_slug>/`, namespace `surveys`."""

app_name = "surveys"

urlpatterns: list = []
