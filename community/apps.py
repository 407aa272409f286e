from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The members-only area: organisations, profiles, the tender library and threads.

    The public apps never import from here; this app may import from them.
    """

    name = "community"
    verbose_name = "Members area"

    def ready(self):
        from community import kept

        kept.connect()
