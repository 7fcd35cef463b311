"""The shared inspiration catalogue, under `/inspiration/`, namespace `catalog_public`."""

app_name = "catalog_public"

urlpatterns: list = []
