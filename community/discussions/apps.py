from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    """Members' discussion threads, follows, notifications and moderation.

    Threads can be about anything (a tender, an event page) through a generic relation, so this
    app imports none of the apps whose objects it discusses; they attach threads to themselves.
    """

    name = "community.discussions"
    label = "discussions"
    verbose_name = "Discussions"

    def ready(self):
        # Each registers itself with the part of the members area that collects it.
        from community.discussions import home, notifications, personal_data  # noqa: F401
