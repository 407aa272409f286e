import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class DeadlineFeed(models.Model):
    """A member's private address for the deadlines calendar.

    Calendar programs cannot log in, so the address itself is the key: long, random, and
    replaced (which revokes the old one) whenever the member asks. Each fetch is still filtered
    by what the member may see now, so a lapsed member's feed empties at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_feed"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"Deadlines calendar of {self.user}"

    @classmethod
    def renew_for(cls, user):
        feed, _created = cls.objects.update_or_create(
            user=user,
            defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
        )
        return feed
