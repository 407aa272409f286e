import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use link with which someone becomes a member without applying.

    Only a hash of the link's token is stored, so the database alone cannot be used to accept
    an invitation.
    """

    email = models.EmailField(help_text="Where the invitation is sent.")
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation the invitee joins for; they choose one themselves if empty.",
    )
    message = models.TextField(blank=True, help_text="A personal note included in the email.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation to {self.email}"

    @property
    def state(self):
        if self.accepted_at:
            return "accepted"
        if self.expires_at <= timezone.now():
            return "expired"
        return "waiting"

    def new_token(self):
        """A fresh token for the link; only its hash is kept, so call this before saving and
        put the returned token in the email."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.expires_at = timezone.now() + datetime.timedelta(days=settings.MEMBER_INVITATION_DAYS)
        return token

    @classmethod
    def find_usable(cls, token):
        if not token or len(token) > 100:
            return None
        return cls.objects.usable().filter(token_hash=hash_token(token)).first()
