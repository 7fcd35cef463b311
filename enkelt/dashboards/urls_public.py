"""Open data of every municipality, under `/open-data/`, namespace `opendata`."""

app_name = "opendata"

urlpatterns: list = []
