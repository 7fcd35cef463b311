from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "enkelt.core"
    label = "core"
