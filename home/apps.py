from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared site parts"

    def ready(self):
        from home import caching, document_text, queries

        document_text.connect()
        caching.connect()
        queries.connect()
