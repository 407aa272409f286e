from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SiteSearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "Site search"

    def ready(self):
        # Each app declares its own searchable content in an ``indexing`` module; finding those
        # here keeps the content apps' AppConfigs free of search wiring.
        autodiscover_modules("indexing")

        from search import signals

        signals.connect()
