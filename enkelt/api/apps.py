from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "enkelt.api"
    label = "api"
