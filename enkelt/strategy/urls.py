"""URLs of the strategy app under `/<municipality_slug>/`, namespace `strategy`."""

app_name = "strategy"

urlpatterns: list = []
