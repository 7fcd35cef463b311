from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Loads the demo data of every app; depends on all of them, nothing depends on it."""

    name = "enkelt.demo"
    label = "demo"
