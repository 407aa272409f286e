from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "Site search"
