"""Test-only URLconf: the real URLs plus views that fail as if the database were down."""

from django.db import OperationalError
from django.urls import path

from config import urls as project_urls

handler404 = project_urls.handler404
handler500 = project_urls.handler500


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [
    path("test/database-down/", database_down),
    path("open311/test/database-down/", database_down),
    *project_urls.urlpatterns,
]
