from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "enkelt.catalog"
    label = "catalog"
    verbose_name = _("Inspiration catalogue")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from enkelt.catalog.danish_search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="catalog_da_stems")
